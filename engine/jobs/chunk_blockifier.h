#pragma once
// Turns a file's chunks into IdeaBlocks with the job's backend: the offline blockifier,
// or the OpenAI-compatible endpoint with `parallel` requests in flight and request-level
// retries of transient failures.
#include <functional>
#include <semaphore>
#include <string>
#include <vector>

#include "engine/domain/job.h"
#include "engine/pipeline/cancel.h"
#include "engine/pipeline/text/chunk.h"
#include "engine/pipeline/endpoint/endpoint.h"

namespace blockify {

// Request slots shared by the files of one job that run side by side, so the job as a
// whole keeps at most endpoint.parallel requests in flight.
using RequestSlots = std::counting_semaphore<1024>;

struct ChunkBlocksResult {
  std::vector<IdeaBlock> blocks;  // in chunk order; chunk_index set
  ErrorInfo error;                // first chunk that failed for good
  bool transient = false;         // that failure was transient (retries exhausted)
  std::string raw_reply;          // that chunk's model reply when it had no IdeaBlock (shortened)
  bool cancelled = false;
};

// `on_chunk_done(done_count)` after each chunk; `on_note(text)` for retry countdowns.
// `retry` says how often and how patiently a transiently failing request is retried.
// `slots` (may be null) is taken around each request; waiting for one wakes on cancel.
ChunkBlocksResult blockify_chunks(const std::vector<Chunk>& chunks, Backend backend,
                                  const EndpointSettings& endpoint, const BackoffPolicy& retry,
                                  RequestSlots* slots, const CancelToken& cancel,
                                  const std::function<void(int64_t)>& on_chunk_done,
                                  const std::function<void(const std::string&)>& on_note);

}  // namespace blockify
