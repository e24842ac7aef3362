#pragma once
// How JobStore reads IdeaBlocks from its rows (result_store.cpp, vector_store.cpp), so that
// every query that returns blocks reads their columns the same way.
#include "engine/domain/ideablock.h"
#include "engine/store/sqlite.h"

namespace blockify::store {

// A row whose first columns are id, file_id, source_file, chunk_index, name,
// critical_question, trusted_answer, tags, entities, keywords, merged_into.
IdeaBlock read_block(const sql::Statement& s);

// A block's texts (what it is embedded from) from three columns starting at `first`:
// name, critical_question, trusted_answer.
void read_block_text(const sql::Statement& s, int first, IdeaBlock& block);

}  // namespace blockify::store
