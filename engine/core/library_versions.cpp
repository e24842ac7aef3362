#include "engine/core/library_versions.h"

#include <archive.h>
#include <poppler-version.h>
#include <sqlite3.h>

#if defined(BLOCKIFY_WITH_TESSERACT)
#include <tesseract/baseapi.h>
#endif

namespace blockify {
namespace {

// "libarchive 3.6.2" → "3.6.2": the name is printed beside it already.
std::string without_prefix(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
}

}  // namespace

std::vector<LibraryVersion> engine_library_versions() {
  std::vector<LibraryVersion> out;
  out.push_back({"SQLite", sqlite3_libversion()});
  out.push_back({"poppler", poppler::version_string()});
  out.push_back({"libarchive", without_prefix(archive_version_string(), "libarchive ")});
#if defined(BLOCKIFY_WITH_TESSERACT)
  // OCR is optional: the build that links Tesseract defines BLOCKIFY_WITH_TESSERACT.
  out.push_back({"Tesseract", tesseract::TessBaseAPI::Version()});
#endif
  return out;
}

}  // namespace blockify
