#pragma once
// Export: write a dataset's IdeaBlocks to a file, atomically, after a free-space check.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "engine/domain/error.h"
#include "engine/domain/ideablock.h"
#include "engine/platform/files.h"

namespace blockify {

enum class ExportFormat { Xml, Jsonl, Markdown };

const char* to_string(ExportFormat f);  // "xml" | "jsonl" | "md"
bool parse_export_format(const std::string& text, ExportFormat& out);

// Free bytes available at `dir`; an interface so tests can pretend the disk is full.
using FreeSpaceProbe = std::function<int64_t(const std::filesystem::path& dir)>;
using platform::free_space_at;  // the real probe

struct ExportResult {
  ErrorInfo error;  // DISK_FULL names the space needed and available
  int64_t bytes_written = 0;
  size_t blocks_written = 0;
  // The file written: `out`, or the file a symbolic link at `out` points to.
  std::filesystem::path written_to;
  // A sentence to show beside success when written_to is not `out` (empty otherwise).
  std::string note;
  bool ok() const { return error.empty(); }
};

// Renders all blocks, checks that `out`'s folder has room, writes to a temporary name
// beside `out` and renames it into place. On any failure `out` is untouched and no
// temporary file is left behind.
//
// Only a regular file is ever written: `out` being a folder, device, FIFO or socket is
// refused with a sentence. Replacing a file keeps its permissions; a new file is 0600.
// When `out` is a symbolic link, the file it points to is replaced (the link stays) and
// `note` says so; a link to nothing, or a loop of links, is refused.
ExportResult export_blocks(const std::vector<IdeaBlock>& blocks, const std::string& dataset,
                           ExportFormat format, const std::filesystem::path& out,
                           const FreeSpaceProbe& probe = free_space_at);

// Where a streamed export reads its blocks: calls `visit(block, vector)` for each block
// in order (an empty vector when the block has none) until `visit` returns false.
using ExportVisit = std::function<bool(const IdeaBlock& block, std::span<const float> vector)>;
using ExportSource = std::function<void(const ExportVisit& visit)>;

// Like export_blocks, but the blocks stream from `source` straight into the temporary
// file, so a dataset of any size exports in constant memory. JSONL rows of blocks with a
// vector carry "text" (the text embedded) and "vector"; XML and Markdown are unchanged.
// The free space is checked before writing and while writing: the export stops with
// DISK_FULL (and `out` untouched) before it would leave less than 1 MB free.
ExportResult export_stream(const ExportSource& source, const std::string& dataset, ExportFormat format,
                           const std::filesystem::path& out, const FreeSpaceProbe& probe = free_space_at);

// The rendered file content, without writing anything (used by export_blocks).
std::string render_blocks(const std::vector<IdeaBlock>& blocks, const std::string& dataset,
                          ExportFormat format);

}  // namespace blockify
