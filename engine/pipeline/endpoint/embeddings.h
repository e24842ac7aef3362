#pragma once
// Embeddings through any OpenAI-compatible server: POST {url}/embeddings with a batch of
// texts, one vector back per text. Requests go through the chat client's HTTP code, so
// key handling, reply cap, error classes, backoff and cancel are the same.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/domain/ideablock.h"
#include "engine/pipeline/cancel.h"
#include "engine/pipeline/endpoint/endpoint.h"

namespace blockify {

// The embeddings.* settings.
struct EmbeddingSettings {
  std::string model;   // empty: embeddings are off
  std::string url;     // base URL ("/embeddings" is appended); empty: endpoint.url
  int batch = 64;      // inputs per request
  int dimensions = 0;  // sent as "dimensions" when > 0 (models that can shorten vectors)
  bool enabled() const { return !model.empty(); }
};

// The text a block is embedded from, the same for every backend: its name, critical
// question and trusted answer, one per line.
std::string embedding_text(const IdeaBlock& block);

// One request for `inputs` (at most a batch). The reply's `vectors` are in input order;
// `prompt_tokens` is the server's usage count. A body that is not an embeddings list, with
// another count of vectors than inputs, vectors of unequal length, or of another length
// than `dimensions` asked for, is BAD_MODEL_OUTPUT.
EndpointReply embed_via_endpoint(const EndpointSettings& endpoint, const EmbeddingSettings& embeddings,
                                 const std::vector<std::string>& inputs, const CancelToken* cancel = nullptr);

// Reads a 2xx embeddings body (see embed_via_endpoint). Never throws.
EndpointReply read_embeddings(long status, const std::string& body, const std::string& shown_url,
                              size_t inputs, int dimensions);

// What embedding a list of texts did.
struct EmbedTextsResult {
  std::vector<std::vector<float>> vectors;  // per text; empty for texts not reached
  int64_t requests = 0;                     // HTTP requests sent, retries included
  int64_t tokens = 0;                       // prompt tokens the server reported
  ErrorInfo error;                          // the batch that failed for good, else empty
  bool transient = false;                   // that failure may heal by itself
  bool cancelled = false;
};

// One batch's vectors as they arrive, with the totals so far.
struct EmbeddedBatch {
  size_t first = 0;                         // index of the batch's first text
  std::vector<std::vector<float>> vectors;  // one per text of the batch
  int64_t requests = 0, tokens = 0;         // all batches so far, this one included
};

// Embeds `texts` in batches of `embeddings.batch`, each request retried per `policy`.
// `on_batch` is called after each batch so the caller can store vectors as they come (a
// resumed job keeps them); `on_note` gets "embeddings batch 3: retrying in 8 s (try 2 of
// 5)" and "" once it is over. Stops at the first batch that fails for good, or at cancel.
EmbedTextsResult embed_texts(const std::vector<std::string>& texts, const EndpointSettings& endpoint,
                             const EmbeddingSettings& embeddings, const BackoffPolicy& policy,
                             const CancelToken& cancel,
                             const std::function<void(const EmbeddedBatch&)>& on_batch,
                             const std::function<void(const std::string&)>& on_note);

}  // namespace blockify
