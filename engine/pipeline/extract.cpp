// Extract stage entry points: reading the file from disk with classified failures, and
// dispatching to the reader for its format.
#include "engine/pipeline/extract.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

#include "engine/pipeline/extract_formats.h"

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
  std::string what = extension.empty() ? std::string(display) + " has no file extension, so its format is unknown"
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
#ifdef _WIN32
  return std::unique_ptr<std::FILE, FileCloser>(_wfopen(path.c_str(), L"rb"));
#else
  return std::unique_ptr<std::FILE, FileCloser>(std::fopen(path.c_str(), "rb"));
#endif
}

// Reads the whole file, failing with a classified error. Reads at most one byte past the
// limit so a file that grew after the size check still fails TOO_LARGE, not out of memory.
ExtractResult read_whole_file(const std::filesystem::path& path, const std::string& display, int64_t expected_size,
                              const ExtractLimits& limits, std::string& bytes) {
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
      return failure(error_code::kTooLarge,
                     display + " is larger than the " + format_size(limits.max_file_bytes) + " limit for one file.",
                     "Split the file into smaller files, then retry.");
    }
    if (got < sizeof buffer) break;
  }
  if (std::ferror(file.get())) {
    return failure(error_code::kCorrupt, display + " could not be read to the end: " + std::strerror(errno) + ".",
                   "Check the disk the file is on, or copy the file again, then retry.");
  }
  return {};
}

// The characters budget, for a result whose reader did not apply it on the way.
ExtractResult within_text_budget(std::string_view display, ExtractResult result, const ExtractLimits& limits) {
  if (!result.ok() || result.is_archive) return result;
  ErrorInfo too_much = check_text_size(display, result.text, limits);
  if (too_much.empty()) return result;
  return failure(too_much.code.c_str(), too_much.message, too_much.hint);
}

}  // namespace

namespace extract_internal {

ExtractResult extract_by_extension(std::string_view extension, std::string_view display, std::string_view bytes,
                                   const ExtractLimits& limits, const CancelToken* cancel) {
  try {
    if (extension == ".txt" || extension == ".md") return extract_plain_text(display, bytes);
    if (extension == ".csv") return extract_csv(display, bytes);
    if (extension == ".json") return extract_json(display, bytes);
    if (extension == ".html" || extension == ".htm") return extract_html(display, bytes);
    if (extension == ".docx") return extract_docx(display, bytes, limits, cancel);
    if (extension == ".pptx") return extract_pptx(display, bytes, limits, cancel);
    if (extension == ".pdf") return extract_pdf(display, bytes, cancel);
    if (extension == ".zip") return extract_zip(display, bytes, limits, cancel);
    return unsupported(extension, display);
  } catch (const std::bad_alloc&) {
    return failure(error_code::kTooLarge, std::string(display) + " needs more memory to read than is available.",
                   "Split the file into smaller files, or close other programs, then retry.");
  } catch (const std::exception& e) {
    // Readers catch their libraries' exceptions; this is the last line before the caller.
    return failure(error_code::kInternal, "Reading " + std::string(display) + " failed unexpectedly: " + e.what() + ".",
                   "Check the log for details, then retry.");
  }
}

}  // namespace extract_internal

ExtractResult extract_file(const std::filesystem::path& path, const ExtractLimits& limits, const CancelToken* cancel) {
  const std::string display = path.filename().string();
  try {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec == std::errc::permission_denied) return permission_denied(path, display);
    if (ec == std::errc::too_many_symbolic_link_levels) {
      return failure(error_code::kFileNotFound,
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
      return failure(error_code::kUnsupportedFormat, display + " is not a regular file (it is a device, pipe or socket).",
                     "Remove it from the job, then retry.");
    }
    const std::string extension = lower_extension(display);
    if (!is_supported_format(path)) return unsupported(extension, display);

    auto size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    if (!ec && size > limits.max_file_bytes) {
      return failure(error_code::kTooLarge,
                     display + " is " + format_size(size) + ", larger than the " + format_size(limits.max_file_bytes) +
                         " limit for one file.",
                     "Split the file into smaller files, then retry.");
    }
    std::string bytes;
    ExtractResult read = read_whole_file(path, display, ec ? 0 : size, limits, bytes);
    if (!read.ok()) return read;
    return within_text_budget(display, extract_by_extension(extension, display, bytes, limits, cancel), limits);
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
                     std::string(name) + " is " + format_size(static_cast<int64_t>(bytes.size())) +
                         ", larger than the " + format_size(limits.max_file_bytes) + " limit for one file.",
                     "Split the file into smaller files, then retry.");
    }
    return within_text_budget(name, extract_by_extension(lower_extension(name), name, bytes, limits, cancel), limits);
  } catch (const std::exception& e) {  // building the message itself can only fail on memory
    return failure(error_code::kInternal, std::string("Reading a file failed unexpectedly: ") + e.what() + ".",
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
  static const std::vector<std::string> extensions = {".txt",  ".md",   ".csv",  ".json", ".html",
                                                      ".htm",  ".docx", ".pptx", ".pdf",  ".zip"};
  return extensions;
}

}  // namespace blockify
