#include "tests/support/fake_embeddings.h"

#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace blockify::test {
namespace {

template <typename Visit>
void for_each_word(const std::string& text, Visit visit) {
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      visit(word);
      word.clear();
    }
  }
}

uint64_t fnv1a(const std::string& word) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : word) h = (h ^ c) * 1099511628211ull;
  return h;
}

bool is_embeddings_path(const std::string& path) {
  const std::string suffix = "/embeddings";
  return path.size() >= suffix.size() &&
         path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::vector<float> bag_of_words_vector(const std::string& text, int dimensions) {
  std::vector<float> v(static_cast<size_t>(dimensions), 0.0f);
  for_each_word(text, [&](const std::string& word) { v[fnv1a(word) % v.size()] += 1.0f; });
  return v;
}

FakeOpenAiServer::Response bag_of_words_embeddings(const FakeOpenAiServer::Request& request, int dimensions) {
  auto json = nlohmann::json::parse(request.body, nullptr, false);
  if (!json.is_object() || !json.contains("input") || !json["input"].is_array())
    return FakeOpenAiServer::error_reply(400, "input must be a list of strings");
  if (json.contains("dimensions") && json["dimensions"].is_number_integer())
    dimensions = json["dimensions"].get<int>();
  nlohmann::json data = nlohmann::json::array();
  int64_t tokens = 0;
  int index = 0;
  for (const auto& input : json["input"]) {
    std::string text = input.is_string() ? input.get<std::string>() : std::string();
    for_each_word(text, [&](const std::string&) { ++tokens; });
    data.push_back(
        {{"object", "embedding"}, {"index", index++}, {"embedding", bag_of_words_vector(text, dimensions)}});
  }
  FakeOpenAiServer::Response response;
  response.headers = {{"Content-Type", "application/json"}};
  response.body = nlohmann::json{{"object", "list"},
                                 {"data", data},
                                 {"model", json.value("model", "")},
                                 {"usage", {{"prompt_tokens", tokens}, {"total_tokens", tokens}}}}
                      .dump();
  return response;
}

void serve_bag_of_words(FakeOpenAiServer& server, int dimensions) {
  server.answer_from_request("/embeddings", [dimensions](const FakeOpenAiServer::Request& request) {
    return bag_of_words_embeddings(request, dimensions);
  });
}

size_t embedded_inputs(const FakeOpenAiServer& server) {
  size_t n = 0;
  for (const auto& request : server.requests()) {
    if (!is_embeddings_path(request.path)) continue;
    auto json = nlohmann::json::parse(request.body, nullptr, false);
    if (json.is_object() && json.contains("input") && json["input"].is_array()) n += json["input"].size();
  }
  return n;
}

}  // namespace blockify::test
