// Replays fuzzing's findings in the ordinary build: every input in fuzz/regressions/<target>/
// (a crash libFuzzer once found, now fixed) and every seed in fuzz/corpus/<target>/ goes
// through the same target function the fuzzer runs (fuzz/fuzz_targets.h). A target checks
// its invariants itself and aborts when one breaks, so a returning call is the assertion
// that the parser survived that input; a crash or sanitizer report fails the test.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/fuzz_targets.h"
#include "tests/support/checkout_paths.h"

namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The files under fuzz/<kind>/<target>/, sorted so failures name the same file every run.
std::vector<fs::path> inputs_of(const std::string& kind, const std::string& target) {
  std::vector<fs::path> files;
  const fs::path dir = blockify::test::source_dir() / "fuzz" / kind / target;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Runs every input of `kind` through its target; returns how many ran.
size_t replay(const std::string& kind) {
  size_t ran = 0;
  for (const auto& target : blockify::fuzz::fuzz_targets()) {
    for (const auto& file : inputs_of(kind, target.name)) {
      INFO("fuzz target ", target.name, " on ", file.string());
      target.run(read_bytes(file));
      ++ran;
    }
  }
  return ran;
}

}  // namespace

TEST_CASE("every seed input of every fuzz target is handled without a crash or broken invariant") {
  for (const auto& target : blockify::fuzz::fuzz_targets()) {
    INFO("fuzz target ", target.name);
    CHECK_FALSE(inputs_of("corpus", target.name).empty());  // each target has seeds to start from
  }
  CHECK(replay("corpus") > 0);
}

TEST_CASE("every input fuzzing once crashed on is handled now (fuzz/regressions)") {
  MESSAGE("replayed " << replay("regressions") << " fuzz regression inputs");
}
