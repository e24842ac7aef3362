#pragma once
// FUZZ_CHECK: an invariant a fuzz target asserts. A failure prints what broke and aborts,
// so libFuzzer saves the input as a crash and a regression test run fails loudly.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                               \
  do {                                                                                            \
    if (!(condition)) {                                                                           \
      std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s (%s)\n", __FILE__, __LINE__, what, \
                   #condition);                                                                   \
      std::abort();                                                                               \
    }                                                                                             \
  } while (0)
