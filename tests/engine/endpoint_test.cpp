#include <curl/curl.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/pipeline/endpoint/endpoint.h"
#include "engine/pipeline/ideablock_xml.h"
#include "tests/support/fake_openai_server.h"
#include "tests/support/sample_blocks.h"

using namespace blockify;
using blockify::test::FakeOpenAiServer;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kApiKey = "sk-test-SECRET-7f3a9";

const std::string kTwoBlocks = "Sure! Here are the IdeaBlocks:\n" + blockify::test::kRetryPolicyXml + R"(
<ideablock>
  <name>Cancel Speed</name>
  <critical_question>How fast does a cancel settle?</critical_question>
  <trusted_answer>Workers stop in well under a second &amp; partial results are kept.</trusted_answer>
  <tags>PERFORMANCE</tags>
  <entity><entity_name>Engine</entity_name><entity_type>TECHNOLOGY</entity_type></entity>
  <entity><entity_name>1 second</entity_name><entity_type>METRIC</entity_type></entity>
  <keywords>cancel, latency</keywords>
</ideablock>
Hope this helps.)";

EndpointSettings settings_for(const FakeOpenAiServer& server, const std::string& api_key = kApiKey) {
  EndpointSettings settings;
  settings.url = server.url();
  settings.api_key = api_key;
  settings.timeout_s = 5;
  return settings;
}

// The user sees message and hint in the UI and logs: the key must never be in them.
void check_no_key(const EndpointReply& reply) {
  CHECK(reply.error.message.find(kApiKey) == std::string::npos);
  CHECK(reply.error.hint.find(kApiKey) == std::string::npos);
  CHECK(reply.raw.find(kApiKey) == std::string::npos);
}

// The message names the endpoint and the HTTP status (or says there was none).
void check_message_names(const EndpointReply& reply, const FakeOpenAiServer& server,
                         const std::string& status) {
  CHECK(reply.error.message.find("127.0.0.1:" + std::to_string(server.port())) != std::string::npos);
  CHECK(reply.error.message.find(status) != std::string::npos);
  CHECK(reply.error.message.back() == '.');
  CHECK(reply.error.hint.back() == '.');
}

// A TRANSIENT failure that got no HTTP reply at all (so no status), whose message says
// `why`, and without the key.
void check_transient_without_reply(const EndpointReply& reply, const std::string& why) {
  check_no_key(reply);
  CHECK(reply.error.code == error_code::kTransient);
  CHECK(reply.transient);
  CHECK(reply.http_status == 0);
  CHECK(reply.error.message.find(why) != std::string::npos);
}

BackoffPolicy fast_policy(int max_tries = 5) {
  BackoffPolicy policy;
  policy.base_s = 0.01;
  policy.cap_s = 5;
  policy.max_tries = max_tries;
  return policy;
}

}  // namespace

TEST_CASE("a successful reply yields its blocks with every field, and the request is well formed") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::chat_reply(kTwoBlocks, 321));
  EndpointSettings settings = settings_for(server);
  settings.ingest_model = "my-ingest-model";
  settings.max_tokens = 1234;
  settings.temperature = 0.25;

  EndpointReply reply = blockify_via_endpoint(settings, "Jobs can be retried from the Failed state.");
  check_no_key(reply);
  REQUIRE(reply.error.empty());
  CHECK(reply.http_status == 200);
  CHECK(reply.completion_tokens == 321);
  CHECK(reply.raw == kTwoBlocks);
  CHECK(reply.latency_s > 0);
  REQUIRE(reply.blocks.size() == 2);
  CHECK(reply.blocks[0].name == "Retry Policy");
  CHECK(reply.blocks[0].critical_question == "What happens when a job is retried?");
  CHECK(reply.blocks[0].tags == std::vector<std::string>{"IMPORTANT", "PROCESS"});
  CHECK(reply.blocks[0].entities == std::vector<Entity>{{"BLOCKIFY", "PRODUCT"}});
  CHECK(reply.blocks[0].keywords == std::vector<std::string>{"retry", "job", "configuration"});
  CHECK(reply.blocks[1].trusted_answer == "Workers stop in well under a second & partial results are kept.");
  CHECK(reply.blocks[1].entities.size() == 2);

  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].path == "/v1/chat/completions");
  auto body = nlohmann::json::parse(requests[0].body);
  CHECK(body["model"] == "my-ingest-model");
  CHECK(body["max_tokens"] == 1234);
  CHECK(body["temperature"].get<double>() == doctest::Approx(0.25));
  REQUIRE(body["messages"].size() == 2);
  CHECK(body["messages"][0]["role"] == "system");
  CHECK(body["messages"][0]["content"].get<std::string>().find(test::kRetryPolicyXml) != std::string::npos);
  CHECK(body["messages"][1]["role"] == "user");
  CHECK(body["messages"][1]["content"] == "Jobs can be retried from the Failed state.");
}

TEST_CASE("the Authorization header carries the key only when one is set") {
  FakeOpenAiServer server;
  check_no_key(blockify_via_endpoint(settings_for(server, kApiKey), "chunk one"));
  check_no_key(blockify_via_endpoint(settings_for(server, ""), "chunk two"));
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].headers["authorization"] == "Bearer " + kApiKey);
  CHECK(requests[1].headers.count("authorization") == 0);
}

TEST_CASE("429 with Retry-After heals on the second try after waiting at least the asked delay") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::error_reply(429, "Rate limit reached.", {{"Retry-After", "1"}}));
  server.push(FakeOpenAiServer::chat_reply(kTwoBlocks));
  EndpointSettings settings = settings_for(server);
  std::vector<std::pair<int, double>> waits;
  int tries = 0;
  auto start = Clock::now();
  EndpointReply reply =
      with_request_retries([&] { return blockify_via_endpoint(settings, "chunk"); }, fast_policy(), nullptr,
                           [&](int t, double d) { waits.emplace_back(t, d); }, &tries);
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  check_no_key(reply);
  CHECK(reply.error.empty());
  CHECK(reply.blocks.size() == 2);
  CHECK(tries == 2);
  REQUIRE(waits.size() == 1);
  CHECK(waits[0].first == 2);
  CHECK(waits[0].second >= 1.0);
  CHECK(elapsed >= 1.0);
  CHECK(server.request_count() == 2);
}

TEST_CASE("a 429 reply alone is TRANSIENT and reports the Retry-After seconds") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::error_reply(429, "Slow down.", {{"Retry-After", "7"}}));
  EndpointReply reply = blockify_via_endpoint(settings_for(server), "chunk");
  check_no_key(reply);
  CHECK(reply.error.code == error_code::kTransient);
  CHECK(reply.transient);
  CHECK(reply.http_status == 429);
  CHECK(reply.retry_after_s == doctest::Approx(7));
  check_message_names(reply, server, "HTTP 429");
  CHECK(reply.error.message.find("Slow down") != std::string::npos);  // the server's own words
}

TEST_CASE("two 500s then success heal on the third try") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::error_reply(500, "Internal error."));
  server.push(FakeOpenAiServer::error_reply(503, "Loading model."));
  server.push(FakeOpenAiServer::chat_reply(kTwoBlocks));
  EndpointSettings settings = settings_for(server);
  std::vector<int> wait_tries;
  int tries = 0;
  EndpointReply reply =
      with_request_retries([&] { return blockify_via_endpoint(settings, "chunk"); }, fast_policy(), nullptr,
                           [&](int t, double) { wait_tries.push_back(t); }, &tries);
  check_no_key(reply);
  CHECK(reply.error.empty());
  CHECK(reply.blocks.size() == 2);
  CHECK(tries == 3);
  CHECK(wait_tries == std::vector<int>{2, 3});
}

TEST_CASE("a reply slower than the timeout is a TRANSIENT timeout") {
  FakeOpenAiServer server;
  auto never = FakeOpenAiServer::chat_reply(kTwoBlocks);
  never.held = true;  // answered only when the server stops
  server.push(never);
  EndpointSettings settings = settings_for(server);
  settings.timeout_s = 0.3;
  EndpointReply reply = blockify_via_endpoint(settings, "chunk");
  check_transient_without_reply(reply, "timed out");
  check_message_names(reply, server, "no HTTP reply");
  CHECK(server.held_count() == 1);  // the client gave up by itself; the reply was never sent
}

TEST_CASE("a reply without IdeaBlock XML is BAD_MODEL_OUTPUT and keeps the raw text") {
  FakeOpenAiServer server;
  const std::string content = "I'm sorry, here is a summary instead: <ideablock><name>Cut";
  server.push(FakeOpenAiServer::chat_reply(content));
  EndpointReply reply = blockify_via_endpoint(settings_for(server), "chunk");
  check_no_key(reply);
  CHECK(reply.error.code == error_code::kBadModelOutput);
  CHECK_FALSE(reply.transient);
  CHECK(reply.raw == content);
  CHECK(reply.blocks.empty());
  check_message_names(reply, server, "HTTP 200");
}

TEST_CASE("a 200 body that is not a chat completion is BAD_MODEL_OUTPUT with the body kept") {
  FakeOpenAiServer server;
  FakeOpenAiServer::Response html;
  html.body = "<html>proxy login</html>";
  server.push(html);
  EndpointReply reply = blockify_via_endpoint(settings_for(server), "chunk");
  CHECK(reply.error.code == error_code::kBadModelOutput);
  CHECK(reply.raw == html.body);
}

TEST_CASE("401 is AUTH with a hint, is never retried, and never repeats the key the server echoes") {
  FakeOpenAiServer server;
  server.set_default(FakeOpenAiServer::error_reply(401, "Incorrect API key provided: " + kApiKey));
  EndpointSettings settings = settings_for(server);
  int tries = 0;
  int waits = 0;
  EndpointReply reply = with_request_retries([&] { return blockify_via_endpoint(settings, "chunk"); },
                                             fast_policy(), nullptr, [&](int, double) { ++waits; }, &tries);
  check_no_key(reply);
  CHECK(reply.error.code == error_code::kAuth);
  CHECK(reply.error.hint == "Check the API key in Settings.");
  CHECK_FALSE(reply.transient);
  CHECK(reply.http_status == 401);
  CHECK(tries == 1);
  CHECK(waits == 0);
  CHECK(server.request_count() == 1);
  check_message_names(reply, server, "HTTP 401");
}

TEST_CASE("403 is AUTH as well") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::error_reply(403, "Forbidden."));
  EndpointReply reply = blockify_via_endpoint(settings_for(server), "chunk");
  CHECK(reply.error.code == error_code::kAuth);
}

TEST_CASE("404 is MODEL_NOT_FOUND and names the server's explanation") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::error_reply(404, "The model `blockify-ingest` does not exist."));
  EndpointReply reply = blockify_via_endpoint(settings_for(server), "chunk");
  check_no_key(reply);
  CHECK(reply.error.code == error_code::kModelNotFound);
  CHECK_FALSE(reply.transient);
  CHECK(reply.error.message.find("blockify-ingest") != std::string::npos);
  check_message_names(reply, server, "HTTP 404");
}

TEST_CASE("400 about the context length is CONTEXT_TOO_LONG; other 400s are REQUEST_REJECTED") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::error_reply(
      400, "This model's maximum context length is 4096 tokens. However, you requested 9000 tokens."));
  server.push(FakeOpenAiServer::error_reply(400, "temperature must be between 0 and 2."));
  EndpointReply too_long = blockify_via_endpoint(settings_for(server), "chunk");
  EndpointReply rejected = blockify_via_endpoint(settings_for(server), "chunk");
  check_no_key(too_long);
  check_no_key(rejected);
  CHECK(too_long.error.code == error_code::kContextTooLong);
  CHECK(too_long.error.hint == "Use a smaller chunk size.");
  check_message_names(too_long, server, "HTTP 400");
  CHECK(rejected.error.code == error_code::kRequestRejected);
  CHECK_FALSE(rejected.transient);
}

TEST_CASE("a refused connection is TRANSIENT with no HTTP status") {
  EndpointSettings settings;
  const int port = blockify::test::unused_local_port();
  settings.url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
  settings.api_key = kApiKey;
  EndpointReply reply = blockify_via_endpoint(settings, "chunk");
  check_transient_without_reply(reply, "refused");
  CHECK(reply.error.message.find(std::to_string(port)) != std::string::npos);
}

TEST_CASE("cancel during a slow reply returns promptly with cancelled set") {
  FakeOpenAiServer server;
  auto held = FakeOpenAiServer::chat_reply(kTwoBlocks);
  held.held = true;  // the reply does not come while the request is cancelled
  server.push(held);
  EndpointSettings settings = settings_for(server);
  settings.timeout_s = 600;
  CancelToken cancel;
  // Cancels once the request is really in flight at the server.
  std::thread canceller([&] {
    server.wait_until_held(1);
    cancel.cancel();
  });
  EndpointReply reply = blockify_via_endpoint(settings, "chunk", &cancel);
  canceller.join();
  check_no_key(reply);
  CHECK(reply.cancelled);
  CHECK_FALSE(reply.error.empty());  // a cancelled reply never looks like a success
  CHECK_FALSE(reply.transient);
  CHECK(server.held_count() == 1);  // returned without the reply, long before any timeout
}

TEST_CASE("cancel during the backoff sleep wakes the wait promptly") {
  FakeOpenAiServer server;
  // An hour's wait: returning at all (within the 30 s hang guard) means the cancel woke it.
  server.set_default(FakeOpenAiServer::error_reply(503, "Busy.", {{"Retry-After", "3600"}}));
  EndpointSettings settings = settings_for(server);
  BackoffPolicy policy = fast_policy();
  policy.cap_s = 3600;
  CancelToken cancel;
  std::thread canceller;
  double waited_for = 0;
  int tries = 0;
  auto start = Clock::now();
  EndpointReply reply =
      with_request_retries([&] { return blockify_via_endpoint(settings, "chunk", &cancel); }, policy, &cancel,
                           [&](int, double delay) {
                             waited_for = delay;
                             canceller = std::thread([&] { cancel.cancel(); });
                           },
                           &tries);
  auto returned_after = Clock::now() - start;
  REQUIRE(canceller.joinable());
  canceller.join();
  check_no_key(reply);
  CHECK(reply.cancelled);
  CHECK(tries == 1);
  CHECK(waited_for == doctest::Approx(3600));
  CHECK(returned_after < std::chrono::seconds(30));  // hang guard, not a speed figure
}

TEST_CASE("five transient failures in a row give up after max_tries with the last error") {
  FakeOpenAiServer server;
  for (int i = 1; i <= 5; ++i)
    server.push(FakeOpenAiServer::error_reply(500, "Failure number " + std::to_string(i) + "."));
  server.set_default(FakeOpenAiServer::chat_reply(kTwoBlocks));  // a sixth try would have healed
  EndpointSettings settings = settings_for(server);
  std::vector<int> wait_tries;
  int tries = 0;
  EndpointReply reply =
      with_request_retries([&] { return blockify_via_endpoint(settings, "chunk"); }, fast_policy(5), nullptr,
                           [&](int t, double) { wait_tries.push_back(t); }, &tries);
  check_no_key(reply);
  CHECK(tries == 5);
  CHECK(server.request_count() == 5);
  CHECK(wait_tries == std::vector<int>{2, 3, 4, 5});
  CHECK(reply.error.code == error_code::kTransient);
  CHECK(reply.error.message.find("Failure number 5") != std::string::npos);
}

TEST_CASE("distill sends the cluster as IdeaBlock XML to the distill model and reads merged blocks") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::chat_reply(kTwoBlocks));
  EndpointSettings settings = settings_for(server);
  settings.distill_model = "my-distill-model";
  IdeaBlock a;
  a.name = "R&D <budget>";
  a.trusted_answer = "Budget rose.";
  a.tags = {"FINANCE"};
  a.entities = {{"Acme", "ORGANIZATION"}};
  IdeaBlock b = a;
  b.trusted_answer = "The budget went up.";
  EndpointReply reply = distill_via_endpoint(settings, {a, b});
  check_no_key(reply);
  REQUIRE(reply.error.empty());
  CHECK(reply.blocks.size() == 2);
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  auto body = nlohmann::json::parse(requests[0].body);
  CHECK(body["model"] == "my-distill-model");
  auto sent = parse_ideablock_xml(body["messages"][1]["content"].get<std::string>());
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].name == "R&D <budget>");
  CHECK(sent[1].trusted_answer == "The budget went up.");
  CHECK(sent[1].entities == a.entities);
}

TEST_CASE("transport failures without a server are classified by whether they heal") {
  auto dns =
      classify_transport_error(CURLE_COULDNT_RESOLVE_HOST, "http://no-such-host.invalid/v1/chat/completions");
  CHECK(dns.error.code == error_code::kTransient);
  CHECK(dns.transient);
  CHECK(dns.error.message.find("no-such-host.invalid") != std::string::npos);
  auto bad_url = classify_transport_error(CURLE_URL_MALFORMAT, "htp:/oops");
  CHECK(bad_url.error.code == error_code::kRequestRejected);
  CHECK_FALSE(bad_url.transient);
}

TEST_CASE("credentials in the endpoint URL never reach a message") {
  EndpointSettings settings;
  settings.url =
      "http://user:" + kApiKey + "@127.0.0.1:" + std::to_string(blockify::test::unused_local_port()) + "/v1";
  EndpointReply reply = blockify_via_endpoint(settings, "chunk");
  CHECK(reply.error.code == error_code::kTransient);
  check_no_key(reply);
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date") {
  CHECK(parse_retry_after("1") == doctest::Approx(1));
  CHECK(parse_retry_after(" 2.5 ") == doctest::Approx(2.5));
  CHECK(parse_retry_after("") == 0);
  CHECK(parse_retry_after("soon") == 0);
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0);  // in the past
  std::time_t future = std::time(nullptr) + 3600;
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&future));
  CHECK(parse_retry_after(date) ==
        doctest::Approx(3600).epsilon(0.01));  // 36 s of slack for a stalled machine
}

TEST_CASE("backoff delays stay within the jitter window and honour Retry-After up to the cap") {
  BackoffPolicy policy;
  policy.base_s = 1;
  policy.cap_s = 10;
  std::mt19937_64 rng(7);
  double largest_first = 0;
  for (int i = 0; i < 200; ++i) {
    double first = policy.delay_for(0, 0, rng);
    CHECK(first >= 0);
    CHECK(first <= 1);
    largest_first = std::max(largest_first, first);
    double third = policy.delay_for(2, 0, rng);
    CHECK(third <= 4);
    CHECK(policy.delay_for(30, 0, rng) <= 10);
    CHECK(policy.delay_for(0, 3, rng) >= 3);
    CHECK(policy.delay_for(0, 3600, rng) == doctest::Approx(10));  // capped
  }
  CHECK(largest_first > 0.5);  // really jittered, not always 0
}
