// Automatic retry of transient endpoint failures. Full jitter spreads the retries of
// many parallel workers apart so a recovering server is not hit by all of them at once.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

#include "engine/pipeline/endpoint/endpoint.h"

namespace blockify {
namespace {

// Slices the wait so a cancel is noticed within one slice.
constexpr auto kCancelCheckInterval = std::chrono::milliseconds(20);

// Returns false when the wait was cut short by a cancel.
bool sleep_unless_cancelled(double seconds, const CancelToken* cancel) {
  using Clock = std::chrono::steady_clock;
  const auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (true) {
    if (cancel && cancel->cancelled()) return false;
    auto now = Clock::now();
    if (now >= deadline) return true;
    std::this_thread::sleep_for(std::min<Clock::duration>(deadline - now, kCancelCheckInterval));
  }
}

EndpointReply cancelled_while_waiting(EndpointReply last) {
  last.cancelled = true;
  last.transient = false;
  last.error = {error_code::kInterrupted,
                "The request was cancelled while waiting to retry. " + last.error.message,
                default_hint(error_code::kInterrupted)};
  return last;
}

}  // namespace

double BackoffPolicy::delay_for(int try_index, double retry_after_s, std::mt19937_64& rng) const {
  const double cap = std::max(0.0, cap_s);
  // 2^try grows past any cap quickly; clamp the exponent so it never overflows.
  const double ceiling = std::min(cap, std::max(0.0, base_s) * std::exp2(std::clamp(try_index, 0, 60)));
  double delay = ceiling > 0 ? std::uniform_real_distribution<double>(0.0, ceiling)(rng) : 0.0;
  if (retry_after_s > 0) delay = std::max(delay, std::min(retry_after_s, cap));
  return delay;
}

EndpointReply with_request_retries(const std::function<EndpointReply()>& request, const BackoffPolicy& policy,
                                   const CancelToken* cancel,
                                   const std::function<void(int try_number, double delay_s)>& on_wait,
                                   int* tries_used, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const int max_tries = std::max(1, policy.max_tries);
  EndpointReply reply;
  int tries = 0;
  for (int try_number = 1; try_number <= max_tries; ++try_number) {
    tries = try_number;
    reply = request();
    const bool retryable = !reply.error.empty() && reply.transient && !reply.cancelled;
    if (!retryable || try_number == max_tries) break;
    if (cancel && cancel->cancelled()) {
      reply = cancelled_while_waiting(std::move(reply));
      break;
    }
    const double delay = policy.delay_for(try_number - 1, reply.retry_after_s, rng);
    if (on_wait) on_wait(try_number + 1, delay);
    if (!sleep_unless_cancelled(delay, cancel)) {
      reply = cancelled_while_waiting(std::move(reply));
      break;
    }
  }
  if (tries_used) *tries_used = tries;
  return reply;
}

}  // namespace blockify
