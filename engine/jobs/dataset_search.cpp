#include "engine/jobs/dataset_search.h"

#include "engine/core/settings.h"
#include "engine/pipeline/endpoint/embeddings.h"

namespace blockify {
namespace {

void search_by_words(store::JobStore& store, const std::string& dataset, const std::string& query, size_t top,
                     DatasetSearchResult& result) {
  for (auto& block : store.load_dataset_blocks(dataset, query, 0, static_cast<int64_t>(top))) {
    int64_t job_id = 0;
    store.load_block(block.id, &job_id);
    result.hits.push_back({std::move(block), job_id, 0.0f});
  }
}

bool dataset_exists(store::JobStore& store, const std::string& dataset) {
  for (const auto& d : store.list_datasets())
    if (d.name == dataset) return true;
  return false;
}

}  // namespace

DatasetSearchResult search_dataset(store::JobStore& store, store::DatasetVectorCache& cache,
                                   const std::string& dataset, const std::string& query, size_t top,
                                   bool by_meaning, const CancelToken* cancel) {
  DatasetSearchResult result;
  if (!dataset_exists(store, dataset)) {
    result.error = {error_code::kFileNotFound, "There is no dataset \"" + dataset + "\".",
                    "`blockify dataset list` shows the datasets there are."};
    return result;
  }
  const store::DatasetVectors vectors = by_meaning ? store.dataset_vectors(dataset) : store::DatasetVectors{};
  if (!by_meaning || vectors.count == 0 || vectors.dimensions <= 0) {
    if (by_meaning)
      result.note = "The dataset \"" + dataset +
                    "\" has no vectors, so it was searched by words (FTS5). Set "
                    "embeddings.model and run a job into it to search it by meaning.";
    search_by_words(store, dataset, query, top, result);
    return result;
  }

  EmbeddingSettings embeddings = settings::embedding_settings(store);
  embeddings.model = vectors.model;
  // A model asked for shortened vectors then must be asked the same way now.
  embeddings.dimensions = embeddings.dimensions > 0 ? vectors.dimensions : 0;
  const EndpointSettings endpoint = settings::endpoint_settings(store);
  EndpointReply reply =
      with_request_retries([&] { return embed_via_endpoint(endpoint, embeddings, {query}, cancel); },
                           settings::request_backoff(store), cancel, nullptr);
  if (!reply.error.empty()) {
    result.error = reply.error;
    result.error.message = "The search query could not be embedded: " + reply.error.message;
    return result;
  }
  if (reply.vectors.size() != 1 || reply.vectors[0].size() != static_cast<size_t>(vectors.dimensions)) {
    result.error = {error_code::kBadModelOutput,
                    "The model " + vectors.model + " sent a query vector of " +
                        std::to_string(reply.vectors.empty() ? 0 : reply.vectors[0].size()) +
                        " dimensions, but the dataset's vectors have " + std::to_string(vectors.dimensions) +
                        ".",
                    "Set embeddings.dimensions to " + std::to_string(vectors.dimensions) +
                        " in Settings, then search again."};
    return result;
  }
  result.by_meaning = true;
  if (vectors.stale)
    result.note = "The dataset's vectors are stale (embeddings.model changed since); searched with " +
                  vectors.model + ", the model they were made with.";
  auto matrix = cache.matrix(store, dataset);
  for (const VectorHit& hit : nearest_vectors(*matrix, reply.vectors[0], top)) {
    int64_t job_id = 0;
    if (auto block = store.load_block(hit.block_id, &job_id))
      result.hits.push_back({std::move(*block), job_id, hit.score});
  }
  return result;
}

}  // namespace blockify
