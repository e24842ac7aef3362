#pragma once
// The OpenAI-compatible endpoint: POST {base}/chat/completions, reply parsed as IdeaBlock
// XML. Errors are classified so the engine knows which ones heal by themselves.
//
// Folder engine/pipeline/endpoint/: the HTTP client for OpenAI-compatible servers. Chat
// (blockify, distill), embeddings, backoff and the error classes. Blocking calls, made
// on a worker or a background thread, never on the engine thread or the UI thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/domain/error.h"
#include "engine/domain/ideablock.h"
#include "engine/pipeline/cancel.h"

namespace blockify {

struct EndpointSettings {
  std::string url = "http://127.0.0.1:8080/v1";  // base URL; "/chat/completions" is appended
  std::string ingest_model = "blockify-ingest";
  std::string distill_model = "blockify-distill";
  double timeout_s = 120;
  int parallel = 4;
  int max_tokens = 4096;
  double temperature = 0.5;
  std::string api_key;  // never logged; may be empty
  // A reply body larger than this fails the request with BAD_MODEL_OUTPUT (permanent)
  // as soon as it crosses the cap: replies stream into a buffer that never grows past it.
  int64_t max_reply_bytes = 16ll << 20;
};

struct EndpointReply {
  ErrorInfo error;           // empty on success
  bool transient = false;    // the error may heal by itself (retry later)
  double retry_after_s = 0;  // from a Retry-After header, 0 when absent
  int http_status = 0;       // 0 when no HTTP reply (connection refused, timeout, cancel)
  bool cancelled = false;
  std::string raw;  // the model's message content (or the raw body on errors)
  std::vector<IdeaBlock> blocks;
  double latency_s = 0;
  int64_t completion_tokens = 0;  // from "usage" when the server reports it
  // Embedding requests (embeddings.h): one vector per input, in input order, and the
  // tokens the server counted for the inputs ("usage.prompt_tokens").
  std::vector<std::vector<float>> vectors;
  int64_t prompt_tokens = 0;
};

// Reads a 2xx body of an endpoint request into a reply; never throws.
using EndpointBodyReader =
    std::function<EndpointReply(long status, const std::string& body, const std::string& shown_url)>;

// POSTs a JSON `payload` to `url` with the settings' API key, timeouts and reply cap, and
// cancel within ~200 ms. A 2xx body goes to `read_ok`; anything else is classified as
// classify_http_error / classify_transport_error say. The API key never appears in the
// reply's texts. Chat and embedding requests both go through here.
EndpointReply post_endpoint_json(const EndpointSettings& settings, const std::string& url,
                                 const std::string& payload, const CancelToken* cancel,
                                 const EndpointBodyReader& read_ok);

// `base` with `path` appended unless it already ends with it ("/chat/completions").
std::string endpoint_url(std::string_view base, std::string_view path);
// The URL as messages show it: no user:pass@, no query string.
std::string display_url(std::string_view url);

// The short text that tests a model (the Settings view's "Test model", `blockify settings
// test`): sent to the ingest model as one chunk.
inline constexpr std::string_view kEndpointTestText =
    "Blockify turns documents into IdeaBlocks. A failed job can be retried with one click; the retry starts "
    "fresh with the same configuration, and cancelling keeps partial results.";

// Sends one chunk to the ingest model and parses IdeaBlocks from the reply. A reply with
// no parsable block is BAD_MODEL_OUTPUT (raw kept). Cancel aborts within ~200 ms.
EndpointReply blockify_via_endpoint(const EndpointSettings& settings, std::string_view chunk,
                                    const CancelToken* cancel = nullptr);

// Sends a cluster of similar blocks (at most 20) to the distill model; the reply's blocks
// are the merged result.
EndpointReply distill_via_endpoint(const EndpointSettings& settings, const std::vector<IdeaBlock>& cluster,
                                   const CancelToken* cancel = nullptr);

// Reads a 2xx chat-completion body: choices[0].message.content parsed as IdeaBlock XML,
// and usage.completion_tokens. A body that is not a completion, or whose message holds
// no IdeaBlock, is BAD_MODEL_OUTPUT (the raw text kept); `shown_url` names the endpoint
// in messages. Never throws.
EndpointReply read_chat_completion(long status, const std::string& body, const std::string& shown_url);

// Classifies an HTTP status and body: 429/5xx TRANSIENT, 401/403 AUTH, 404 MODEL_NOT_FOUND,
// 400 with a context-length message CONTEXT_TOO_LONG, other 4xx REQUEST_REJECTED.
EndpointReply classify_http_error(int http_status, std::string_view body, std::string_view url);

// Classifies a failure with no HTTP reply; `curl_code` is a CURLcode. Connection
// refused, DNS failure, timeout and a dropped connection are TRANSIENT; a malformed URL
// or a TLS problem is REQUEST_REJECTED (it will not heal by itself).
EndpointReply classify_transport_error(int curl_code, std::string_view url);

// The delay a Retry-After header asks for, in seconds: delta-seconds or an HTTP date.
// 0 when the value is absent or unreadable, never negative.
double parse_retry_after(std::string_view header_value);

// Exponential backoff with full jitter: a uniform delay in [0, min(cap, base * 2^try)],
// but never less than `retry_after_s` when the server asked for one.
struct BackoffPolicy {
  double base_s = 1.0;
  double cap_s = 60.0;
  int max_tries = 5;
  double delay_for(int try_index, double retry_after_s, std::mt19937_64& rng) const;
};

// Runs `request` until it succeeds, fails permanently, is cancelled, or max_tries is
// reached, sleeping per `policy` between transient failures (the sleep wakes on cancel).
// `on_wait(try_number, delay_s)` is told before each sleep so the UI can show
// "retrying in 8 s (try 3 of 5)". Returns the last reply; `tries_used` reports how many.
EndpointReply with_request_retries(const std::function<EndpointReply()>& request, const BackoffPolicy& policy,
                                   const CancelToken* cancel,
                                   const std::function<void(int try_number, double delay_s)>& on_wait,
                                   int* tries_used = nullptr, uint64_t seed = 42);

}  // namespace blockify
