#pragma once
// What a job's Embeddings stage did, as `job show`, its --json and the metric cards show it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace blockify {

struct JobEmbeddings {
  std::string model;
  int dimensions = 0;
  int64_t blocks = 0;    // the job's IdeaBlocks that have a vector
  int64_t requests = 0;  // embeddings requests of the last attempt, retries included
  int64_t tokens = 0;    // input tokens the server counted in the last attempt
  double seconds = 0;    // time the last attempt spent embedding
  int64_t embedded_this_attempt = 0;

  // IdeaBlocks embedded per minute in the last attempt; 0 when too short to say.
  double blocks_per_minute() const;
};

// {"model", "dimensions", "blocks", "requests", "tokens", "seconds", "blocks_per_minute"}.
nlohmann::json to_json(const JobEmbeddings& embeddings);
// "1,200 IdeaBlocks with nomic-embed-text (768 dimensions); 19 requests, 45,000 tokens, 3,400 per minute".
std::string embeddings_summary(const JobEmbeddings& embeddings);

}  // namespace blockify
