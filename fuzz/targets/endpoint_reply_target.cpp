// Fuzz target for what the endpoint client does with a server's HTTP reply: a 2xx body
// is read as a chat completion, anything else is classified from its status and body,
// and a Retry-After header is turned into a delay. Servers are not trusted.
#include <cmath>
#include <string>
#include <string_view>

#include "engine/domain/error.h"
#include "engine/pipeline/endpoint/endpoint.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_targets.h"

namespace blockify::fuzz {
namespace {

// Statuses the client treats specially come first, so small bytes reach them.
int status_from_byte(unsigned char b) {
  static const int kInteresting[] = {200, 201, 204, 299, 400, 401, 403, 404,
                                     408, 413, 429, 500, 502, 503, 504, 0};
  if (b < sizeof kInteresting / sizeof kInteresting[0]) return kInteresting[b];
  return 100 + (b - 16) * 2;  // 100 ... 578
}

}  // namespace

void fuzz_endpoint_reply(std::string_view input) {
  if (input.size() < 2) return;
  const int status = status_from_byte(static_cast<unsigned char>(input[0]));
  const size_t header_length = std::min<size_t>(static_cast<unsigned char>(input[1]), input.size() - 2);
  const std::string_view retry_after = input.substr(2, header_length);
  const std::string body(input.substr(2 + header_length));
  const std::string url = "http://127.0.0.1:8080/v1/chat/completions";

  const double delay = parse_retry_after(retry_after);
  FUZZ_CHECK(std::isfinite(delay) && delay >= 0, "a Retry-After value gave a negative or infinite delay");

  if (status >= 200 && status < 300) {
    const EndpointReply reply = read_chat_completion(status, body, url);
    if (reply.error.empty()) {
      FUZZ_CHECK(!reply.blocks.empty(), "a completion without IdeaBlocks was accepted");
    } else {
      FUZZ_CHECK(reply.error.code == error_code::kBadModelOutput,
                 "an unreadable completion is not BAD_MODEL_OUTPUT");
      FUZZ_CHECK(!reply.error.message.empty() && !reply.error.hint.empty(),
                 "a reply error lacks its sentence");
    }
    for (const auto& block : reply.blocks)
      FUZZ_CHECK(!block.name.empty() || !block.trusted_answer.empty(),
                 "a block without a name or an answer was kept");
  } else {
    const EndpointReply reply = classify_http_error(status, body, url);
    FUZZ_CHECK(!reply.error.empty(), "an HTTP error status was not classified as an error");
    FUZZ_CHECK(!reply.error.message.empty() && !reply.error.hint.empty(), "an HTTP error lacks its sentence");
    FUZZ_CHECK(reply.transient == (status == 429 || status == 408 || status >= 500),
               "an HTTP error was classified with the wrong healing");
  }
}

}  // namespace blockify::fuzz
