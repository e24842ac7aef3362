// Export: render a dataset as IdeaBlock XML, JSONL or Markdown, and write it so that the
// target file is either the old one or the complete new one, never half of each.
#include "engine/pipeline/export.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>

#include "engine/domain/enum_names.h"
#include "engine/domain/human_size.h"
#include "engine/pipeline/endpoint/embeddings.h"
#include "engine/pipeline/ideablock_xml.h"
#include "engine/platform/files.h"

namespace blockify {
namespace fs = std::filesystem;
namespace {

// Room kept free beyond the file itself, so an export never fills a disk to the last byte.
constexpr int64_t kSpaceMargin = 1 << 20;

bool exported(const IdeaBlock& block) { return block.merged_into == 0; }

std::string xml_header(const std::string& dataset);

std::string render_xml(const std::vector<IdeaBlock>& blocks, const std::string& dataset) {
  std::string out = xml_header(dataset);
  for (const auto& block : blocks)
    if (exported(block)) out += to_ideablock_xml(block, 2);
  out += "</ideablocks>\n";
  return out;
}

// One JSONL row. With a vector it also carries the Blockify shape, "text" (the text the
// vector was made from) and "vector", so the file loads straight into a vector store.
std::string jsonl_row(const IdeaBlock& block, std::span<const float> vector) {
  nlohmann::ordered_json entities = nlohmann::ordered_json::array();
  for (const auto& entity : block.entities)
    entities.push_back({{"name", entity.name}, {"type", entity.type}});
  nlohmann::ordered_json line = {
      {"id", block.id},
      {"name", block.name},
      {"critical_question", block.critical_question},
      {"trusted_answer", block.trusted_answer},
      {"tags", block.tags},
      {"entities", std::move(entities)},
      {"keywords", block.keywords},
      {"source_file", block.source_file},
      {"chunk_index", block.chunk_index},
  };
  if (!vector.empty()) {
    line["text"] = embedding_text(block);
    line["vector"] = std::vector<float>(vector.begin(), vector.end());
  }
  // Text from documents is not always valid UTF-8; a replacement character is better
  // than refusing to export the dataset.
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

std::string render_jsonl(const std::vector<IdeaBlock>& blocks) {
  std::string out;
  for (const auto& block : blocks)
    if (exported(block)) out += jsonl_row(block, {});
  return out;
}

// Backslash-escapes the characters that would turn text into Markdown or HTML markup.
// With `one_line`, line breaks become spaces (headings and bold text are single lines).
std::string markdown_text(const std::string& text, bool one_line) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (one_line && (c == '\n' || c == '\r')) {
      out += ' ';
      continue;
    }
    if (std::strchr("\\`*_[]<>#|", c) != nullptr && c != '\0') out += '\\';
    out += c;
  }
  return out;
}

std::string markdown_block(const IdeaBlock& block) {
  std::string out = "\n## " + markdown_text(block.name, true) + "\n\n";
  if (!block.critical_question.empty()) out += "**" + markdown_text(block.critical_question, true) + "**\n\n";
  if (!block.trusted_answer.empty()) out += markdown_text(block.trusted_answer, false) + "\n\n";
  if (!block.tags.empty()) out += "- Tags: " + markdown_text(join_list(block.tags), true) + "\n";
  if (!block.keywords.empty()) out += "- Keywords: " + markdown_text(join_list(block.keywords), true) + "\n";
  if (!block.entities.empty()) {
    std::string list;
    for (const auto& entity : block.entities)
      list += (list.empty() ? "" : ", ") + entity.name + " (" + entity.type + ")";
    out += "- Entities: " + markdown_text(list, true) + "\n";
  }
  return out;
}

std::string render_markdown(const std::vector<IdeaBlock>& blocks, const std::string& dataset) {
  std::string out = "# " + markdown_text(dataset, true) + "\n";
  for (const auto& block : blocks)
    if (exported(block)) out += markdown_block(block);
  return out;
}

std::string xml_header(const std::string& dataset) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ideablocks dataset=\"";
  append_xml_escaped(out, dataset, XmlPlace::Attribute);
  out += "\">\n";
  return out;
}

// A streamed export's pieces: what comes before the blocks, each block, what comes after.
std::string export_header(ExportFormat format, const std::string& dataset) {
  if (format == ExportFormat::Xml) return xml_header(dataset);
  if (format == ExportFormat::Markdown) return "# " + markdown_text(dataset, true) + "\n";
  return {};
}
std::string export_piece(ExportFormat format, const IdeaBlock& block, std::span<const float> vector) {
  if (format == ExportFormat::Xml) return to_ideablock_xml(block, 2);
  if (format == ExportFormat::Markdown) return markdown_block(block);
  return jsonl_row(block, vector);
}
std::string export_footer(ExportFormat format) {
  return format == ExportFormat::Xml ? "</ideablocks>\n" : "";
}

std::string temporary_suffix() {
  static std::atomic<uint64_t> counter{0};
  uint64_t entropy = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
                     (counter.fetch_add(1) * 0x9e3779b97f4a7c15ULL);
  try {
    std::random_device device;
    entropy ^= static_cast<uint64_t>(device()) << 32 | device();
  } catch (...) {
    // A clock and a counter are enough to avoid our own collisions; "x" mode below
    // refuses to reuse a name anyway.
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(entropy));
  return text;
}

ErrorInfo write_failure(int error, const std::string& dataset, const fs::path& out) {
  const std::string what = "Could not write dataset " + dataset + " to " + out.string();
  if (error == ENOSPC
#ifdef EDQUOT
      || error == EDQUOT
#endif
  ) {
    return {error_code::kDiskFull, what + " because the disk is full.", default_hint(error_code::kDiskFull)};
  }
  if (error == EACCES || error == EPERM || error == EROFS) {
    return {error_code::kPermissionDenied,
            what + " because the folder is not writable (" + std::strerror(error) + ").",
            "Choose a folder you can write to, or give your user write access to it, then export again."};
  }
  return {error_code::kInternal, what + " (" + std::strerror(error) + ").",
          "Check the export location and the disk, then export again."};
}

// Has `write_content` fill a new temporary file beside `out` (it returns 0, an errno, or
// -1 with `stopped` set to why it stopped), syncs it and renames it over `out`. The
// temporary is removed on every failure.
ErrorInfo replace_file_with(const std::function<int(std::FILE*, ErrorInfo& stopped)>& write_content,
                            const std::string& dataset, const fs::path& dir, const fs::path& out,
                            unsigned mode) {
  fs::path temporary;
  std::FILE* file = nullptr;
  for (int attempt = 0; attempt < 8 && file == nullptr; ++attempt) {
    temporary = dir / ("." + out.filename().string() + ".tmp-" + temporary_suffix());
    errno = 0;
    file = platform::create_new_file(temporary, mode);
    if (file == nullptr && errno != EEXIST) break;
  }
  if (file == nullptr) return write_failure(errno != 0 ? errno : EIO, dataset, out);

  ErrorInfo stopped;
  errno = 0;
  int error = write_content(file, stopped);
  if (error == 0 && std::fflush(file) != 0) error = errno != 0 ? errno : EIO;
  if (error == 0 && platform::sync_file(file) != 0) error = errno != 0 ? errno : EIO;
  if (std::fclose(file) != 0 && error == 0) error = errno != 0 ? errno : EIO;
  std::error_code ec;
  if (error == 0) {
    fs::rename(temporary, out, ec);
    if (ec) error = ec.value() != 0 ? ec.value() : EIO;
  }
  if (error != 0) {
    fs::remove(temporary, ec);
    return error < 0 ? stopped : write_failure(error, dataset, out);
  }
  platform::sync_folder(dir);
  return {};
}

// Writes `text` whole; 0 or the errno of the failed write.
int write_text(std::FILE* file, std::string_view text) {
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), file) != text.size()) return errno != 0 ? errno : EIO;
  return 0;
}

ErrorInfo replace_file(const std::string& content, const std::string& dataset, const fs::path& dir,
                       const fs::path& out, unsigned mode) {
  return replace_file_with([&](std::FILE* file, ErrorInfo&) { return write_text(file, content); }, dataset,
                           dir, out, mode);
}

// Where an export to `out` lands, and with which permissions.
struct ExportTarget {
  fs::path path;  // `out`, or the file its symbolic link points to
  bool through_link = false;
  unsigned mode = 0600;  // a replaced file keeps its own
  ErrorInfo error;       // the target is refused
};

const char* kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "a folder";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::fifo:
      return "a named pipe (FIFO)";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}

ExportTarget resolve_target(const fs::path& out, const std::string& dataset) {
  ExportTarget target;
  target.path = out;
  const std::string refused = "Cannot export dataset " + dataset + " to " + out.string();
  const char* const kChooseFile =
      "Choose a regular file name (a new one, or an earlier export), then export again.";
  std::error_code ec;
  const fs::file_status own = fs::symlink_status(out, ec);
  if (own.type() == fs::file_type::symlink) {
    target.through_link = true;
    target.path = fs::canonical(out, ec);
    if (ec) {
      const bool loop = ec == std::errc::too_many_symbolic_link_levels;
      target.error = {error_code::kPermissionDenied,
                      refused + " because it is a symbolic link " +
                          (loop ? std::string("in a loop of links")
                                : "to " + fs::read_symlink(out, ec).string() + ", which does not exist") +
                          "; an export never creates a file through a link.",
                      kChooseFile};
      return target;
    }
  }
  const fs::file_status real = fs::status(target.path, ec);
  if (real.type() == fs::file_type::not_found) return target;
  if (ec) {
    target.error = {error_code::kPermissionDenied,
                    refused + " because it cannot be examined (" + ec.message() + ").", kChooseFile};
    return target;
  }
  if (real.type() != fs::file_type::regular) {
    const std::string via = target.through_link ? " (a symbolic link to " + target.path.string() + ")" : "";
    target.error = {error_code::kPermissionDenied,
                    refused + via + " because it is " + kind_of(real.type()) + ", not a regular file.",
                    kChooseFile};
    return target;
  }
  target.mode = static_cast<unsigned>(real.permissions()) & 07777u;
  return target;
}

}  // namespace

// Markdown is also accepted by its full name; it is written "md".
constexpr EnumName<ExportFormat> kFormatNames[] = {{ExportFormat::Xml, "xml"},
                                                   {ExportFormat::Jsonl, "jsonl"},
                                                   {ExportFormat::Markdown, "md"},
                                                   {ExportFormat::Markdown, "markdown"}};

const char* to_string(ExportFormat f) { return name_of(kFormatNames, f, "xml"); }

bool parse_export_format(const std::string& text, ExportFormat& out) {
  std::string lower;
  for (char c : text) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  std::optional<ExportFormat> format = parse_of(kFormatNames, lower);
  if (format) out = *format;
  return format.has_value();
}

std::string render_blocks(const std::vector<IdeaBlock>& blocks, const std::string& dataset,
                          ExportFormat format) {
  switch (format) {
    case ExportFormat::Xml:
      return render_xml(blocks, dataset);
    case ExportFormat::Jsonl:
      return render_jsonl(blocks);
    case ExportFormat::Markdown:
      return render_markdown(blocks, dataset);
  }
  return {};
}

namespace {

// The checks every export starts with: `out` may be written and its folder exists.
ErrorInfo check_target(const fs::path& out, const std::string& dataset, ExportTarget& target, fs::path& dir) {
  target = resolve_target(out, dataset);
  if (!target.error.empty()) return target.error;
  dir = target.path.parent_path().empty() ? fs::path(".") : target.path.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    const bool missing = !fs::exists(dir, ec);
    return {error_code::kFileNotFound,
            "Cannot export dataset " + dataset + " because the folder " + dir.string() +
                (missing ? " does not exist." : " is not a folder."),
            "Create the folder or choose another export location, then export again."};
  }
  return {};
}

ErrorInfo not_enough_space(const std::string& dataset, const fs::path& dir, int64_t needed,
                           int64_t available) {
  return {error_code::kDiskFull,
          "Exporting dataset " + dataset + " needs " + human_size(needed) + " but only " +
              human_size(available) + " is free at " + dir.string() + ".",
          "Free at least " + human_size(needed - available) + " at " + dir.string() +
              " or choose another export location, then export again."};
}

void finish_result(ExportResult& result, const ExportTarget& target, const fs::path& out) {
  result.written_to = target.path;
  if (target.through_link) {
    result.note = out.string() + " is a symbolic link, so the export was written to the file it points to, " +
                  target.path.string() + ".";
  }
}

// Runs an export, turning an exception (out of memory, a failing reader) into its error.
ExportResult guarded(const std::string& dataset, const std::function<void(ExportResult&)>& body) {
  ExportResult result;
  try {
    body(result);
  } catch (const std::exception& e) {
    result.error = {error_code::kInternal, "Exporting dataset " + dataset + " failed: " + e.what() + ".",
                    "Check the export location and free memory, then export again."};
  } catch (...) {
    result.error = {error_code::kInternal, "Exporting dataset " + dataset + " failed unexpectedly.",
                    "Check the export location and free memory, then export again."};
  }
  return result;
}

}  // namespace

ExportResult export_blocks(const std::vector<IdeaBlock>& blocks, const std::string& dataset,
                           ExportFormat format, const fs::path& out, const FreeSpaceProbe& probe) {
  return guarded(dataset, [&](ExportResult& result) {
    ExportTarget target;
    fs::path dir;
    if (result.error = check_target(out, dataset, target, dir); !result.error.empty()) return;
    const std::string content = render_blocks(blocks, dataset, format);
    const int64_t needed = static_cast<int64_t>(content.size()) + kSpaceMargin;
    const int64_t available = probe ? probe(dir) : -1;  // negative: unknown, let the write decide
    if (available >= 0 && available < needed) {
      result.error = not_enough_space(dataset, dir, needed, available);
      return;
    }
    result.error = replace_file(content, dataset, dir, target.path, target.mode);
    if (!result.ok()) return;
    finish_result(result, target, out);
    result.bytes_written = static_cast<int64_t>(content.size());
    for (const auto& block : blocks) result.blocks_written += exported(block) ? 1 : 0;
  });
}

ExportResult export_stream(const ExportSource& source, const std::string& dataset, ExportFormat format,
                           const fs::path& out, const FreeSpaceProbe& probe) {
  return guarded(dataset, [&](ExportResult& result) {
    ExportTarget target;
    fs::path dir;
    if (result.error = check_target(out, dataset, target, dir); !result.error.empty()) return;
    // The size is known only once written: the space is checked before, and the export
    // stops as soon as it would leave less than the margin free.
    const int64_t available = probe ? probe(dir) : -1;
    if (available >= 0 && available < kSpaceMargin) {
      result.error = not_enough_space(dataset, dir, kSpaceMargin, available);
      return;
    }
    int64_t bytes = 0;
    size_t written = 0;
    auto write_content = [&](std::FILE* file, ErrorInfo& stopped) {
      int error = 0;
      auto put = [&](const std::string& text) {
        bytes += static_cast<int64_t>(text.size());
        if (available >= 0 && bytes + kSpaceMargin > available) {
          stopped = not_enough_space(dataset, dir, bytes + kSpaceMargin, available);
          stopped.message = "Exporting dataset " + dataset +
                            " stopped before it would fill the disk: it needs more than " +
                            human_size(bytes + kSpaceMargin) + " but only " + human_size(available) +
                            " is free at " + dir.string() + ".";
          error = -1;
          return false;
        }
        error = write_text(file, text);
        return error == 0;
      };
      if (!put(export_header(format, dataset))) return error;
      source([&](const IdeaBlock& block, std::span<const float> vector) {
        if (!exported(block)) return true;
        if (!put(export_piece(format, block, vector))) return false;
        ++written;
        return true;
      });
      if (error == 0) put(export_footer(format));
      return error;
    };
    result.error = replace_file_with(write_content, dataset, dir, target.path, target.mode);
    if (!result.ok()) return;
    finish_result(result, target, out);
    result.bytes_written = bytes;
    result.blocks_written = written;
  });
}

}  // namespace blockify
