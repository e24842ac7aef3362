#pragma once
// Settings stored in the database (`blockify settings list|set`): reading them with their
// defaults (setting_keys.h), checking and storing them.
#include <string>
#include <utility>
#include <vector>

#include "engine/core/setting_keys.h"
#include "engine/domain/job.h"
#include "engine/pipeline/endpoint/embeddings.h"
#include "engine/pipeline/endpoint/endpoint.h"
#include "engine/pipeline/extract/extract.h"
#include "engine/store/job_store.h"

namespace blockify::settings {

// The stored value, else the default. Empty for an unknown key.
std::string get(store::JobStore& store, const std::string& key);
// Validates and stores; returns an empty string or a sentence saying what is wrong.
std::string set(store::JobStore& store, const std::string& key, const std::string& value);

// Empty when `url` is http(s)://host[:port][/path] with no user:pass@ and no control
// characters; otherwise a sentence saying what is wrong.
std::string check_endpoint_url(const std::string& url);

EndpointSettings endpoint_settings(store::JobStore& store);  // API key from env or key file
// The embeddings.* settings (the key and timeouts are the endpoint's).
EmbeddingSettings embedding_settings(store::JobStore& store);
// OCR of images and scanned pages (ocr.*); progress is left for the job runner to set.
OcrSettings ocr_settings(store::JobStore& store);
int auto_retry_attempts(store::JobStore& store);
double auto_retry_base_s(store::JobStore& store);
// How one endpoint request is retried after a transient failure (retry.request_*).
BackoffPolicy request_backoff(store::JobStore& store);

// The settings a job of `backend` depends on, one "key=value" per line (API key masked);
// for the offline backend only the embeddings.* keys, and only when embeddings are on.
std::string settings_fingerprint(store::JobStore& store, Backend backend);

// "…1234": the most of an API key that may ever be shown.
std::string masked_key(const std::string& key);

}  // namespace blockify::settings
