#include "engine/jobs/chunk_blockifier.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "engine/pipeline/text/blockify_offline.h"
#include "engine/platform/mutex.h"

namespace blockify {
namespace {

// A model reply can be long; the job's log keeps enough of it to see what went wrong.
constexpr size_t kMaxRawReplyChars = 2000;

std::string shortened(const std::string& text) {
  if (text.size() <= kMaxRawReplyChars) return text;
  size_t cut = kMaxRawReplyChars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // not inside a UTF-8 sequence
  return text.substr(0, cut) + "…";
}

ChunkBlocksResult run_offline(const std::vector<Chunk>& chunks, const CancelToken& cancel,
                              const std::function<void(int64_t)>& on_chunk_done) {
  ChunkBlocksResult r;
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (cancel.cancelled()) {
      r.cancelled = true;
      return r;
    }
    for (auto& b : blockify_offline(chunks[i].text)) {
      b.chunk_index = static_cast<int>(i);
      r.blocks.push_back(std::move(b));
    }
    on_chunk_done(static_cast<int64_t>(i + 1));
  }
  return r;
}

// Holds one request slot, if there is a slot count at all; acquiring gives up on cancel.
class SlotHold {
 public:
  SlotHold(RequestSlots* slots, const CancelToken& cancel) {
    if (!slots) return;
    while (!slots->try_acquire_for(std::chrono::milliseconds(20)))
      if (cancel.cancelled()) return;
    slots_ = slots;
  }
  ~SlotHold() {
    if (slots_) slots_->release();
  }
  SlotHold(const SlotHold&) = delete;
  SlotHold& operator=(const SlotHold&) = delete;

 private:
  RequestSlots* slots_ = nullptr;
};

EndpointReply send_chunk(const EndpointSettings& endpoint, const std::string& text, RequestSlots* slots,
                         const CancelToken& cancel) {
  SlotHold hold(slots, cancel);
  if (cancel.cancelled()) {
    EndpointReply reply;
    reply.cancelled = true;
    reply.error = {error_code::kInterrupted, "The request was cancelled before it was sent.",
                   default_hint(error_code::kInterrupted)};
    return reply;
  }
  return blockify_via_endpoint(endpoint, text, &cancel);
}

ChunkBlocksResult run_endpoint(const std::vector<Chunk>& chunks, const EndpointSettings& endpoint,
                               const BackoffPolicy& policy, RequestSlots* slots, const CancelToken& cancel,
                               const std::function<void(int64_t)>& on_chunk_done,
                               const std::function<void(const std::string&)>& on_note) {
  std::vector<EndpointReply> replies(chunks.size());
  std::atomic<size_t> next{0};
  std::atomic<int64_t> done{0};
  std::atomic<bool> stop{false};
  Mutex report_mutex;
  auto work = [&] {
    for (;;) {
      size_t i = next.fetch_add(1);
      if (i >= chunks.size() || stop.load() || cancel.cancelled()) return;
      int tries = 0;
      replies[i] = with_request_retries(
          [&] { return send_chunk(endpoint, chunks[i].text, slots, cancel); }, policy, &cancel,
          [&](int try_number, double delay_s) {
            MutexLock lock(report_mutex);
            on_note("chunk " + std::to_string(i + 1) + ": retrying in " +
                    std::to_string(static_cast<int>(delay_s + 0.5)) + " s (try " +
                    std::to_string(try_number) + " of " + std::to_string(policy.max_tries) + ")");
          },
          &tries, 42 + i);
      if (!replies[i].error.empty()) stop.store(true);  // a chunk failed for good: stop this file
      MutexLock lock(report_mutex);
      on_chunk_done(++done);
      if (tries > 1) on_note("");
    }
  };
  int n = std::max(1, std::min<int>(endpoint.parallel, static_cast<int>(chunks.size())));
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t) threads.emplace_back(work);
  for (auto& t : threads) t.join();

  ChunkBlocksResult r;
  r.cancelled = cancel.cancelled();
  for (size_t i = 0; i < replies.size(); ++i) {
    auto& reply = replies[i];
    if (reply.cancelled) r.cancelled = true;
    if (!reply.error.empty() && r.error.empty() && !reply.cancelled) {
      r.error = reply.error;
      r.error.message = "Chunk " + std::to_string(i + 1) + ": " + reply.error.message;
      r.transient = reply.transient;
      if (reply.error.code == error_code::kBadModelOutput) r.raw_reply = shortened(reply.raw);
    }
    for (auto& b : reply.blocks) {
      b.chunk_index = static_cast<int>(i);
      r.blocks.push_back(std::move(b));
    }
  }
  return r;
}

}  // namespace

ChunkBlocksResult blockify_chunks(const std::vector<Chunk>& chunks, Backend backend,
                                  const EndpointSettings& endpoint, const BackoffPolicy& retry,
                                  RequestSlots* slots, const CancelToken& cancel,
                                  const std::function<void(int64_t)>& on_chunk_done,
                                  const std::function<void(const std::string&)>& on_note) {
  if (backend == Backend::OpenAI)
    return run_endpoint(chunks, endpoint, retry, slots, cancel, on_chunk_done, on_note);
  return run_offline(chunks, cancel, on_chunk_done);
}

}  // namespace blockify
