#include "engine/core/setting_keys.h"

#include <locale>
#include <sstream>

#include "engine/pipeline/endpoint/embeddings.h"
#include "engine/pipeline/endpoint/endpoint.h"
#include "engine/pipeline/extract/extract.h"

namespace blockify::settings {
namespace {

// "120", "0.5": a number as a user would type it.
std::string number_text(double value) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << value;
  return out.str();
}

std::vector<SettingInfo> make_known_settings() {
  const EndpointSettings endpoint;
  const BackoffPolicy backoff;
  const OcrSettings ocr;
  const EmbeddingSettings embeddings;
  return {
      {"endpoint.url", endpoint.url, "Endpoint URL", "Base URL of an OpenAI-compatible server (…/v1)."},
      {"endpoint.ingest_model", endpoint.ingest_model, "Ingest model", "Turns chunks into IdeaBlocks."},
      {"endpoint.distill_model", endpoint.distill_model, "Distill model", "Merges similar IdeaBlocks."},
      {"endpoint.timeout_s", number_text(endpoint.timeout_s), "Request timeout (s)",
       "A request taking longer counts as timed out."},
      {"endpoint.parallel", number_text(endpoint.parallel), "Parallel requests",
       "Requests in flight at once per job."},
      {"endpoint.max_tokens", number_text(endpoint.max_tokens), "Max tokens", "Longest reply per request."},
      {"endpoint.temperature", number_text(endpoint.temperature), "Temperature",
       "0 is most predictable; up to 2."},
      {"endpoint.max_reply_mb", number_text(static_cast<double>(endpoint.max_reply_bytes >> 20)),
       "Max reply (MB)", "A larger reply from the server fails its chunk."},
      {"endpoint.api_key_env", "BLOCKIFY_API_KEY", "API key variable",
       "Environment variable read for the API key (BLOCKIFY_…)."},
      {"retry.auto_attempts", "3", "Automatic retries",
       "Retries of a job that failed for transient reasons (0: off)."},
      {"retry.auto_base_s", "30", "Auto retry base (s)",
       "Wait before the first automatic retry; doubles each time."},
      {"retry.request_base_s", number_text(backoff.base_s), "Request retry base (s)",
       "Wait before a failed request is tried again."},
      {"retry.request_cap_s", number_text(backoff.cap_s), "Request retry cap (s)",
       "Longest wait between two tries of one request."},
      {"retry.request_tries", number_text(backoff.max_tries), "Request tries",
       "Tries of one request before its chunk fails."},
      // OCR of images and scanned PDF pages (Tesseract).
      {"ocr.enabled", ocr.enabled ? "true" : "false", "OCR",
       "true: read images and scanned PDF pages with OCR (Tesseract); false: off."},
      {"ocr.languages", ocr.languages, "OCR languages",
       "Tesseract codes joined by +, e.g. eng+deu (Debian: tesseract-ocr-deu)."},
      {"ocr.page_seconds", number_text(ocr.page_seconds), "OCR time per page (s)",
       "A page taking longer fails its file."},
      // Embeddings: a vector per IdeaBlock after Blockify, for search by meaning and RAG.
      {"embeddings.model", embeddings.model, "Embedding model",
       "Gives every IdeaBlock a vector after Blockify; empty: no Embeddings stage."},
      {"embeddings.url", embeddings.url, "Embeddings URL",
       "OpenAI-compatible server for /embeddings; empty: the endpoint URL."},
      {"embeddings.batch", number_text(embeddings.batch), "Embeddings batch",
       "IdeaBlocks per embeddings request."},
      {"embeddings.dimensions", embeddings.dimensions > 0 ? number_text(embeddings.dimensions) : "",
       "Embedding dimensions", "Vector length to ask for; empty: the model's own."},
  };
}

}  // namespace

const std::vector<SettingInfo>& known_settings() {
  static const std::vector<SettingInfo> all = make_known_settings();
  return all;
}

const SettingInfo* find_setting(std::string_view key) {
  for (const auto& s : known_settings())
    if (key == s.key) return &s;
  return nullptr;
}

}  // namespace blockify::settings
