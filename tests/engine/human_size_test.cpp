// human_size: how every message and view writes a number of bytes.
#include "engine/domain/human_size.h"

#include <doctest/doctest.h>

using blockify::human_size;

TEST_CASE("sizes read as bytes under 1 KB, then in tenths of KB, MB, GB, TB (1 KB = 1024 bytes)") {
  CHECK(human_size(0) == "0 bytes");
  CHECK(human_size(1) == "1 byte");
  CHECK(human_size(1023) == "1023 bytes");
  CHECK(human_size(1024) == "1.0 KB");
  CHECK(human_size(1536) == "1.5 KB");
  CHECK(human_size(16ll << 20) == "16.0 MB");
  CHECK(human_size((124ll << 30) / 10) == "12.4 GB");
  CHECK(human_size(3ll << 40) == "3.0 TB");
}

TEST_CASE("a size just under a unit reads as one of that unit, not 1024.0 of the one below") {
  CHECK(human_size((1ll << 20) - 1) == "1.0 MB");
  CHECK(human_size((1ll << 30) - 1) == "1.0 GB");
  CHECK(human_size(1023ll * 1024 + 1000) == "1.0 MB");
  CHECK(human_size(1023ll * 1024) == "1023.0 KB");
}
