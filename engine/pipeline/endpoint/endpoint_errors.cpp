// Endpoint failures in the user's words, and whether they heal by themselves. The
// split matters to the engine: TRANSIENT errors are retried automatically with backoff,
// everything else waits for the user to fix a setting.
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "engine/pipeline/endpoint/endpoint.h"

namespace blockify {
namespace {

constexpr size_t kMaxExplanationChars = 300;

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view status_reason(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not found";
    case 408:
      return "request timeout";
    case 413:
      return "request too large";
    case 422:
      return "unprocessable request";
    case 429:
      return "too many requests";
    case 500:
      return "internal server error";
    case 502:
      return "bad gateway";
    case 503:
      return "service unavailable";
    case 504:
      return "gateway timeout";
    default:
      return status >= 500 ? "server error" : status >= 400 ? "client error" : "unexpected status";
  }
}

// The server's own explanation (OpenAI-style {"error":{"message":...}}, or short plain
// text), so the user sees e.g. which model name was unknown.
std::string server_explanation(std::string_view body) {
  std::string text;
  try {
    auto json = nlohmann::json::parse(body);
    if (json.contains("error")) {
      const auto& error = json["error"];
      if (error.is_string())
        text = error.get<std::string>();
      else if (error.is_object() && error.contains("message") && error["message"].is_string())
        text = error["message"].get<std::string>();
    } else if (json.contains("message") && json["message"].is_string()) {
      text = json["message"].get<std::string>();
    } else if (json.contains("detail") && json["detail"].is_string()) {
      text = json["detail"].get<std::string>();
    }
  } catch (const std::exception&) {
    // Not JSON: a short plain-text body is still worth showing, an HTML error page is not.
    if (body.size() <= kMaxExplanationChars && body.find('<') == std::string_view::npos)
      text = std::string(body);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && (text.back() == '.')) text.pop_back();
  if (text.size() > kMaxExplanationChars) text = text.substr(0, kMaxExplanationChars) + "...";
  return text;
}

bool mentions_context_length(std::string_view body) {
  std::string lower = lowercase(body);
  for (std::string_view phrase : {"context length", "context_length", "maximum context", "too many tokens",
                                  "context size", "context window"}) {
    if (lower.find(phrase) != std::string::npos) return true;
  }
  return false;
}

EndpointReply make_error(const char* code, std::string message, std::string hint, bool transient) {
  EndpointReply reply;
  reply.error = {code, std::move(message), std::move(hint)};
  reply.transient = transient;
  return reply;
}

}  // namespace

EndpointReply classify_http_error(int http_status, std::string_view body, std::string_view url) {
  std::string what = "The endpoint at " + std::string(url) + " replied with HTTP " +
                     std::to_string(http_status) + " (" + std::string(status_reason(http_status)) + ")";
  std::string said = server_explanation(body);
  std::string message = what + (said.empty() ? "." : ": " + said + ".");
  EndpointReply reply;
  if (http_status == 429) {
    reply = make_error(error_code::kTransient, message,
                       "The server is busy; the request will be retried automatically after a pause.", true);
  } else if (http_status >= 500 || http_status == 408) {
    reply =
        make_error(error_code::kTransient, message,
                   "The server had a temporary problem; the request will be retried automatically.", true);
  } else if (http_status == 401 || http_status == 403) {
    reply = make_error(error_code::kAuth, message, "Check the API key in Settings.", false);
  } else if (http_status == 404) {
    reply = make_error(error_code::kModelNotFound, message,
                       "Check the model name and the endpoint URL in Settings.", false);
  } else if (http_status == 400 && mentions_context_length(body)) {
    reply = make_error(error_code::kContextTooLong, message, "Use a smaller chunk size.", false);
  } else if (http_status >= 200 && http_status < 300) {
    return reply;  // not an error
  } else {
    reply =
        make_error(error_code::kRequestRejected, message, default_hint(error_code::kRequestRejected), false);
  }
  reply.http_status = http_status;
  reply.raw = std::string(body);
  return reply;
}

EndpointReply classify_transport_error(int curl_code, std::string_view url) {
  const std::string at = "the endpoint at " + std::string(url);
  switch (static_cast<CURLcode>(curl_code)) {
    case CURLE_COULDNT_CONNECT:
      return make_error(
          error_code::kTransient,
          "The connection to " + at + " was refused (no HTTP reply); no server is listening there.",
          "Start the model server or check the endpoint URL in Settings; the request will be retried.", true);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return make_error(error_code::kTransient,
                        "The host name of " + at + " could not be resolved (no HTTP reply).",
                        "Check the endpoint URL in Settings and your network connection.", true);
    case CURLE_OPERATION_TIMEDOUT:
      return make_error(error_code::kTransient,
                        "The request to " + at + " timed out before a reply arrived (no HTTP reply).",
                        "Raise the timeout in Settings or use a faster model; the request will be retried.",
                        true);
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return make_error(error_code::kTransient,
                        "The connection to " + at + " was lost before a full reply arrived (no HTTP reply).",
                        "The server may have restarted; the request will be retried.", true);
    case CURLE_ABORTED_BY_CALLBACK: {
      EndpointReply reply = make_error(error_code::kInterrupted, "The request to " + at + " was cancelled.",
                                       default_hint(error_code::kInterrupted), false);
      reply.cancelled = true;
      return reply;
    }
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return make_error(error_code::kRequestRejected,
                        "The endpoint URL " + std::string(url) + " is not a valid http or https address.",
                        "Check the endpoint URL in Settings.", false);
    default:
      return make_error(error_code::kRequestRejected,
                        "The request to " + at + " failed without an HTTP reply: " +
                            curl_easy_strerror(static_cast<CURLcode>(curl_code)) + ".",
                        "Check the endpoint URL and its TLS certificate in Settings.", false);
  }
}

double parse_retry_after(std::string_view header_value) {
  size_t b = 0, e = header_value.size();
  while (b < e && std::isspace(static_cast<unsigned char>(header_value[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(header_value[e - 1]))) --e;
  std::string_view value = header_value.substr(b, e - b);
  if (value.empty()) return 0;
  if (std::isdigit(static_cast<unsigned char>(value[0]))) {
    double seconds = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(seconds)) return 0;
    return std::max(0.0, seconds);
  }
  // HTTP date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
  std::tm tm{};
  std::istringstream in{std::string(value)};
  in.imbue(std::locale::classic());
  in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S");
  if (in.fail()) return 0;
  time_t when = timegm(&tm);
  if (when == static_cast<time_t>(-1)) return 0;
  double delta = std::difftime(when, std::time(nullptr));
  return std::max(0.0, delta);
}

}  // namespace blockify
