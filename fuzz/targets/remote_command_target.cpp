// Fuzz target for the commands table's JSON: another process (or a damaged database)
// may have written anything there. Decoding must never crash or throw, a refusal must
// say why, and a decoded command must encode to JSON that decodes to the same command.
#include <string>
#include <string_view>

#include "engine/core/remote_command.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_targets.h"

namespace blockify::fuzz {

void fuzz_remote_command(std::string_view input) {
  const std::string text(input);
  CommandResult error;
  const std::optional<Command> command = parse_remote_command(text, &error);
  if (!command) {
    FUZZ_CHECK(!error.message.empty(), "a refused queued command has no reason");
  } else {
    // The first encoding may normalise (defaults filled in, values clamped); from then on
    // encoding and decoding must agree.
    const std::string once = remote_command_json(*command);
    CommandResult again_error;
    const std::optional<Command> again = parse_remote_command(once, &again_error);
    FUZZ_CHECK(again.has_value(), "an encoded command does not decode");
    FUZZ_CHECK(remote_command_json(*again) == once, "encoding and decoding a command disagree");
  }
  // The result a command line reads back: any exit code, any text.
  const int exit_code = input.empty() ? 0 : static_cast<signed char>(input[0]);
  (void)parse_remote_result(exit_code, text);
}

}  // namespace blockify::fuzz
