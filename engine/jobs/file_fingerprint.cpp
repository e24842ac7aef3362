#include "engine/jobs/file_fingerprint.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <vector>

namespace blockify {

Fingerprint fingerprint_file(const std::filesystem::path& path) {
  Fingerprint fp;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return fp;
  fp.exists = true;
  fp.size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
  auto t = std::filesystem::last_write_time(path, ec);
  if (!ec) {
    // file_clock's epoch differs from the Unix epoch; convert through now() on both clocks.
    auto sys = std::chrono::system_clock::now() + (t - std::filesystem::file_time_type::clock::now());
    fp.mtime = std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
  }
  fp.content_hash = content_hash_of(path);
  return fp;
}

std::string content_hash_of(const std::filesystem::path& path, const std::function<bool()>& stop) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  uint64_t h = 1469598103934665603ull;
  std::vector<char> buf(1 << 16);
  while (in) {
    if (stop && stop()) return {};
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h ^= static_cast<unsigned char>(buf[static_cast<size_t>(i)]);
      h *= 1099511628211ull;
    }
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace blockify
