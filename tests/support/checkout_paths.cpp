#include "tests/support/checkout_paths.h"

#ifndef BLOCKIFY_SOURCE_DIR
#error "tests/CMakeLists.txt defines BLOCKIFY_SOURCE_DIR for this file"
#endif

namespace blockify::test {

std::filesystem::path source_dir() { return BLOCKIFY_SOURCE_DIR; }

std::filesystem::path test_data_dir() { return source_dir() / "tests" / "data"; }

}  // namespace blockify::test
