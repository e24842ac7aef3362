// Readers for Office Open XML: .docx (word/document.xml) and .pptx (ppt/slides/slideN.xml).
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <functional>
#include <pugixml.hpp>

#include "engine/pipeline/extract_formats.h"

namespace blockify::extract_internal {

namespace {

const char* const kReexportHint = "Open the file in its Office application and save it again, then retry.";

std::string_view local_name(const char* qualified) {
  std::string_view name(qualified);
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

struct Part {
  std::string name;
  std::string xml;
};

// Reads the parts whose names `wanted` accepts. Fails CORRUPT when the file is not a
// zip, ENCRYPTED when a part is encrypted, TOO_LARGE when a part unpacks past the limit.
ExtractResult read_parts(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                         const std::function<bool(std::string_view)>& wanted, std::vector<Part>& parts) {
  if (is_ole_compound_file(bytes)) {
    static const char kMarker[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    if (bytes.find(std::string_view(kMarker, sizeof kMarker - 1)) != std::string_view::npos) {
      return failure(error_code::kEncrypted, std::string(display) + " is protected with a password.",
                     "Open the file in its Office application, remove the password protection, save it, then retry.");
    }
    return failure(error_code::kUnsupportedFormat,
                   std::string(display) + " is a legacy binary Office file (.doc or .ppt) with a modern extension.",
                   "Open it in its Office application and save it as .docx or .pptx, then retry.");
  }
  ArchiveReader reader = open_zip(bytes);
  if (!reader) {
    return failure(error_code::kCorrupt, std::string(display) + " is damaged: it is not a valid Office (zip) file.",
                   kReexportHint);
  }
  archive_entry* entry = nullptr;
  for (;;) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      return failure(error_code::kCorrupt, std::string(display) + " is damaged: its zip structure cannot be read.",
                     kReexportHint);
    }
    const char* name = archive_entry_pathname(entry);
    if (name == nullptr || !wanted(name)) continue;
    if (archive_entry_is_encrypted(entry)) {
      return failure(error_code::kEncrypted, std::string(display) + " is protected with a password.",
                     "Remove the password protection from the file, then retry.");
    }
    Part part{name, {}};
    // The declared size is only a hint and can lie: reserve no more than an honest part
    // could unpack to at the allowed compression ratio, or a few KB claiming 2 GB make
    // us allocate 2 GB (found by fuzz_extract_pptx).
    const double plausible = limits.max_compression_ratio * static_cast<double>(bytes.size());
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) <= limits.max_archive_total_bytes &&
        static_cast<double>(archive_entry_size(entry)) <= plausible) {
      part.xml.reserve(static_cast<size_t>(archive_entry_size(entry)));
    }
    switch (read_entry_content(reader.get(), limits.max_archive_total_bytes, part.xml)) {
      case EntryRead::kOk:
        break;
      case EntryRead::kTooLarge:
        return failure(error_code::kTooLarge,
                       std::string(display) + " unpacks to more than " + format_size(limits.max_archive_total_bytes) +
                           " in " + part.name + ", past the limit.",
                       "Split the document into smaller files, then retry.");
      case EntryRead::kDamaged:
        return failure(error_code::kCorrupt, std::string(display) + " is damaged: " + part.name + " cannot be unpacked.",
                       kReexportHint);
    }
    parts.push_back(std::move(part));
  }
  return {};
}

// Appends every paragraph under `root` in document order. Iterative: no recursion depth
// to exhaust on hostile files.
void collect_paragraphs(pugi::xml_node root, ParagraphWriter& out) {
  auto leave = [&](pugi::xml_node node) {
    if (node.type() == pugi::node_element && local_name(node.name()) == "p") out.end_paragraph();
  };
  pugi::xml_node node = root.first_child();
  while (node) {
    bool descend = false;
    if (node.type() == pugi::node_element) {
      std::string_view name = local_name(node.name());
      if (name == "p") {
        out.end_paragraph();  // a text box inside a paragraph is a paragraph of its own
        descend = true;
      } else if (name == "t") {
        out.append(node.child_value());
      } else if (name == "tab") {
        out.append(" ");
      } else if (name == "br" || name == "cr") {
        out.line_break();
      } else if (name == "Fallback") {
        // mc:AlternateContent repeats its content in mc:Fallback; reading both doubles it.
      } else {
        descend = true;
      }
    }
    if (descend && node.first_child()) {
      node = node.first_child();
      continue;
    }
    for (;;) {
      leave(node);
      if (node.next_sibling()) {
        node = node.next_sibling();
        break;
      }
      node = node.parent();
      if (!node || node == root) return;
    }
  }
}

ExtractResult parse_into(std::string_view display, Part& part, ParagraphWriter& out) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(part.xml.data(), part.xml.size(),
                                                          pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return failure(error_code::kCorrupt,
                   std::string(display) + " is damaged: " + part.name + " is not well-formed XML (" +
                       parsed.description() + " at byte offset " + std::to_string(parsed.offset) + ").",
                   kReexportHint);
  }
  collect_paragraphs(doc, out);
  out.end_paragraph();
  return {};
}

const char* const kOfficeNoTextHint =
    "Check that the document holds text rather than only images; scanned pages need OCR first.";

// "ppt/slides/slide12.xml" -> 12; 0 for any other part.
int slide_number(std::string_view name) {
  constexpr std::string_view kPrefix = "ppt/slides/slide";
  constexpr std::string_view kSuffix = ".xml";
  if (name.size() <= kPrefix.size() + kSuffix.size() || name.substr(0, kPrefix.size()) != kPrefix ||
      name.substr(name.size() - kSuffix.size()) != kSuffix) {
    return 0;
  }
  std::string_view digits = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  if (digits.size() > 6) return 0;
  int number = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    number = number * 10 + (c - '0');
  }
  return number;
}

}  // namespace

ExtractResult extract_docx(std::string_view display, std::string_view bytes, const ExtractLimits& limits) {
  std::vector<Part> parts;
  ExtractResult read = read_parts(display, bytes, limits,
                                  [](std::string_view name) { return name == "word/document.xml"; }, parts);
  if (!read.ok()) return read;
  if (parts.empty()) {
    return failure(error_code::kCorrupt,
                   std::string(display) + " is damaged: it has no document body (word/document.xml is missing).",
                   kReexportHint);
  }
  ParagraphWriter out;
  ExtractResult parsed = parse_into(display, parts.front(), out);
  if (!parsed.ok()) return parsed;
  return text_or_no_text(out.finish(), std::string(display) + " contains no text.", kOfficeNoTextHint);
}

ExtractResult extract_pptx(std::string_view display, std::string_view bytes, const ExtractLimits& limits) {
  std::vector<Part> parts;
  ExtractResult read = read_parts(
      display, bytes, limits,
      [](std::string_view name) { return name == "ppt/presentation.xml" || slide_number(name) > 0; }, parts);
  if (!read.ok()) return read;
  auto presentation = std::find_if(parts.begin(), parts.end(), [](const Part& p) { return slide_number(p.name) == 0; });
  if (presentation == parts.end()) {
    return failure(error_code::kCorrupt,
                   std::string(display) + " is damaged: it has no presentation part (ppt/presentation.xml is missing).",
                   kReexportHint);
  }
  parts.erase(presentation);
  std::sort(parts.begin(), parts.end(),
            [](const Part& a, const Part& b) { return slide_number(a.name) < slide_number(b.name); });
  ParagraphWriter out;
  for (Part& slide : parts) {
    ExtractResult parsed = parse_into(display, slide, out);
    if (!parsed.ok()) return parsed;
  }
  return text_or_no_text(out.finish(), std::string(display) + " contains no text on any slide.", kOfficeNoTextHint);
}

}  // namespace blockify::extract_internal
