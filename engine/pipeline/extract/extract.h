#pragma once
// Extract: turn one input file into UTF-8 text, or a classified per-file error.
// Plain functions: no threads, no SQLite, no UI. Paragraphs are separated by "\n\n".
//
// Folder engine/pipeline/extract/: one reader per format (text in any encoding, HTML,
// PDF, Office, OpenDocument, spreadsheets, e-books, mail, archives, images through OCR),
// the limits every reader keeps, and format detection by content. Runs on the worker
// that runs the job.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/domain/error.h"
#include "engine/pipeline/cancel.h"

namespace blockify {

// OCR of images and scanned PDF pages (Tesseract). Carried with the limits so every
// reader, archive entries and mail attachments included, sees the same settings.
struct OcrSettings {
  bool enabled = true;
  std::string languages = "eng";  // Tesseract codes joined by '+', e.g. "eng+deu"
  int page_seconds = 120;         // a page that takes longer fails TIMEOUT
  // Called between pages with (pages done, pages in the file); may be empty.
  std::function<void(int done, int total)> progress;
};

// Budgets for one input file, applied to the whole file rather than to each part: an
// archive's or Office document's members all count toward one unpacked total. Breaking
// one fails that file with TOO_LARGE (documents) or ARCHIVE_LIMIT (.zip), in a sentence
// that names the limit and its value. The README lists the same numbers.
struct ExtractLimits {
  int64_t max_file_bytes = 512ll << 20;           // the input file itself
  int max_archive_entries = 100000;               // members of one archive or Office file
  int64_t max_archive_total_bytes = 512ll << 20;  // unpacked bytes, all members together
  double max_compression_ratio = 100.0;           // unpacked / packed, for the whole file
  int max_nesting_depth = 256;                    // XML elements; deeper HTML is flattened
  int64_t max_text_chars = 50'000'000;            // characters of extracted text
  OcrSettings ocr;                                // images and scanned PDF pages
};

struct ArchiveEntry;

struct ExtractResult {
  ErrorInfo error;   // empty on success
  std::string text;  // UTF-8; paragraphs separated by a blank line
  // How the bytes were read, shown per file: "UTF-8", "ISO-8859-1 (declared)",
  // "windows-1252 (detected)", "OCR, 91 % confidence"; notes such as a wrong extension
  // follow after "; ". May be set on a failure too.
  std::string encoding;
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

// The first Tesseract language code of `languages` ("eng+deu") whose data is not
// installed (its Debian package is "tesseract-ocr-" + code); "" when all are. Loads the
// language data, so it takes a moment: for a changed setting, not for every file.
std::string missing_ocr_language(const std::string& languages);

// True when the extension is one the pipeline reads.
bool is_supported_format(const std::filesystem::path& path);

// The supported extensions, lower case with the dot: ".txt", ".md", ...
const std::vector<std::string>& supported_extensions();

}  // namespace blockify
