#pragma once
// A file's identity for "what changed since the failure": size, mtime and a content hash.
#include <cstdint>
#include <filesystem>
#include <string>

namespace blockify {

struct Fingerprint {
  bool exists = false;
  int64_t size = 0;
  int64_t mtime = 0;         // seconds since the epoch
  std::string content_hash;  // 16 hex digits (FNV-1a 64); empty when unreadable
};

// Reads the whole file to hash it; fine for inputs the pipeline reads anyway.
Fingerprint fingerprint_file(const std::filesystem::path& path);

}  // namespace blockify
