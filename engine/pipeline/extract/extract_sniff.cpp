// Detection by content: magic bytes, and for zip containers the parts they hold, so a
// file with a wrong or missing extension is still read by the right reader.
#include <archive.h>
#include <archive_entry.h>

#include <cctype>

#include "engine/pipeline/extract/extract_formats.h"

namespace blockify::extract_internal {

namespace {

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// The `count` bytes at `offset`, fewer near the end, none past it: a file that is only a
// magic number long (a 4-byte "PK\3\4") must not make the look-ahead throw.
std::string_view bytes_at(std::string_view bytes, size_t offset, size_t count) {
  return offset < bytes.size() ? bytes.substr(offset, count) : std::string_view();
}

std::string lower_head(std::string_view bytes, size_t count) {
  std::string head(bytes.substr(0, count));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head;
}

std::string format_for_mimetype(std::string_view mimetype) {
  if (starts_with(mimetype, "application/vnd.oasis.opendocument.text")) return ".odt";
  if (starts_with(mimetype, "application/vnd.oasis.opendocument.spreadsheet")) return ".ods";
  if (starts_with(mimetype, "application/vnd.oasis.opendocument.presentation")) return ".odp";
  if (starts_with(mimetype, "application/epub+zip")) return ".epub";
  return {};
}

// Which document a zip holds, by its manifest parts; ".zip" for a plain archive.
std::string zip_container_format(std::string_view bytes) {
  // ODF and EPUB store "mimetype" first and uncompressed, so its value sits right after
  // the first local header; this answers without unpacking anything.
  if (bytes_at(bytes, 30, 8) == "mimetype") {
    std::string format = format_for_mimetype(bytes_at(bytes, 38, 64));
    if (!format.empty()) return format;
  }
  ArchiveReader reader = open_zip(bytes);
  if (!reader) return ".zip";
  archive_entry* entry = nullptr;
  bool has_mimetype = false, has_container = false;
  for (int seen = 0; seen < 10000; ++seen) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF || status < ARCHIVE_WARN) break;
    const char* raw = archive_entry_pathname(entry);
    std::string_view name = raw ? raw : "";
    if (name == "word/document.xml") return ".docx";
    if (name == "ppt/presentation.xml") return ".pptx";
    if (name == "xl/workbook.xml") return ".xlsx";
    if (name == "mimetype" && !has_mimetype) {
      has_mimetype = true;
      std::string value;
      if (read_entry_content(reader.get(), 256, value) == EntryRead::kOk) {
        std::string format = format_for_mimetype(value);
        if (!format.empty()) return format;
      }
    }
    if (name == "META-INF/container.xml") has_container = true;
  }
  return has_container ? ".epub" : ".zip";
}

// RFC 5322 header names that open a saved message.
bool looks_like_mail(std::string_view bytes) {
  static const char* const kOpeners[] = {
      "received:", "return-path:", "from:",         "to:",           "subject:",
      "date:",     "message-id:",  "mime-version:", "delivered-to:", "x-"};
  std::string head = lower_head(bytes, 64);
  bool opener = false;
  for (const char* name : kOpeners) opener = opener || starts_with(head, name);
  if (!opener) return false;
  // A message has at least two header lines and a Subject or From among the first ones.
  std::string more = lower_head(bytes, 4096);
  return more.find("\nsubject:") != std::string::npos || more.find("\nfrom:") != std::string::npos ||
         starts_with(more, "subject:") || starts_with(more, "from:");
}

}  // namespace

std::string sniff_format(std::string_view bytes) {
  if (starts_with(bytes, "%PDF-")) return ".pdf";
  if (starts_with(bytes, "PK\x03\x04")) return zip_container_format(bytes);
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n")) return ".png";
  if (starts_with(bytes, "\xFF\xD8\xFF")) return ".jpg";
  if (starts_with(bytes, std::string_view("II*\0", 4)) || starts_with(bytes, std::string_view("MM\0*", 4))) {
    return ".tif";
  }
  if (starts_with(bytes, "BM") && bytes.size() > 26 && bytes[14] != 0 && bytes[15] == 0) return ".bmp";
  if (starts_with(bytes, "RIFF") && bytes_at(bytes, 8, 4) == "WEBP") return ".webp";
  if (starts_with(bytes, "From ") && bytes.find('\n') != std::string_view::npos &&
      looks_like_mail(bytes.substr(bytes.find('\n') + 1))) {
    return ".mbox";
  }
  if (looks_like_mail(bytes)) return ".eml";
  std::string head =
      lower_head(bytes.substr(bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF") == std::string_view::npos
                                  ? bytes.size()
                                  : bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF")),
                 32);
  if (starts_with(head, "<!doctype html") || starts_with(head, "<html")) return ".html";
  return {};
}

}  // namespace blockify::extract_internal
