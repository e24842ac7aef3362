// The OpenAI-compatible /embeddings client and the batching of a stage's texts.
#include "engine/pipeline/endpoint/embeddings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace blockify {
namespace {

EndpointReply bad_embeddings(std::string message) {
  EndpointReply reply;
  reply.error = {error_code::kBadModelOutput, std::move(message),
                 "Check that embeddings.model names an embedding model on that server."};
  return reply;
}

EndpointReply cancelled_before_sending() {
  EndpointReply reply;
  reply.cancelled = true;
  reply.error = {error_code::kInterrupted, "The embeddings request was cancelled before it was sent.",
                 default_hint(error_code::kInterrupted)};
  return reply;
}

}  // namespace

std::string embedding_text(const IdeaBlock& block) {
  return block.name + "\n" + block.critical_question + "\n" + block.trusted_answer;
}

EndpointReply read_embeddings(long status, const std::string& body, const std::string& shown_url,
                              size_t inputs, int dimensions) {
  const std::string what =
      "The embeddings endpoint at " + shown_url + " replied with HTTP " + std::to_string(status);
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("data") || !json["data"].is_array()) {
    EndpointReply reply = bad_embeddings(what + " but the body is not a list of embeddings.");
    reply.raw = body.substr(0, 2000);
    return reply;
  }
  const auto& data = json["data"];
  if (data.size() != inputs) {
    return bad_embeddings(what + " with " + std::to_string(data.size()) + " vectors for " +
                          std::to_string(inputs) + " inputs.");
  }
  EndpointReply reply;
  reply.vectors.resize(inputs);
  for (size_t i = 0; i < data.size(); ++i) {
    const auto& item = data[i];
    // Servers may list the vectors in any order; "index" says whose each one is.
    size_t index = i;
    if (item.is_object() && item.contains("index") && item["index"].is_number_unsigned())
      index = item["index"].get<size_t>();
    if (!item.is_object() || !item.contains("embedding") || !item["embedding"].is_array() ||
        index >= inputs || !reply.vectors[index].empty()) {
      return bad_embeddings(what + " but item " + std::to_string(i + 1) +
                            " is not an embedding of one of the inputs.");
    }
    auto& vector = reply.vectors[index];
    vector.reserve(item["embedding"].size());
    for (const auto& x : item["embedding"]) {
      if (!x.is_number())
        return bad_embeddings(what + " but embedding " + std::to_string(i + 1) + " holds a non-number.");
      vector.push_back(x.get<float>());
    }
    if (vector.empty())
      return bad_embeddings(what + " but embedding " + std::to_string(i + 1) + " is empty.");
  }
  const size_t length = reply.vectors.front().size();
  for (const auto& v : reply.vectors) {
    if (v.size() != length)
      return bad_embeddings(what + " with vectors of different lengths (" + std::to_string(length) + " and " +
                            std::to_string(v.size()) + ").");
  }
  if (dimensions > 0 && length != static_cast<size_t>(dimensions)) {
    return bad_embeddings(what + " with vectors of " + std::to_string(length) +
                          " dimensions, but embeddings.dimensions asks for " + std::to_string(dimensions) +
                          ".");
  }
  const auto& usage = json.contains("usage") ? json["usage"] : nlohmann::json();
  if (usage.is_object() && usage.contains("prompt_tokens") && usage["prompt_tokens"].is_number_integer())
    reply.prompt_tokens = usage["prompt_tokens"].get<int64_t>();
  return reply;
}

EndpointReply embed_via_endpoint(const EndpointSettings& endpoint, const EmbeddingSettings& embeddings,
                                 const std::vector<std::string>& inputs, const CancelToken* cancel) {
  if (inputs.empty()) return {};
  if (cancel && cancel->cancelled()) return cancelled_before_sending();
  nlohmann::json request = {{"model", embeddings.model}, {"input", inputs}, {"encoding_format", "float"}};
  if (embeddings.dimensions > 0) request["dimensions"] = embeddings.dimensions;
  // Block text comes from arbitrary documents; invalid UTF-8 must not abort the request.
  const std::string payload = request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string base = embeddings.url.empty() ? endpoint.url : embeddings.url;
  const size_t count = inputs.size();
  const int dimensions = embeddings.dimensions;
  return post_endpoint_json(
      endpoint, endpoint_url(base, "/embeddings"), payload, cancel,
      [count, dimensions](long status, const std::string& body, const std::string& shown_url) {
        return read_embeddings(status, body, shown_url, count, dimensions);
      });
}

EmbedTextsResult embed_texts(const std::vector<std::string>& texts, const EndpointSettings& endpoint,
                             const EmbeddingSettings& embeddings, const BackoffPolicy& policy,
                             const CancelToken& cancel,
                             const std::function<void(const EmbeddedBatch&)>& on_batch,
                             const std::function<void(const std::string&)>& on_note) {
  EmbedTextsResult result;
  result.vectors.resize(texts.size());
  const size_t batch = static_cast<size_t>(std::max(1, embeddings.batch));
  for (size_t first = 0, number = 1; first < texts.size(); first += batch, ++number) {
    if (cancel.cancelled()) {
      result.cancelled = true;
      break;
    }
    std::vector<std::string> inputs(
        texts.begin() + static_cast<std::ptrdiff_t>(first),
        texts.begin() + static_cast<std::ptrdiff_t>(std::min(texts.size(), first + batch)));
    int tries = 0;
    EndpointReply reply = with_request_retries(
        [&] { return embed_via_endpoint(endpoint, embeddings, inputs, &cancel); }, policy, &cancel,
        [&](int try_number, double delay_s) {
          if (on_note)
            on_note("embeddings batch " + std::to_string(number) + ": retrying in " +
                    std::to_string(static_cast<int>(delay_s + 0.5)) + " s (try " +
                    std::to_string(try_number) + " of " + std::to_string(policy.max_tries) + ")");
        },
        &tries, 4242 + number);
    result.requests += tries;
    if (tries > 1 && on_note) on_note("");
    if (reply.cancelled) {
      result.cancelled = true;
      break;
    }
    if (!reply.error.empty()) {
      result.error = reply.error;
      result.error.message = "Embeddings batch " + std::to_string(number) + ": " + reply.error.message;
      result.transient = reply.transient;
      break;
    }
    result.tokens += reply.prompt_tokens;
    EmbeddedBatch batch_done{first, std::move(reply.vectors), result.requests, result.tokens};
    if (on_batch) on_batch(batch_done);
    for (size_t i = 0; i < batch_done.vectors.size(); ++i)
      result.vectors[first + i] = std::move(batch_done.vectors[i]);
  }
  return result;
}

}  // namespace blockify
