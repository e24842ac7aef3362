// Endpoint replies are capped: a reply past endpoint.max_reply_mb fails the chunk with a
// permanent BAD_MODEL_OUTPUT naming the size, instead of filling memory; a reply under
// the cap is read as usual.
#include <doctest/doctest.h>

#include <string>

#include "engine/pipeline/endpoint/endpoint.h"
#include "engine/pipeline/ideablock_xml.h"
#include "tests/support/fake_openai_server.h"

using namespace blockify;
using blockify::test::FakeOpenAiServer;

namespace {

const std::string kBlock = R"(<ideablock>
  <name>Retry Policy</name>
  <critical_question>What happens when a job is retried?</critical_question>
  <trusted_answer>The job restarts from the beginning.</trusted_answer>
  <tags>IMPORTANT</tags>
  <entity><entity_name>BLOCKIFY</entity_name><entity_type>PRODUCT</entity_type></entity>
  <keywords>retry</keywords>
</ideablock>)";

EndpointSettings settings_for(const FakeOpenAiServer& server) {
  EndpointSettings settings;
  settings.url = server.url();
  settings.timeout_s = 60;
  return settings;
}

// A chat reply whose content is `kBlock` followed by padding up to about `bytes`.
FakeOpenAiServer::Response reply_of_size(size_t bytes) {
  return FakeOpenAiServer::chat_reply(kBlock +
                                      std::string(bytes > kBlock.size() ? bytes - kBlock.size() : 0, ' '));
}

}  // namespace

TEST_CASE("a reply past the default 16 MB cap is a permanent BAD_MODEL_OUTPUT naming its size") {
  FakeOpenAiServer server;
  server.push(reply_of_size(20u << 20));
  EndpointReply reply = blockify_via_endpoint(settings_for(server), "Jobs can be retried.");
  CHECK(reply.error.code == error_code::kBadModelOutput);
  CHECK_FALSE(reply.transient);
  CHECK(reply.error.message.find("20.0 MB") != std::string::npos);
  CHECK(reply.error.message.find("cap of 16.0 MB") != std::string::npos);
  CHECK(reply.error.hint.find("endpoint.max_reply_mb") != std::string::npos);
  CHECK(reply.raw.size() < (1u << 20));  // the oversized body is not kept
}

TEST_CASE("the cap is the setting's: a 2 MB reply fails under a 1 MB cap and reads under a 4 MB one") {
  FakeOpenAiServer server;
  server.push(reply_of_size(2u << 20));
  server.push(reply_of_size(2u << 20));
  EndpointSettings settings = settings_for(server);
  settings.max_reply_bytes = 1 << 20;
  EndpointReply capped = blockify_via_endpoint(settings, "Jobs can be retried.");
  CHECK(capped.error.code == error_code::kBadModelOutput);
  CHECK(capped.error.message.find("cap of 1.0 MB") != std::string::npos);

  settings.max_reply_bytes = 4 << 20;
  EndpointReply read = blockify_via_endpoint(settings, "Jobs can be retried.");
  CHECK(read.error.empty());
  REQUIRE(read.blocks.size() == 1);
  CHECK(read.blocks[0].name == "Retry Policy");
}
