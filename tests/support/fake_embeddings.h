#pragma once
// Deterministic bag-of-words embeddings for the fake OpenAI-compatible server: each word
// of a text (lower-cased letters and digits) adds 1 to the dimension its hash picks, so
// texts sharing words have a high cosine, and a test can compute the vector it expects.
#include <string>
#include <vector>

#include "tests/support/fake_openai_server.h"

namespace blockify::test {

// The vector of `text` with `dimensions` floats.
std::vector<float> bag_of_words_vector(const std::string& text, int dimensions);

// A 200 /embeddings reply for the request's "input" list, with usage.prompt_tokens =
// the number of words. Honours a "dimensions" field in the request, else `dimensions`.
FakeOpenAiServer::Response bag_of_words_embeddings(const FakeOpenAiServer::Request& request, int dimensions);

// Makes `server` answer /embeddings requests with bag_of_words_embeddings.
void serve_bag_of_words(FakeOpenAiServer& server, int dimensions);

// How many texts the requests to /embeddings asked for, all together.
size_t embedded_inputs(const FakeOpenAiServer& server);

}  // namespace blockify::test
