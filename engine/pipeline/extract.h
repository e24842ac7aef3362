#pragma once
// Extract: turn one input file into UTF-8 text, or a classified per-file error.
// Plain functions: no threads, no SQLite, no UI. Paragraphs are separated by "\n\n".
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/domain/error.h"
#include "engine/pipeline/cancel.h"

namespace blockify {

struct ExtractLimits {
  int64_t max_file_bytes = 512ll << 20;           // a larger input fails with TOO_LARGE
  int max_archive_entries = 10000;                // ARCHIVE_LIMIT past this
  int64_t max_archive_total_bytes = 2048ll << 20; // sum of uncompressed entry sizes
  double max_compression_ratio = 200.0;           // uncompressed / compressed, per archive
};

struct ArchiveEntry;

struct ExtractResult {
  ErrorInfo error;   // empty on success
  std::string text;  // UTF-8; paragraphs separated by a blank line
  bool is_archive = false;
  std::vector<ArchiveEntry> entries;  // archives only: one per file entry, each with its own result
  bool ok() const { return error.empty(); }
};

struct ArchiveEntry {
  std::string name;  // path inside the archive, e.g. "docs/a.txt"
  int64_t size = 0;  // uncompressed bytes
  ExtractResult result;
};

// Reads and extracts a file; the format comes from the extension (case-insensitive).
// Never throws: every failure becomes ExtractResult::error with a code from
// engine/domain/error.h, a sentence naming the file, and a hint.
ExtractResult extract_file(const std::filesystem::path& path, const ExtractLimits& limits = {},
                           const CancelToken* cancel = nullptr);

// Extracts bytes already in memory (an archive entry); `name` gives the extension and
// is used in messages.
ExtractResult extract_bytes(std::string_view name, std::string_view bytes, const ExtractLimits& limits = {},
                            const CancelToken* cancel = nullptr);

// FILE_NOT_FOUND (the same sentence extract_file gives) when nothing is at `path`; empty
// when something is there, or when a stat cannot tell (extract_file then decides). One stat.
std::optional<ErrorInfo> missing_input(const std::filesystem::path& path);

// True when the extension is one the pipeline reads.
bool is_supported_format(const std::filesystem::path& path);

// The supported extensions, lower case with the dot: ".txt", ".md", ...
const std::vector<std::string>& supported_extensions();

}  // namespace blockify
