// Reader for .zip archives: every file entry is extracted on its own and fails on its own.
//
// Safety: the whole archive is refused (ARCHIVE_LIMIT) before any entry content is read
// when it has too many entries, unpacks to too much, expands suspiciously (zip bomb), or
// names an entry outside its own folder ("../x", "/etc/x", "C:\x"). Refusing the whole
// archive, rather than only the bad entry, means no ArchiveEntry ever carries a
// path-traversal name that a later stage could write to. Nothing is written to disk here.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "engine/pipeline/extract/extract_formats.h"

namespace blockify::extract_internal {

void ArchiveReaderDeleter::operator()(struct archive* reader) const { archive_read_free(reader); }

ArchiveReader open_zip(std::string_view bytes) {
  ArchiveReader reader(archive_read_new());
  if (!reader) return nullptr;
  archive_read_support_format_zip_seekable(reader.get());
  if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) return nullptr;
  return reader;
}

EntryRead read_entry_content(struct archive* reader, int64_t cap, std::string& out) {
  constexpr size_t kBlock = 1 << 16;
  const size_t start = out.size();
  for (;;) {
    size_t used = out.size();
    out.resize(used + kBlock);
    la_ssize_t got = archive_read_data(reader, out.data() + used, kBlock);
    out.resize(used + (got > 0 ? static_cast<size_t>(got) : 0));
    if (got == 0) return EntryRead::kOk;
    if (got < 0) return EntryRead::kDamaged;
    if (static_cast<int64_t>(out.size() - start) > cap) return EntryRead::kTooLarge;
  }
}

bool is_ole_compound_file(std::string_view bytes) {
  return bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

namespace {

const char* const kUnpackHint =
    "Unpack the archive with a trusted tool and add its files directly, or split it.";

bool is_unsafe_name(std::string_view name) {
  if (name.empty()) return false;
  if (name[0] == '/' || name[0] == '\\') return true;
  if (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) && name[1] == ':') return true;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

// Names are shown to the user and stored; bytes that are not UTF-8 (old zips use
// code page 437) become '?'.
std::string readable_name(archive_entry* entry) {
  const char* utf8 = archive_entry_pathname_utf8(entry);
  std::string name = utf8 ? utf8 : (archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "");
  // Each search starts past the byte just replaced: a 64 KB name of bad bytes costs one pass.
  for (size_t bad = first_invalid_utf8(name); bad != std::string::npos;) {
    name[bad] = '?';
    size_t next = first_invalid_utf8(std::string_view(name).substr(bad + 1));
    bad = next == std::string_view::npos ? next : bad + 1 + next;
  }
  return name;
}

// Entries a zip tool adds on its own (macOS resource forks, Finder metadata).
bool is_system_clutter(std::string_view name) {
  return name.substr(0, 9) == "__MACOSX/" || name == ".DS_Store" ||
         (name.size() > 10 && name.substr(name.size() - 10) == "/.DS_Store");
}

ExtractResult corrupt_archive(std::string_view display) {
  return failure(error_code::kCorrupt,
                 std::string(display) + " is damaged: it is not a readable zip archive.",
                 "Download or create the archive again, then retry.");
}

// Pass one: headers only. Returns a failed result when the archive breaks a limit.
ExtractResult check_limits(std::string_view display, std::string_view bytes, const UnpackBudget& budget) {
  ArchiveReader reader = open_zip(bytes);
  if (!reader) return corrupt_archive(display);
  int64_t entries = 0;
  int64_t total = 0;
  archive_entry* entry = nullptr;
  for (;;) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) return corrupt_archive(display);
    std::string name = readable_name(entry);
    if (is_unsafe_name(name) ||
        is_unsafe_name(archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "")) {
      return failure(error_code::kArchiveLimit,
                     std::string(display) + " contains the entry \"" + name +
                         "\", whose path points outside the archive, so the archive is not read.",
                     kUnpackHint);
    }
    ++entries;
    if (archive_entry_size_is_set(entry)) total += std::max<int64_t>(0, archive_entry_size(entry));
    // Stop counting as soon as a limit breaks: a hostile directory can be huge.
    ErrorInfo refused = budget.check_declared(entries, total);
    if (!refused.empty()) return failure(refused.code.c_str(), refused.message, refused.hint);
  }
  return {};
}

// How many first bytes of an entry tell its format when its name does not.
constexpr size_t kHeadBytes = 4096;

// One file entry's result, read by what it is: a wrong name is a note, not a failure.
// Sets `budget_broken` when the archive as a whole went past its unpack budget.
ExtractResult extract_entry(struct archive* reader, archive_entry* entry, const std::string& name,
                            std::string_view display, const ExtractLimits& limits, const CancelToken* cancel,
                            UnpackBudget& budget, bool& budget_broken) {
  const std::string entry_display = name + " in " + std::string(display);
  const std::string extension = lower_extension(name);
  if (archive_entry_is_encrypted(entry)) {
    return failure(error_code::kEncrypted, entry_display + " is protected with a password.",
                   "Unpack the archive with its password and add the files directly, then retry.");
  }
  std::string content;
  // An entry whose name is not a format we read is unpacked only when its first bytes
  // are (a PDF saved as "scan.bin"): a video or a program in the archive costs 4 KB.
  if (!is_supported_format(name) && extension != ".zip") {
    UnpackBudget::MemberRead head = budget.read_head(reader, kHeadBytes, entry_display, content);
    if (!head.ok()) return failure(head.error.code.c_str(), head.error.message, head.error.hint);
    if (sniff_format(content).empty()) return extract_as(extension, {}, entry_display, {}, limits, cancel);
  }
  int64_t declared = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
  if (declared > limits.max_file_bytes) {
    return failure(error_code::kTooLarge,
                   entry_display + " is " + human_size(declared) + ", larger than the " +
                       human_size(limits.max_file_bytes) + " limit for one file.",
                   "Split the file into smaller files, then retry.");
  }
  int64_t rest = declared < 0 ? -1 : std::max<int64_t>(0, declared - static_cast<int64_t>(content.size()));
  UnpackBudget::MemberRead read = budget.read_member(reader, rest, entry_display, content);
  if (!read.ok()) {
    budget_broken = read.whole_file;
    return failure(read.error.code.c_str(), read.error.message, read.error.hint);
  }
  std::string note;
  std::string format = choose_format(extension, content, note);
  if (format == ".zip") {
    ExtractResult nested = failure(error_code::kUnsupportedFormat,
                                   entry_display + " is an archive inside an archive, which is not read.",
                                   "Unpack the inner archive and add its files to the job, then retry.");
    add_note(nested, note);
    return nested;
  }
  // An entry is read with the archive's own budgets (an Office file inside a zip has
  // what is left of the archive's unpacked total, not a fresh 512 MB).
  ExtractLimits inner = limits;
  inner.max_archive_total_bytes = std::max<int64_t>(0, limits.max_archive_total_bytes - budget.used());
  return extract_as(format, note, entry_display, content, inner, cancel);
}

ExtractResult read_entries(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                           const CancelToken* cancel) {
  UnpackBudget budget(display, static_cast<int64_t>(bytes.size()), limits, error_code::kArchiveLimit);
  ExtractResult refused = check_limits(display, bytes, budget);
  if (!refused.ok()) return refused;

  ExtractResult result;
  ArchiveReader reader = open_zip(bytes);
  if (!reader) return corrupt_archive(display);
  archive_entry* entry = nullptr;
  int64_t text_chars = 0;
  for (;;) {
    if (cancel != nullptr && cancel->cancelled()) {
      ExtractResult stopped = interrupted(display);
      result.error = stopped.error;
      return result;
    }
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      result.error = corrupt_archive(display).error;
      return result;
    }
    std::string name = readable_name(entry);
    if (archive_entry_filetype(entry) != AE_IFREG || name.empty() || name.back() == '/' ||
        is_system_clutter(name)) {
      continue;
    }
    ArchiveEntry child;
    child.name = name;
    child.size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
    bool budget_broken = false;
    child.result = extract_entry(reader.get(), entry, name, display, limits, cancel, budget, budget_broken);
    if (budget_broken)
      return failure(child.result.error.code.c_str(), child.result.error.message, child.result.error.hint);
    // A mail with attachments (or a mailbox) is a folder of its own: its message and
    // attachments become entries beside the others ("mail.eml/message",
    // "mail.eml/report.pdf"), since a job shows one level of child files.
    std::vector<ArchiveEntry> children;
    if (child.result.ok() && child.result.is_archive) {
      for (auto& inner : child.result.entries) {
        inner.name = name + "/" + inner.name;
        children.push_back(std::move(inner));
      }
    } else {
      children.push_back(std::move(child));
    }
    for (auto& one : children) {
      if (static_cast<int64_t>(result.entries.size()) >= limits.max_archive_entries) {
        return failure(error_code::kArchiveLimit,
                       std::string(display) + " has more than " + format_count(limits.max_archive_entries) +
                           " entries and mail attachments, the limit for one file, so it is not read.",
                       kUnpackHint);
      }
      // The characters budget is the archive's, across all its entries.
      text_chars += count_characters(one.result.text);
      if (text_chars > limits.max_text_chars) {
        ErrorInfo too_much = text_limit_error(display, text_chars, limits);
        return failure(too_much.code.c_str(), too_much.message, too_much.hint);
      }
      result.entries.push_back(std::move(one));
    }
  }
  if (result.entries.empty()) {
    return failure(error_code::kNoText, std::string(display) + " contains no files.",
                   "Add files to the archive, or remove it from the job.");
  }
  return result;
}

}  // namespace

ExtractResult extract_zip(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                          const CancelToken* cancel) {
  ExtractResult result = read_entries(display, bytes, limits, cancel);
  result.is_archive = true;  // also when it failed: the file is an archive all the same
  return result;
}

}  // namespace blockify::extract_internal
