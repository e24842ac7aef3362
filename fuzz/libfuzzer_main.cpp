// The libFuzzer entry point of one target; CMake compiles this file once per target with
// BLOCKIFY_FUZZ_FUNCTION naming the function from fuzz_targets.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
#ifdef BLOCKIFY_FUZZ_LOADS_OCR
  blockify::fuzz::fuzz_load_ocr();
#endif
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  blockify::fuzz::BLOCKIFY_FUZZ_FUNCTION(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
