#include "engine/core/settings.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <cstdlib>
#include <fstream>

#include "engine/pipeline/extract/extract.h"
#include "engine/platform/paths.h"

namespace blockify::settings {

namespace {

double number(store::JobStore& store, const char* key) { return std::atof(get(store, key).c_str()); }

// Only variables meant for Blockify may hold its key: a database (which anyone may hand
// you) must not be able to send AWS_SECRET_ACCESS_KEY to a server of its choosing.
bool is_blockify_variable(const std::string& name) {
  constexpr std::string_view kPrefix = "BLOCKIFY_";
  if (name.size() <= kPrefix.size() || name.compare(0, kPrefix.size(), kPrefix) != 0) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

// The ocr.* rules: a yes/no switch, Tesseract language codes, a time limit in seconds.
std::string check_ocr_setting(const std::string& key, const std::string& value) {
  if (key == "ocr.enabled" && value != "true" && value != "false") {
    return "ocr.enabled must be true or false, not \"" + value + "\".";
  }
  if (key == "ocr.languages") {
    bool valid = !value.empty() && value.front() != '+' && value.back() != '+';
    for (char c : value) valid = valid && ((c >= 'a' && c <= 'z') || c == '_' || c == '+');
    if (!valid) {
      return "ocr.languages must be Tesseract language codes joined by +, such as eng or eng+deu, not \"" +
             value + "\".";
    }
    // Said now, in Settings, rather than by every scanned file of the next job.
    if (std::string missing = missing_ocr_language(value); !missing.empty()) {
      return "OCR languages was not changed: the Tesseract language data for \"" + missing +
             "\" is not installed. Install the Debian package tesseract-ocr-" + missing +
             ", then save again.";
    }
  }
  if (key == "ocr.page_seconds") {
    char* end = nullptr;
    double seconds = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || seconds < 1 || seconds > 3600) {
      return "The value \"" + value + "\" is out of range for ocr.page_seconds (1 to 3600 seconds).";
    }
  }
  return {};
}

// The embeddings.* rules: an optional URL of the endpoint's shape, a batch size, an
// optional vector length.
std::string check_embeddings_setting(const std::string& key, const std::string& value) {
  if (key == "embeddings.url" && !value.empty()) return check_endpoint_url(value);
  auto whole_number_in = [&](long lo, long hi) {
    char* end = nullptr;
    long n = std::strtol(value.c_str(), &end, 10);
    return !value.empty() && *end == '\0' && n >= lo && n <= hi;
  };
  if (key == "embeddings.batch" && !whole_number_in(1, 2048))
    return "The value \"" + value +
           "\" is out of range for embeddings.batch (1 to 2048 IdeaBlocks per request).";
  if (key == "embeddings.dimensions" && !value.empty() && !whole_number_in(1, 65536))
    return "embeddings.dimensions must be empty (the model's own length) or a whole number from 1 to 65536, "
           "not \"" +
           value + "\".";
  if (key == "embeddings.model" && value.find_first_of("\r\n\t") != std::string::npos)
    return "embeddings.model must be a model name on one line, without tabs.";
  return {};
}

}  // namespace

std::string check_endpoint_url(const std::string& url) {
  const std::string shape = "The endpoint URL must look like http(s)://host[:port][/path]";
  for (unsigned char c : url) {
    if (c < 0x20 || c == 0x7f || c == ' ') return shape + "; it contains a space or a control character.";
  }
  size_t scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https") return shape + "; it must start with http:// or https://.";
  const size_t authority_start = scheme_end + 3;
  size_t authority_end = url.find_first_of("/?#", authority_start);
  if (authority_end == std::string::npos) authority_end = url.size();
  const std::string authority = url.substr(authority_start, authority_end - authority_start);
  if (authority.find('@') != std::string::npos) {
    return shape +
           "; it must not carry a user name or password (user:pass@): put the key in BLOCKIFY_API_KEY or "
           "the Settings tab instead.";
  }
  std::string host = authority;
  std::string port;
  if (!host.empty() && host[0] == '[') {  // an IPv6 literal
    size_t close = host.find(']');
    if (close == std::string::npos) return shape + "; its IPv6 address has no closing ].";
    port = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos)
      return shape + "; its IPv6 address is not valid.";
    if (!port.empty() && port[0] != ':') return shape + "; only a :port may follow the IPv6 address.";
    if (!port.empty()) port = port.substr(1);
  } else {
    size_t colon = host.find(':');
    if (colon != std::string::npos) {
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
    }
    if (host.empty()) return shape + "; it has no host name.";
    for (char c : host) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_')
        return shape + "; the host name \"" + host + "\" has characters a host name cannot have.";
    }
  }
  if (authority.find(':') != std::string::npos && host.find(':') == std::string::npos) {
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::atoi(port.c_str()) < 1 || std::atoi(port.c_str()) > 65535)
      return shape + "; the port must be a number from 1 to 65535.";
  }
  return {};
}

std::string get(store::JobStore& store, const std::string& key) {
  if (auto v = store.setting(key)) return *v;
  const SettingInfo* i = find_setting(key);
  return i ? i->default_value : "";
}

std::string set(store::JobStore& store, const std::string& key, const std::string& value) {
  if (!find_setting(key))
    return "There is no setting \"" + key + "\"; `blockify settings list` shows them all.";
  auto is_number = [&](double lo, double hi) {
    char* end = nullptr;
    double v = std::strtod(value.c_str(), &end);
    return end && *end == '\0' && !value.empty() && v >= lo && v <= hi;
  };
  if (key == "endpoint.url") {
    if (std::string why = check_endpoint_url(value); !why.empty()) return why;
  }
  if (key == "endpoint.api_key_env" && !is_blockify_variable(value)) {
    return "The API key variable must be named BLOCKIFY_ followed by capital letters, digits or _ (for "
           "example "
           "BLOCKIFY_API_KEY), so the key can never be read from another program's secret.";
  }
  if (key == "endpoint.max_reply_mb" && !is_number(1, 4096))
    return "The value \"" + value + "\" is out of range for endpoint.max_reply_mb (1 to 4096 MB).";
  if ((key == "endpoint.timeout_s" && !is_number(1, 3600)) ||
      (key == "endpoint.parallel" && !is_number(1, 256)) ||
      (key == "endpoint.max_tokens" && !is_number(16, 1000000)) ||
      (key == "endpoint.temperature" && !is_number(0, 2)) ||
      (key == "retry.auto_attempts" && !is_number(0, 20)) ||
      (key == "retry.auto_base_s" && !is_number(0.01, 3600)) ||
      (key == "retry.request_base_s" && !is_number(0.01, 600)) ||
      (key == "retry.request_cap_s" && !is_number(0.01, 3600)) ||
      (key == "retry.request_tries" && !is_number(1, 20)))
    return "The value \"" + value + "\" is out of range for " + key + ".";
  std::string ocr_problem = check_ocr_setting(key, value);
  if (!ocr_problem.empty()) return ocr_problem;
  std::string embeddings_problem = check_embeddings_setting(key, value);
  if (!embeddings_problem.empty()) return embeddings_problem;
  store.set_setting(key, value);
  return {};
}

EndpointSettings endpoint_settings(store::JobStore& store) {
  EndpointSettings e;
  e.url = get(store, "endpoint.url");
  e.ingest_model = get(store, "endpoint.ingest_model");
  e.distill_model = get(store, "endpoint.distill_model");
  e.timeout_s = number(store, "endpoint.timeout_s");
  e.parallel = static_cast<int>(number(store, "endpoint.parallel"));
  e.max_tokens = static_cast<int>(number(store, "endpoint.max_tokens"));
  e.temperature = number(store, "endpoint.temperature");
  e.max_reply_bytes =
      static_cast<int64_t>(std::clamp(number(store, "endpoint.max_reply_mb"), 1.0, 4096.0) * (1 << 20));
  std::string env = get(store, "endpoint.api_key_env");
  if (!is_blockify_variable(env))
    env = find_setting("endpoint.api_key_env")->default_value;  // stored before the rule, or written by hand
  if (const char* key = std::getenv(env.c_str()); key && *key) {
    e.api_key = key;
  } else {
    std::ifstream in(platform::config_dir() / "api_key");
    std::getline(in, e.api_key);
  }
  return e;
}

EmbeddingSettings embedding_settings(store::JobStore& store) {
  EmbeddingSettings e;
  e.model = get(store, "embeddings.model");
  e.url = get(store, "embeddings.url");
  e.batch = std::clamp(static_cast<int>(number(store, "embeddings.batch")), 1, 2048);
  e.dimensions = std::clamp(static_cast<int>(number(store, "embeddings.dimensions")), 0, 65536);
  return e;
}

OcrSettings ocr_settings(store::JobStore& store) {
  OcrSettings ocr;
  ocr.enabled = get(store, "ocr.enabled") != "false";
  ocr.languages = get(store, "ocr.languages");
  ocr.page_seconds = static_cast<int>(number(store, "ocr.page_seconds"));
  return ocr;
}

int auto_retry_attempts(store::JobStore& store) {
  return static_cast<int>(number(store, "retry.auto_attempts"));
}
double auto_retry_base_s(store::JobStore& store) { return number(store, "retry.auto_base_s"); }

BackoffPolicy request_backoff(store::JobStore& store) {
  BackoffPolicy policy;
  policy.base_s = number(store, "retry.request_base_s");
  policy.cap_s = number(store, "retry.request_cap_s");
  policy.max_tries = std::max(1, static_cast<int>(number(store, "retry.request_tries")));
  return policy;
}

std::string settings_fingerprint(store::JobStore& store, Backend backend) {
  std::string out;
  // Embeddings run after either backend, so an attempt depends on them whenever they are on.
  if (embedding_settings(store).enabled()) {
    for (const char* key :
         {"embeddings.model", "embeddings.url", "embeddings.batch", "embeddings.dimensions"})
      out += std::string(key) + "=" + get(store, key) + "\n";
  }
  if (backend != Backend::OpenAI) return out;
  for (const auto& info : known_settings()) {
    std::string key = info.key;
    if (key.rfind("endpoint.", 0) == 0 || key.rfind("retry.request", 0) == 0)
      out += key + "=" + get(store, key) + "\n";
  }
  out += "api key=" + masked_key(endpoint_settings(store).api_key) + "\n";
  return out;
}

std::string masked_key(const std::string& key) {
  if (key.empty()) return "(not set)";
  return "…" + (key.size() > 4 ? key.substr(key.size() - 4) : std::string());
}

}  // namespace blockify::settings
