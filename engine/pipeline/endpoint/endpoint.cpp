// The OpenAI-compatible /chat/completions client. libcurl's multi interface drives the
// transfer so the cancel token is checked every few tens of milliseconds even while the
// server is silent (curl_easy_perform may only call back once a second then).
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/domain/human_size.h"
#include "engine/pipeline/endpoint/endpoint.h"
#include "engine/pipeline/ideablock_xml.h"

namespace blockify {

std::string endpoint_url(std::string_view base, std::string_view path) {
  std::string url(base);
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.size() < path.size() || url.compare(url.size() - path.size(), path.size(), path) != 0) url += path;
  return url;
}

std::string display_url(std::string_view url) {
  // Credentials and query string dropped, since either may carry a secret and messages
  // end up in logs and screenshots.
  std::string shown(url.substr(0, url.find('?')));
  size_t scheme = shown.find("://");
  size_t host_begin = scheme == std::string::npos ? 0 : scheme + 3;
  size_t at = shown.find('@', host_begin);
  if (at != std::string::npos && at < shown.find('/', host_begin))
    shown.erase(host_begin, at + 1 - host_begin);
  return shown;
}

namespace {

constexpr int kCancelPollMs = 50;
constexpr long kMaxConnectTimeoutMs = 10'000;
constexpr size_t kMaxClusterBlocks = 20;

constexpr std::string_view kFieldRules =
    "Rules: name is a short title; critical_question is the question the block answers; trusted_answer "
    "answers it in two or three sentences using only the given text; tags are upper-case labels separated by "
    "commas; add one <entity> per named thing with entity_type one of PRODUCT, ORGANIZATION, PERSON, METRIC, "
    "TECHNOLOGY, CONCEPT, LOCATION, DATE, OTHER; keywords are separated by commas. Write &amp;, &lt; and "
    "&gt; "
    "for &, < and >. Reply with the XML only, no other text.";

// The reply format, shown by example: PRODUCT.md's block as our own writer writes it.
std::string format_example() { return to_ideablock_xml(example_ideablock()); }

// The system prompts never change while the app runs: each is written once, not per request.
const std::string& ingest_instruction() {
  static const std::string instruction =
      "You turn a passage of a document into IdeaBlocks for a retrieval dataset. Write one <ideablock> "
      "element per distinct idea in the passage, in exactly this format:\n" +
      format_example() + std::string(kFieldRules);
  return instruction;
}

const std::string& distill_instruction() {
  static const std::string instruction =
      "You merge near-duplicate IdeaBlocks. The user sends IdeaBlocks that say similar things. Merge the "
      "blocks that express the same idea into one block that keeps every distinct fact, keep blocks with "
      "different ideas separate, and never add facts that are not in the input. Write the result in "
      "exactly this format:\n" +
      format_example() + std::string(kFieldRules);
  return instruction;
}

// The cluster as the distill model reads it: the same IdeaBlock XML the export writes.
std::string cluster_as_xml(const std::vector<IdeaBlock>& cluster) {
  std::string xml;
  for (const auto& block : cluster) xml += to_ideablock_xml(block);
  return xml;
}

std::string chat_completions_url(std::string_view base) { return endpoint_url(base, "/chat/completions"); }

void scrub_secret(std::string& text, const std::string& secret) {
  if (secret.empty()) return;
  for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos))
    text.replace(pos, secret.size(), "[API key]");
}

void ensure_curl_ready() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  std::string body;
  std::string retry_after;
  std::string content_length;  // as the server declared it, when it did
  int64_t max_body = 0;        // the reply cap; past it the transfer is aborted
  int64_t received = 0;        // bytes of body seen, kept or not
  bool over_cap = false;
  const CancelToken* cancel = nullptr;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  transfer->received += static_cast<int64_t>(n);
  if (transfer->received > transfer->max_body) {
    transfer->over_cap = true;
    return 0;  // curl aborts the transfer with CURLE_WRITE_ERROR
  }
  transfer->body.append(data, n);
  return n;
}

EndpointReply reply_too_large(const Transfer& transfer, const std::string& shown_url) {
  int64_t declared = std::atoll(transfer.content_length.c_str());
  std::string size = declared > transfer.max_body ? "a reply of " + human_size(declared)
                                                  : "a reply larger than " + human_size(transfer.max_body);
  EndpointReply reply;
  reply.error = {error_code::kBadModelOutput,
                 "The server at " + shown_url + " sent " + size + ", past the cap of " +
                     human_size(transfer.max_body) + " for one reply, so it was not read.",
                 "Lower endpoint.max_tokens or check the server; if such replies are expected, raise "
                 "endpoint.max_reply_mb with `blockify settings set endpoint.max_reply_mb N`."};
  reply.transient = false;
  return reply;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  std::string_view line(data, size * count);
  constexpr std::string_view kName = "retry-after:";
  auto* transfer = static_cast<Transfer*>(user);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response begins
    transfer->retry_after.clear();
    transfer->content_length.clear();
  }
  constexpr std::string_view kLength = "content-length:";
  if (line.size() > kLength.size() && std::equal(kLength.begin(), kLength.end(), line.begin(),
                                                 [](char a, char b) { return a == std::tolower(b); })) {
    transfer->content_length = std::string(line.substr(kLength.size()));
  }
  if (line.size() > kName.size() && std::equal(kName.begin(), kName.end(), line.begin(),
                                               [](char a, char b) { return a == std::tolower(b); })) {
    transfer->retry_after = std::string(line.substr(kName.size()));
  }
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* transfer = static_cast<Transfer*>(user);
  return transfer->cancel && transfer->cancel->cancelled() ? 1 : 0;
}

// CURL and CURLM are both void, so each handle kind needs its own deleter type.
struct EasyCleanup {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiCleanup {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct HeaderListCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// Runs the transfer until done or cancelled; returns the CURLcode of the transfer.
CURLcode run_transfer(CURL* easy, const CancelToken* cancel) {
  std::unique_ptr<CURLM, MultiCleanup> multi(curl_multi_init());
  if (!multi || curl_multi_add_handle(multi.get(), easy) != CURLM_OK) return CURLE_OUT_OF_MEMORY;
  CURLcode result = CURLE_OK;
  int running = 1;
  while (running) {
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
      result = CURLE_RECV_ERROR;
      break;
    }
    if (!running) break;
    if (cancel && cancel->cancelled()) {
      result = CURLE_ABORTED_BY_CALLBACK;
      break;
    }
    curl_multi_poll(multi.get(), nullptr, 0, kCancelPollMs, nullptr);
  }
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
    if (msg->msg == CURLMSG_DONE && result == CURLE_OK) result = msg->data.result;
  }
  curl_multi_remove_handle(multi.get(), easy);
  return result;
}

EndpointReply bad_output(std::string message, std::string hint = default_hint(error_code::kBadModelOutput)) {
  EndpointReply reply;
  reply.error = {error_code::kBadModelOutput, std::move(message), std::move(hint)};
  return reply;
}

}  // namespace

EndpointReply read_chat_completion(long status, const std::string& body, const std::string& shown_url) {
  std::string what =
      "The endpoint at " + shown_url + " replied with HTTP " + std::to_string(status) + " but ";
  try {
    auto json = nlohmann::json::parse(body);
    const auto& choices = json.at("choices");
    if (!choices.is_array() || choices.empty()) return bad_output(what + "without any choices.");
    const auto& message = choices[0].at("message");
    if (!message.contains("content") || !message["content"].is_string())
      return bad_output(what + "without message content.");
    EndpointReply reply;
    reply.raw = message["content"].get<std::string>();
    if (json.contains("usage") && json["usage"].is_object() && json["usage"].contains("completion_tokens") &&
        json["usage"]["completion_tokens"].is_number_integer()) {
      reply.completion_tokens = json["usage"]["completion_tokens"].get<int64_t>();
    }
    reply.blocks = parse_ideablock_xml(reply.raw);
    if (reply.blocks.empty()) {
      std::string finish = choices[0].value("finish_reason", std::string());
      reply.error = bad_output(what + "its message contains no IdeaBlock XML.").error;
      if (finish == "length")
        reply.error.hint =
            "The reply was cut off at the token limit; raise max tokens in Settings or use a smaller chunk "
            "size.";
    }
    return reply;
  } catch (const std::exception&) {
    EndpointReply reply = bad_output(what + "the body is not a chat completion.");
    reply.raw = body;
    return reply;
  }
}

namespace {

EndpointReply post_chat(const EndpointSettings& settings, const std::string& model,
                        const std::string& instruction, std::string_view user_content,
                        const CancelToken* cancel) {
  nlohmann::json request = {{"model", model},
                            {"messages",
                             {{{"role", "system"}, {"content", instruction}},
                              {{"role", "user"}, {"content", std::string(user_content)}}}},
                            {"max_tokens", settings.max_tokens},
                            {"temperature", settings.temperature}};
  // Chunks come from arbitrary documents; invalid UTF-8 must not abort the request.
  const std::string payload = request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return post_endpoint_json(settings, chat_completions_url(settings.url), payload, cancel,
                            read_chat_completion);
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

EndpointReply post_endpoint_json(const EndpointSettings& settings, const std::string& url,
                                 const std::string& payload, const CancelToken* cancel,
                                 const EndpointBodyReader& read_ok) {
  ensure_curl_ready();
  const std::string shown_url = display_url(url);
  const auto started = std::chrono::steady_clock::now();
  EndpointReply reply;

  std::unique_ptr<CURL, EasyCleanup> easy(curl_easy_init());
  curl_slist* raw_headers = curl_slist_append(nullptr, "Content-Type: application/json");
  raw_headers = curl_slist_append(raw_headers, "Expect:");  // no 100-continue round trip
  if (!settings.api_key.empty())
    raw_headers = curl_slist_append(raw_headers, ("Authorization: Bearer " + settings.api_key).c_str());
  std::unique_ptr<curl_slist, HeaderListCleanup> headers(raw_headers);
  if (!easy || !headers) {
    reply.error = {error_code::kInternal, "The HTTP client could not be set up for " + shown_url + ".",
                   default_hint(error_code::kInternal)};
    return reply;
  }

  Transfer transfer;
  transfer.cancel = cancel;
  transfer.max_body = settings.max_reply_bytes > 0 ? settings.max_reply_bytes : (16ll << 20);
  const long timeout_ms = settings.timeout_s > 0 ? std::max(1L, std::lround(settings.timeout_s * 1000)) : 0L;
  CURL* h = easy.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   timeout_ms > 0 ? std::min(timeout_ms, kMaxConnectTimeoutMs) : kMaxConnectTimeoutMs);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);

  const CURLcode result = run_transfer(h, cancel);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);

  if (transfer.over_cap) {
    reply = reply_too_large(transfer, shown_url);
  } else if (result != CURLE_OK) {
    reply = classify_transport_error(result, shown_url);
  } else if (status < 200 || status >= 300) {
    reply = classify_http_error(static_cast<int>(status), transfer.body, shown_url);
    if (reply.transient) reply.retry_after_s = parse_retry_after(transfer.retry_after);
  } else {
    reply = read_ok(status, transfer.body, shown_url);
  }
  reply.http_status = result == CURLE_OK ? static_cast<int>(status) : 0;
  reply.latency_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (std::string* text : {&reply.error.message, &reply.error.hint, &reply.raw})
    scrub_secret(*text, settings.api_key);
  return reply;
}

EndpointReply blockify_via_endpoint(const EndpointSettings& settings, std::string_view chunk,
                                    const CancelToken* cancel) {
  if (is_blank(chunk)) return {};  // nothing to ask about; not the model's fault
  return post_chat(settings, settings.ingest_model, ingest_instruction(), chunk, cancel);
}

EndpointReply distill_via_endpoint(const EndpointSettings& settings, const std::vector<IdeaBlock>& cluster,
                                   const CancelToken* cancel) {
  if (cluster.empty()) return {};
  if (cluster.size() > kMaxClusterBlocks) {
    EndpointReply reply;
    reply.error = {error_code::kInternal,
                   "A cluster of " + std::to_string(cluster.size()) +
                       " blocks was sent to the distill model at " +
                       display_url(chat_completions_url(settings.url)) + ", which accepts at most " +
                       std::to_string(kMaxClusterBlocks) + ".",
                   default_hint(error_code::kInternal)};
    return reply;
  }
  return post_chat(settings, settings.distill_model, distill_instruction(), cluster_as_xml(cluster), cancel);
}

}  // namespace blockify
