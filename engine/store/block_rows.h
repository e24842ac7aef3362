#pragma once
// How JobStore reads IdeaBlocks from its rows (result_store.cpp, vector_store.cpp), so that
// every query that returns blocks reads their columns the same way.
#include "engine/domain/ideablock.h"
#include "engine/store/sqlite.h"

namespace blockify::store {

// Reads the next columns: id, file_id, source_file, chunk_index, name, critical_question,
// trusted_answer, tags, entities, keywords, merged_into.
IdeaBlock read_block(sql::Row& row);

// A block's texts (what it is embedded from) from the next three columns: name,
// critical_question, trusted_answer.
void read_block_text(sql::Row& row, IdeaBlock& block);

}  // namespace blockify::store
