// Extract stage entry points: reading the file from disk with classified failures, and
// dispatching to the reader for its format.
#include "engine/pipeline/extract/extract.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/extract/text_encoding.h"
#include "engine/platform/files.h"

namespace blockify {

using namespace extract_internal;

namespace {

std::string supported_list() {
  std::string list;
  const auto& extensions = supported_extensions();
  for (size_t i = 0; i < extensions.size(); ++i) {
    if (i > 0) list += i + 1 == extensions.size() ? " and " : ", ";
    list += extensions[i];
  }
  return list;
}

ExtractResult unsupported(std::string_view extension, std::string_view display) {
  std::string what = extension.empty()
                         ? std::string(display) + " has no file extension, so its format is unknown"
                         : std::string(display) + " is a " + std::string(extension) +
                               " file, which is not a supported format";
  return failure(error_code::kUnsupportedFormat, what + "; supported formats are " + supported_list() + ".",
                 "Convert the file to one of the supported formats, or remove it from the job.");
}

ExtractResult permission_denied(const std::filesystem::path& path, const std::string& display) {
  return failure(error_code::kPermissionDenied,
                 display + " could not be read because your user has no permission to read it.",
                 "Give your user read access to " + path.string() + ", then retry.");
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

std::unique_ptr<std::FILE, FileCloser> open_for_reading(const std::filesystem::path& path) {
  return std::unique_ptr<std::FILE, FileCloser>(platform::open_for_reading(path));
}

// Reads the whole file, failing with a classified error. Reads at most one byte past the
// limit so a file that grew after the size check still fails TOO_LARGE, not out of memory.
ExtractResult read_whole_file(const std::filesystem::path& path, const std::string& display,
                              int64_t expected_size, const ExtractLimits& limits, std::string& bytes) {
  errno = 0;
  auto file = open_for_reading(path);
  if (!file) {
    int error = errno;
    if (error == EACCES || error == EPERM) return permission_denied(path, display);
    if (error == ENOENT) {
      return failure(error_code::kFileNotFound, display + " was not found at " + path.string() + ".",
                     "Restore or replace " + path.string() + ", then retry.");
    }
    return failure(error_code::kCorrupt, display + " could not be opened: " + std::strerror(error) + ".",
                   "Check the disk the file is on, or copy the file again, then retry.");
  }
  bytes.reserve(static_cast<size_t>(expected_size));
  char buffer[1 << 16];
  for (;;) {
    size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
    bytes.append(buffer, got);
    if (static_cast<int64_t>(bytes.size()) > limits.max_file_bytes) {
      return failure(
          error_code::kTooLarge,
          display + " is larger than the " + human_size(limits.max_file_bytes) + " limit for one file.",
          "Split the file into smaller files, then retry.");
    }
    if (got < sizeof buffer) break;
  }
  if (std::ferror(file.get())) {
    return failure(error_code::kCorrupt,
                   display + " could not be read to the end: " + std::strerror(errno) + ".",
                   "Check the disk the file is on, or copy the file again, then retry.");
  }
  return {};
}

// The characters budget, for a result whose reader did not apply it on the way.
ExtractResult within_text_budget(std::string_view display, ExtractResult result,
                                 const ExtractLimits& limits) {
  if (!result.ok() || result.is_archive) return result;
  ErrorInfo too_much = check_text_size(display, result.text, limits);
  if (too_much.empty()) return result;
  return failure(std::move(too_much));
}

// The text formats go through decode_text first, so their readers see UTF-8 only.
bool is_text_format(std::string_view format) {
  return format == ".txt" || format == ".md" || format == ".csv" || format == ".json" || format == ".html" ||
         format == ".htm";
}

bool is_image_format(std::string_view format) {
  return format == ".png" || format == ".jpg" || format == ".jpeg" || format == ".tif" || format == ".tiff" ||
         format == ".bmp" || format == ".webp";
}

// Formats with the same reader count as one when comparing a name with the content.
std::string_view format_family(std::string_view format) {
  if (format == ".htm") return ".html";
  if (format == ".jpeg") return ".jpg";
  if (format == ".tiff") return ".tif";
  if (format == ".md") return ".txt";
  return format;
}

ExtractResult read_text_format(std::string_view format, std::string_view display, std::string_view bytes) {
  DecodedText decoded = decode_text(
      display, bytes, format == ".html" || format == ".htm" ? declared_html_charset(bytes) : std::string());
  if (!decoded.ok()) {
    ExtractResult failed;
    failed.error = decoded.error;
    return failed;
  }
  ExtractResult result;
  if (format == ".txt" || format == ".md") result = extract_plain_text(display, decoded.text);
  if (format == ".csv") result = extract_csv(display, decoded.text);
  if (format == ".json") result = extract_json(display, decoded.text);
  if (format == ".html" || format == ".htm") result = extract_html(display, decoded.text);
  result.encoding = decoded.encoding;
  return result;
}

ExtractResult read_format(std::string_view format, std::string_view display, std::string_view bytes,
                          const ExtractLimits& limits, const CancelToken* cancel) {
  if (is_text_format(format)) return read_text_format(format, display, bytes);
  if (format == ".docx") return extract_docx(display, bytes, limits, cancel);
  if (format == ".pptx") return extract_pptx(display, bytes, limits, cancel);
  if (format == ".xlsx") return extract_xlsx(display, bytes, limits);
  if (format == ".ods") return extract_ods(display, bytes, limits);
  if (format == ".odt") return extract_odt(display, bytes, limits);
  if (format == ".odp") return extract_odp(display, bytes, limits);
  if (format == ".epub") return extract_epub(display, bytes, limits, cancel);
  if (format == ".eml") return extract_mail(display, bytes, false, limits, cancel);
  if (format == ".mbox") return extract_mail(display, bytes, true, limits, cancel);
  if (format == ".pdf") return extract_pdf(display, bytes, limits, cancel);
  if (format == ".zip") return extract_zip(display, bytes, limits, cancel);
  if (is_image_format(format)) return extract_image(display, bytes, limits, cancel);
  return unsupported(format, display);
}

// True when the file's first bytes are those of a format the pipeline reads.
bool known_by_content(const std::filesystem::path& path) {
  auto file = open_for_reading(path);
  if (!file) return true;  // the full read reports why it cannot be opened
  char head[4096];
  size_t got = std::fread(head, 1, sizeof head, file.get());
  std::string sniffed = sniff_format(std::string_view(head, got));
  // A zip's manifest is at its end: a zip-looking head is enough to read the whole file.
  return !sniffed.empty();
}

}  // namespace

namespace extract_internal {

namespace {

// What a format is, the way a user names it ("a Word document").
std::string format_description(std::string_view format) {
  static const std::pair<const char*, const char*> kNames[] = {{".pdf", "a PDF document"},
                                                               {".docx", "a Word document"},
                                                               {".pptx", "a PowerPoint presentation"},
                                                               {".xlsx", "an Excel workbook"},
                                                               {".odt", "an OpenDocument text"},
                                                               {".ods", "an OpenDocument spreadsheet"},
                                                               {".odp", "an OpenDocument presentation"},
                                                               {".epub", "an EPUB e-book"},
                                                               {".eml", "a mail message"},
                                                               {".mbox", "a mailbox"},
                                                               {".html", "an HTML page"},
                                                               {".zip", "a zip archive"},
                                                               {".png", "a PNG image"},
                                                               {".jpg", "a JPEG image"},
                                                               {".tif", "a TIFF image"},
                                                               {".bmp", "a BMP image"},
                                                               {".webp", "a WebP image"}};
  for (const auto& [extension, name] : kNames) {
    if (format == extension) return name;
  }
  return "a " + std::string(format) + " file";
}

// Zip containers whose own reader explains best what is missing from a damaged one.
bool is_zip_document(std::string_view format) {
  return format == ".docx" || format == ".pptx" || format == ".xlsx" || format == ".odt" ||
         format == ".ods" || format == ".odp" || format == ".epub";
}

}  // namespace

std::string choose_format(std::string_view extension, std::string_view bytes, std::string& note) {
  std::string sniffed = sniff_format(bytes);
  if (sniffed.empty() || format_family(sniffed) == format_family(extension)) return std::string(extension);
  // HTML and mail are recognised from text only when the name says nothing better, since
  // a .txt or .md file may well quote a mail header or a tag.
  bool binary_magic = sniffed != ".html" && sniffed != ".eml" && sniffed != ".mbox";
  bool name_known = is_supported_format(std::string("x") + std::string(extension));
  if (!binary_magic && name_known) return std::string(extension);
  // A plain zip named .docx stays with the .docx reader, whose message says what is missing.
  if (sniffed == ".zip" && is_zip_document(extension)) return std::string(extension);
  std::string what = format_description(sniffed);
  note = (extension.empty() ? "Has no extension" : "Named " + std::string(extension)) + " but is " + what +
         "; read as " + what + ".";
  return sniffed;
}

ExtractResult extract_as(std::string_view format, const std::string& note, std::string_view display,
                         std::string_view bytes, const ExtractLimits& limits, const CancelToken* cancel) {
  try {
    ExtractResult result = read_format(format, display, bytes, limits, cancel);
    add_note(result, note);
    return result;
  } catch (const std::bad_alloc&) {
    return failure(error_code::kTooLarge,
                   std::string(display) + " needs more memory to read than is available.",
                   "Split the file into smaller files, or close other programs, then retry.");
  } catch (const std::exception& e) {
    // Readers catch their libraries' exceptions; this is the last line before the caller.
    return failure(error_code::kInternal,
                   "Reading " + std::string(display) + " failed unexpectedly: " + e.what() + ".",
                   "Check the log for details, then retry.");
  }
}

void add_note(ExtractResult& result, const std::string& note) {
  if (note.empty()) return;
  result.encoding += (result.encoding.empty() ? "" : "; ") + note;
}

ExtractResult extract_by_extension(std::string_view extension, std::string_view display,
                                   std::string_view bytes, const ExtractLimits& limits,
                                   const CancelToken* cancel) {
  std::string note;
  std::string format;
  try {
    format = choose_format(extension, bytes, note);
  } catch (const std::bad_alloc&) {  // detection allocates; memory is the only way it fails
    return failure(error_code::kTooLarge,
                   std::string(display) + " needs more memory to read than is available.",
                   "Split the file into smaller files, or close other programs, then retry.");
  }
  return extract_as(format, note, display, bytes, limits, cancel);
}

}  // namespace extract_internal

ExtractResult extract_file(const std::filesystem::path& path, const ExtractLimits& limits,
                           const CancelToken* cancel) {
  const std::string display = path.filename().string();
  try {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec == std::errc::permission_denied) return permission_denied(path, display);
    if (ec == std::errc::too_many_symbolic_link_levels) {
      return failure(
          error_code::kFileNotFound,
          display + " is a symbolic link in a loop (it leads back to itself), so no file can be read at " +
              path.string() + ".",
          "Point the link at the real file, or add the real file to the job instead, then retry.");
    }
    if (status.type() == std::filesystem::file_type::not_found || (ec && !std::filesystem::exists(status))) {
      return failure(error_code::kFileNotFound, display + " was not found at " + path.string() + ".",
                     "Restore or replace " + path.string() + ", then retry.");
    }
    if (status.type() == std::filesystem::file_type::directory) {
      return failure(error_code::kUnsupportedFormat, display + " is a folder, not a file.",
                     "Add the files inside the folder instead, then retry.");
    }
    if (status.type() != std::filesystem::file_type::regular) {
      return failure(error_code::kUnsupportedFormat,
                     display + " is not a regular file (it is a device, pipe or socket).",
                     "Remove it from the job, then retry.");
    }
    const std::string extension = lower_extension(display);
    // An unknown name is read only when its first bytes show a format we read (a PDF
    // saved without extension, a photo named .dat).
    if (!is_supported_format(path) && !known_by_content(path)) return unsupported(extension, display);

    auto size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    if (!ec && size > limits.max_file_bytes) {
      return failure(error_code::kTooLarge,
                     display + " is " + human_size(size) + ", larger than the " +
                         human_size(limits.max_file_bytes) + " limit for one file.",
                     "Split the file into smaller files, then retry.");
    }
    std::string bytes;
    ExtractResult read = read_whole_file(path, display, ec ? 0 : size, limits, bytes);
    if (!read.ok()) return read;
    return within_text_budget(display, extract_by_extension(extension, display, bytes, limits, cancel),
                              limits);
  } catch (const std::bad_alloc&) {
    return failure(error_code::kTooLarge, display + " needs more memory to read than is available.",
                   "Split the file into smaller files, or close other programs, then retry.");
  } catch (const std::exception& e) {
    return failure(error_code::kInternal, "Reading " + display + " failed unexpectedly: " + e.what() + ".",
                   "Check the log for details, then retry.");
  }
}

ExtractResult extract_bytes(std::string_view name, std::string_view bytes, const ExtractLimits& limits,
                            const CancelToken* cancel) {
  try {
    if (static_cast<int64_t>(bytes.size()) > limits.max_file_bytes) {
      return failure(error_code::kTooLarge,
                     std::string(name) + " is " + human_size(static_cast<int64_t>(bytes.size())) +
                         ", larger than the " + human_size(limits.max_file_bytes) + " limit for one file.",
                     "Split the file into smaller files, then retry.");
    }
    return within_text_budget(name, extract_by_extension(lower_extension(name), name, bytes, limits, cancel),
                              limits);
  } catch (const std::exception& e) {  // building the message itself can only fail on memory
    return failure(error_code::kInternal,
                   std::string("Reading a file failed unexpectedly: ") + e.what() + ".",
                   "Check the log for details, then retry.");
  }
}

bool is_supported_format(const std::filesystem::path& path) {
  const std::string extension = lower_extension(path.filename().string());
  for (const auto& supported : supported_extensions()) {
    if (supported == extension) return true;
  }
  return false;
}

const std::vector<std::string>& supported_extensions() {
  static const std::vector<std::string> extensions = {".txt",  ".md",   ".csv",  ".json", ".html", ".htm",
                                                      ".docx", ".pptx", ".xlsx", ".odt",  ".ods",  ".odp",
                                                      ".epub", ".eml",  ".mbox", ".pdf",  ".zip",  ".png",
                                                      ".jpg",  ".jpeg", ".tif",  ".tiff", ".bmp",  ".webp"};
  return extensions;
}

}  // namespace blockify
