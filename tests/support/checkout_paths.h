#pragma once
// Where this checkout's committed files are, for the tests that read them (PDF fixtures,
// fuzz inputs, lexicon.txt). Only checkout_paths.cpp is compiled with the paths, so every
// other test object is the same in any clone of the repository and a second checkout's
// build (a CI clone) takes it from ccache instead of compiling it again.
#include <filesystem>

namespace blockify::test {

std::filesystem::path source_dir();     // the checkout's root
std::filesystem::path test_data_dir();  // tests/data

}  // namespace blockify::test
