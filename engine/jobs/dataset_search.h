#pragma once
// Searching a dataset's IdeaBlocks by meaning (the query embedded through the same
// endpoint, then exact cosine over the dataset's vectors) or by words (FTS5). A dataset
// without vectors is searched by words, and the result says so.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/domain/error.h"
#include "engine/domain/ideablock.h"
#include "engine/pipeline/cancel.h"
#include "engine/store/job_store.h"
#include "engine/store/vector_cache.h"

namespace blockify {

struct SearchHit {
  IdeaBlock block;
  int64_t job_id = 0;
  float score = 0;  // cosine; 0 for a search by words
};

struct DatasetSearchResult {
  std::vector<SearchHit> hits;  // best first
  bool by_meaning = false;      // false: FTS5 word search
  std::string note;             // e.g. why it fell back to words; empty otherwise
  ErrorInfo error;              // the dataset is missing, or the query could not be embedded
};

// The most blocks one search returns: the engine clamps `top` to 1..kMaxSearchTop, the CLI
// refuses a --top outside it.
inline constexpr int kMaxSearchTop = 1000;

// The `top` blocks of `dataset` nearest to `query`. By meaning when `by_meaning` and the
// dataset has vectors: the query is embedded with the dataset's own model (so it matches
// its vectors even when embeddings.model changed since) through embeddings.url or
// endpoint.url, with the endpoint's key, retries and error classes. Otherwise by words.
DatasetSearchResult search_dataset(store::JobStore& store, store::DatasetVectorCache& cache,
                                   const std::string& dataset, const std::string& query, size_t top,
                                   bool by_meaning, const CancelToken* cancel = nullptr);

}  // namespace blockify
