// Readers for Office Open XML: .docx (word/document.xml) and .pptx (ppt/slides/slideN.xml).
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <functional>
#include <pugixml.hpp>

#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/extract/xml_walk.h"

namespace blockify::extract_internal {

namespace {

const char* const kReexportHint = "Open the file in its Office application and save it again, then retry.";

// CORRUPT, "<display> is damaged: <why>.", with the hint to save the file again.
ExtractResult damaged(std::string_view display, const std::string& why) {
  return failure(error_code::kCorrupt, std::string(display) + " is damaged: " + why + ".", kReexportHint);
}

}  // namespace

// Reads the parts whose names `wanted` accepts, one at a time, handing each to `use`
// and freeing it before the next: a document's memory is one part at a time, and every
// part counts toward the file's one unpack budget. Fails CORRUPT when the file is not a
// zip, ENCRYPTED when a part is encrypted, TOO_LARGE when the file breaks a budget;
// `use` may fail too, which stops the reading.
ExtractResult read_parts(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                         const CancelToken* cancel, const std::function<bool(std::string_view)>& wanted,
                         const std::function<ExtractResult(Part&)>& use) {
  if (is_ole_compound_file(bytes)) {
    static const char kMarker[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    if (bytes.find(std::string_view(kMarker, sizeof kMarker - 1)) != std::string_view::npos) {
      return failure(
          error_code::kEncrypted, std::string(display) + " is protected with a password.",
          "Open the file in its Office application, remove the password protection, save it, then retry.");
    }
    return failure(
        error_code::kUnsupportedFormat,
        std::string(display) + " is a legacy binary Office file (.doc or .ppt) with a modern extension.",
        "Open it in its Office application and save it as .docx or .pptx, then retry.");
  }
  UnpackBudget budget(display, static_cast<int64_t>(bytes.size()), limits, error_code::kTooLarge);
  {
    // Pass one, headers only: a bomb is refused before a byte of it is unpacked.
    ArchiveReader headers = open_zip(bytes);
    if (!headers) {
      return damaged(display, "it is not a valid Office (zip) file");
    }
    int64_t entries = 0, declared = 0;
    archive_entry* entry = nullptr;
    for (int status; (status = archive_read_next_header(headers.get(), &entry)) != ARCHIVE_EOF;) {
      if (status < ARCHIVE_WARN) {
        return damaged(display, "its zip structure cannot be read");
      }
      ++entries;
      if (archive_entry_size_is_set(entry)) declared += std::max<int64_t>(0, archive_entry_size(entry));
      ErrorInfo refused = budget.check_declared(entries, declared);
      if (!refused.empty()) return failure(refused.code.c_str(), refused.message, refused.hint);
    }
  }
  ArchiveReader reader = open_zip(bytes);
  if (!reader) {
    return damaged(display, "it is not a valid Office (zip) file");
  }
  archive_entry* entry = nullptr;
  for (;;) {
    if (cancel != nullptr && cancel->cancelled()) return interrupted(display);
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      return damaged(display, "its zip structure cannot be read");
    }
    const char* name = archive_entry_pathname(entry);
    if (name == nullptr || !wanted(name)) continue;
    if (archive_entry_is_encrypted(entry)) {
      return failure(error_code::kEncrypted, std::string(display) + " is protected with a password.",
                     "Remove the password protection from the file, then retry.");
    }
    Part part{name, {}};
    int64_t declared = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
    UnpackBudget::MemberRead read = budget.read_member(reader.get(), declared, part.name, part.xml);
    if (!read.ok()) {
      if (read.whole_file) return failure(read.error.code.c_str(), read.error.message, read.error.hint);
      if (read.error.code == error_code::kCorrupt) {
        return damaged(display, part.name + " cannot be unpacked");
      }
      return failure(error_code::kTooLarge, std::string(display) + " is damaged: " + read.error.message,
                     kReexportHint);
    }
    ExtractResult used = use(part);
    if (!used.ok()) return used;
  }
  return {};
}

namespace {

// Appends every paragraph under `root` in document order. Iterative: no recursion depth
// to exhaust on hostile files. False when elements nest deeper than `max_depth`.
bool collect_paragraphs(pugi::xml_node root, ParagraphWriter& out, int max_depth) {
  auto enter = [&](pugi::xml_node node) {
    if (node.type() != pugi::node_element) return Visit::kSkip;
    std::string_view name = local_name(node.name());
    if (name == "p") {
      out.end_paragraph();  // a text box inside a paragraph is a paragraph of its own
    } else if (name == "t") {
      out.append(node.child_value());
      return Visit::kSkip;
    } else if (name == "tab") {
      out.append(" ");
      return Visit::kSkip;
    } else if (name == "br" || name == "cr") {
      out.line_break();
      return Visit::kSkip;
    } else if (name == "Fallback") {
      // mc:AlternateContent repeats its content in mc:Fallback; reading both doubles it.
      return Visit::kSkip;
    }
    return Visit::kDescend;
  };
  auto leave = [&](pugi::xml_node node) {
    if (node.type() == pugi::node_element && local_name(node.name()) == "p") out.end_paragraph();
  };
  return walk(root, enter, leave, max_depth);
}

ExtractResult parse_into(std::string_view display, Part& part, ParagraphWriter& out,
                         const ExtractLimits& limits) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(part.xml.data(), part.xml.size(),
                                                          pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return damaged(display, part.name + " is not well-formed XML (" + parsed.description() +
                                " at byte offset " + std::to_string(parsed.offset) + ")");
  }
  if (!collect_paragraphs(doc, out, limits.max_nesting_depth)) {
    ErrorInfo deep = nesting_too_deep(display, part.name, limits);
    return failure(deep.code.c_str(), deep.message, deep.hint);
  }
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

ExtractResult read_parts(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                         const std::function<bool(std::string_view)>& wanted, std::vector<Part>& parts) {
  return read_parts(display, bytes, limits, nullptr, wanted, [&](Part& part) {
    parts.push_back(std::move(part));
    return ExtractResult{};
  });
}

ExtractResult extract_docx(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                           const CancelToken* cancel) {
  bool have_body = false;
  ParagraphWriter out;
  ExtractResult read = read_parts(
      display, bytes, limits, cancel, [](std::string_view name) { return name == "word/document.xml"; },
      [&](Part& part) {
        if (have_body) return ExtractResult{};  // a second copy of the body is not read twice
        have_body = true;
        return parse_into(display, part, out, limits);
      });
  if (!read.ok()) return read;
  if (!have_body) {
    return damaged(display, "it has no document body (word/document.xml is missing)");
  }
  return text_or_no_text(out.finish(), std::string(display) + " contains no text.", kOfficeNoTextHint);
}

ExtractResult extract_pptx(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                           const CancelToken* cancel) {
  bool have_presentation = false;
  // Each slide's text, kept (not its XML) until all are read: zip order is not slide order.
  std::vector<std::pair<int, std::string>> slides;
  int64_t characters = 0;
  ExtractResult read = read_parts(
      display, bytes, limits, cancel,
      [](std::string_view name) { return name == "ppt/presentation.xml" || slide_number(name) > 0; },
      [&](Part& part) {
        int number = slide_number(part.name);
        if (number == 0) {
          have_presentation = true;
          return ExtractResult{};
        }
        ParagraphWriter out;
        ExtractResult parsed = parse_into(display, part, out, limits);
        if (!parsed.ok()) return parsed;
        std::string text = out.finish();
        characters += count_characters(text);
        if (characters > limits.max_text_chars) {
          ErrorInfo too_much = text_limit_error(display, characters, limits);
          return failure(too_much.code.c_str(), too_much.message, too_much.hint);
        }
        slides.emplace_back(number, std::move(text));
        return ExtractResult{};
      });
  if (!read.ok()) return read;
  if (!have_presentation) {
    return damaged(display, "it has no presentation part (ppt/presentation.xml is missing)");
  }
  std::stable_sort(slides.begin(), slides.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string text;
  for (auto& [number, slide] : slides) {
    if (slide.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += slide;
  }
  return text_or_no_text(std::move(text), std::string(display) + " contains no text on any slide.",
                         kOfficeNoTextHint);
}

}  // namespace blockify::extract_internal
