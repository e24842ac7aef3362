#include "engine/jobs/endpoint_distill.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <unordered_map>

#include "engine/platform/mutex.h"

namespace blockify {
namespace {

// Block indices of one request; [0] is the block that stands for the group.
using Group = std::vector<size_t>;

// Clusters in order of their first merged block, each with its representative first,
// cut into groups of nearly equal size so no group is a lone leftover block.
std::vector<Group> groups_to_send(const std::vector<size_t>& representative) {
  std::vector<Group> clusters;
  std::unordered_map<size_t, size_t> cluster_of;  // representative → index in clusters
  for (size_t i = 0; i < representative.size(); ++i) {
    size_t rep = representative[i];
    if (rep == i) continue;
    auto [it, added] = cluster_of.try_emplace(rep, clusters.size());
    if (added) clusters.push_back({rep});
    clusters[it->second].push_back(i);
  }
  std::vector<Group> groups;
  for (const auto& cluster : clusters) {
    size_t count = (cluster.size() + kMaxDistillGroupBlocks - 1) / kMaxDistillGroupBlocks;
    size_t begin = 0;
    for (size_t g = 0; g < count; ++g) {
      size_t size = (cluster.size() - begin) / (count - g);
      groups.emplace_back(cluster.begin() + static_cast<std::ptrdiff_t>(begin),
                          cluster.begin() + static_cast<std::ptrdiff_t>(begin + size));
      begin += size;
    }
  }
  return groups;
}

// The model's merged block replaces the block's text; what the model left out stays.
void take_content(IdeaBlock& block, IdeaBlock&& merged) {
  if (!merged.name.empty()) block.name = std::move(merged.name);
  if (!merged.critical_question.empty()) block.critical_question = std::move(merged.critical_question);
  if (!merged.trusted_answer.empty()) block.trusted_answer = std::move(merged.trusted_answer);
  if (!merged.tags.empty()) block.tags = std::move(merged.tags);
  if (!merged.keywords.empty()) block.keywords = std::move(merged.keywords);
  if (!merged.entities.empty()) block.entities = std::move(merged.entities);
}

std::string kept_local(const Group& group, const std::vector<IdeaBlock>& blocks, const std::string& why) {
  return "The distill model did not merge " + std::to_string(group.size()) + " similar IdeaBlocks like \"" +
         blocks[group[0]].name + "\": " + why + " Their local merge was kept.";
}

}  // namespace

EndpointDistillResult distill_through_endpoint(std::vector<IdeaBlock>& blocks,
                                               std::vector<size_t>& representative,
                                               const EndpointSettings& endpoint, const BackoffPolicy& retry,
                                               const CancelToken& cancel,
                                               const std::function<void(int done, int total)>& on_group_done,
                                               const std::function<void(const std::string&)>& on_note) {
  EndpointDistillResult result;
  const std::vector<Group> groups = groups_to_send(representative);
  result.groups = static_cast<int>(groups.size());
  if (groups.empty()) return result;

  std::vector<EndpointReply> replies(groups.size());
  std::atomic<size_t> next{0};
  int done = 0;
  Mutex report_mutex;
  auto work = [&] {
    for (;;) {
      size_t g = next.fetch_add(1);
      if (g >= groups.size() || cancel.cancelled()) return;
      std::vector<IdeaBlock> sent;
      for (size_t i : groups[g]) sent.push_back(blocks[i]);
      int tries = 0;
      replies[g] = with_request_retries(
          [&] { return distill_via_endpoint(endpoint, sent, &cancel); }, retry, &cancel,
          [&](int try_number, double delay_s) {
            MutexLock lock(report_mutex);
            on_note("distill group " + std::to_string(g + 1) + " of " + std::to_string(groups.size()) +
                    ": retrying in " + std::to_string(static_cast<int>(delay_s + 0.5)) + " s (try " +
                    std::to_string(try_number) + " of " + std::to_string(std::max(1, retry.max_tries)) + ")");
          },
          &tries, 7 + g);
      MutexLock lock(report_mutex);
      on_group_done(++done, result.groups);
      if (tries > 1) on_note("");
    }
  };
  int threads = std::max(1, std::min(endpoint.parallel, result.groups));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();

  if (cancel.cancelled()) {
    result.cancelled = true;
    return result;
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    const Group& group = groups[g];
    EndpointReply& reply = replies[g];
    if (!reply.error.empty()) {
      result.warnings.push_back(kept_local(group, blocks, reply.error.message));
      continue;
    }
    if (reply.blocks.size() > group.size()) {
      result.warnings.push_back(kept_local(group, blocks,
                                           "its reply held " + std::to_string(reply.blocks.size()) +
                                               " IdeaBlocks for the " + std::to_string(group.size()) +
                                               " it was sent."));
      continue;
    }
    for (size_t j = 0; j < group.size(); ++j) {
      if (j < reply.blocks.size()) {
        take_content(blocks[group[j]], std::move(reply.blocks[j]));
        representative[group[j]] = group[j];
      } else {
        representative[group[j]] = group[0];
      }
    }
    result.groups_merged++;
  }
  return result;
}

}  // namespace blockify
