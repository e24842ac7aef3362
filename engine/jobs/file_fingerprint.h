#pragma once
// A file's identity for "what changed since the failure": size, mtime and a content hash.
// Worker side: hashing reads the whole file, so it runs on a worker (when a job reads its
// inputs) or on a background task of the engine (the comparison after a failure), never
// on the engine thread.
#include <cstdint>
#include <filesystem>
#include <functional>
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

// The content hash alone, as in Fingerprint::content_hash: empty when the file cannot be
// read, or when `stop` (asked between 64 KiB reads) says to give up.
std::string content_hash_of(const std::filesystem::path& path, const std::function<bool()>& stop = {});

}  // namespace blockify
