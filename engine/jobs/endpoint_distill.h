#pragma once
// Distill through the endpoint: the near-duplicate clusters MinHash found are sent to the
// distill model, which writes each cluster's merged IdeaBlock. MinHash still decides
// what is similar; the model only decides how similar blocks read once merged.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "engine/domain/ideablock.h"
#include "engine/pipeline/cancel.h"
#include "engine/pipeline/endpoint/endpoint.h"

namespace blockify {

// The distill model is sent at most this many blocks per request.
inline constexpr size_t kMaxDistillGroupBlocks = 20;

struct EndpointDistillResult {
  int groups = 0;                     // requests sent (one per group of a cluster)
  int groups_merged = 0;              // groups whose reply became the merged content
  std::vector<std::string> warnings;  // one sentence per group whose local merge was kept
  bool cancelled = false;             // stopped by the cancel token; `blocks` may be partly merged
};

// Sends every cluster with more than one block to the distill model, in groups of at
// most kMaxDistillGroupBlocks (a larger cluster gives one merged block per group), and
// writes the reply into the group: its first block becomes the group's representative's
// content (name, question, answer, tags, keywords, entities; a field the reply leaves out
// keeps the block's own value). A reply that keeps several distinct ideas apart gives
// each further idea to the next member of the group, which then stands for itself.
// Block ids never change. A group whose request fails for good (after `retry`), or whose
// reply holds more blocks than it was sent, keeps its MinHash result and adds a warning.
// REQUIRES: representative[i] is the index of block i's representative, as distill()
// returns it. Updates `blocks` and `representative` in place. Runs up to
// endpoint.parallel requests at once; `on_group_done(done, total)` and `on_note(text)`
// (retry countdowns, "" to clear) are called one at a time.
EndpointDistillResult distill_through_endpoint(std::vector<IdeaBlock>& blocks,
                                               std::vector<size_t>& representative,
                                               const EndpointSettings& endpoint, const BackoffPolicy& retry,
                                               const CancelToken& cancel,
                                               const std::function<void(int done, int total)>& on_group_done,
                                               const std::function<void(const std::string&)>& on_note);

}  // namespace blockify
