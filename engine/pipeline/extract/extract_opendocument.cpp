// Readers for OpenDocument: .odt (text), .odp (slides) and .ods (sheets), all from the
// package's content.xml.
#include <algorithm>
#include <pugixml.hpp>

#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/extract/xml_walk.h"

namespace blockify::extract_internal {

namespace {

const char* const kReexportHint =
    "Open the file in LibreOffice (or its application) and save it again, then retry.";

using extract_internal::local_name;
std::string_view local_name(pugi::xml_node node) { return local_name(node.name()); }

// A paragraph's inline content: spans, links, spaces, tabs and line breaks. Footnote
// and comment bodies are left out: they interrupt the sentence they are attached to.
void inline_text(pugi::xml_node paragraph, ParagraphWriter& out) {
  walk(
      paragraph,
      [&](pugi::xml_node node) {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
          out.append(node.value());
          return Visit::kSkip;
        }
        std::string_view name = local_name(node);
        if (name == "s" || name == "tab") out.append(" ");
        if (name == "line-break") out.line_break();
        if (name == "note" || name == "annotation" || name == "tracked-changes") return Visit::kSkip;
        return Visit::kDescend;
      },
      [](pugi::xml_node) {});
}

// A table row as one line, its cells' text joined by " · ".
std::string row_line(pugi::xml_node row) {
  std::string line;
  for (pugi::xml_node cell : row.children()) {
    std::string_view name = local_name(cell);
    if (name != "table-cell" && name != "covered-table-cell") continue;
    ParagraphWriter text;
    inline_text(cell, text);
    std::string value = text.finish();
    std::replace(value.begin(), value.end(), '\n', ' ');
    if (value.empty()) continue;
    if (!line.empty()) line += " \xC2\xB7 ";
    line += value;
  }
  return line;
}

// Headings, paragraphs, list items (paragraphs inside text:list) and table rows of a
// text body or a slide, in document order.
void body_paragraphs(pugi::xml_node root, ParagraphWriter& out) {
  walk(
      root,
      [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return Visit::kSkip;
        std::string_view name = local_name(node);
        if (name == "p" || name == "h") {
          out.end_paragraph();
          inline_text(node, out);
          out.end_paragraph();
          return Visit::kSkip;
        }
        if (name == "table-row") {
          out.end_paragraph();
          out.append(row_line(node));
          out.end_paragraph();
          return Visit::kSkip;
        }
        // Speaker notes are not on the slide; tracked deletions are not in the text.
        if (name == "notes" || name == "tracked-changes" || name == "annotation") return Visit::kSkip;
        return Visit::kDescend;
      },
      [](pugi::xml_node) {});
}

// Reads content.xml, failing ENCRYPTED for a password-protected package (its manifest
// names encryption data) and CORRUPT when the part is missing or not XML.
ExtractResult load_content(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                           std::vector<Part>& parts, pugi::xml_document& doc) {
  ExtractResult read = read_parts(
      display, bytes, limits,
      [](std::string_view name) { return name == "content.xml" || name == "META-INF/manifest.xml"; }, parts);
  if (!read.ok()) return read;
  Part* content = nullptr;
  for (Part& part : parts) {
    if (part.name == "META-INF/manifest.xml" && part.xml.find("encryption-data") != std::string::npos) {
      return failure(
          error_code::kEncrypted, std::string(display) + " is protected with a password.",
          "Open the file in LibreOffice, remove the password (File > Properties), save it, then retry.");
    }
    if (part.name == "content.xml") content = &part;
  }
  if (content == nullptr) {
    return failure(error_code::kCorrupt, std::string(display) + " is damaged: content.xml is missing.",
                   kReexportHint);
  }
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(content->xml.data(), content->xml.size(),
                                                          pugi::parse_default | pugi::parse_ws_pcdata);
  if (!parsed) {
    return failure(error_code::kCorrupt,
                   std::string(display) + " is damaged: content.xml is not well-formed XML (" +
                       parsed.description() + " at byte offset " + std::to_string(parsed.offset) + ").",
                   kReexportHint);
  }
  return {};
}

// office:document-content/office:body/office:<kind>
pugi::xml_node body_of(pugi::xml_document& doc, std::string_view kind) {
  for (pugi::xml_node section : doc.document_element().children()) {
    if (local_name(section) != "body") continue;
    for (pugi::xml_node body : section.children()) {
      if (local_name(body) == kind) return body;
    }
  }
  return {};
}

const char* const kNoTextHint =
    "Check that the document holds text rather than only images, or remove it from the job.";

// Rows and columns an ODS file repeats: spreadsheets pad with "1,048,576 empty rows".
constexpr int kMaxRepeat = 1000;

// Stops early, with `budget` exceeded, when the repeated cells' text passes the limit.
std::vector<SheetRow> ods_rows(pugi::xml_node table, SheetBudget& budget) {
  std::vector<SheetRow> rows;
  walk(
      table,
      [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element || budget.exceeded()) return Visit::kSkip;
        std::string_view name = local_name(node);
        if (name == "table") return Visit::kSkip;  // a table nested in a cell is not a sheet row
        if (name != "table-row") return Visit::kDescend;
        SheetRow cells;  // columns only grow along a row, so they stay in order
        size_t column = 0;
        int64_t row_characters = 0;
        for (pugi::xml_node cell : node.children()) {
          std::string_view cell_name = local_name(cell);
          if (cell_name != "table-cell" && cell_name != "covered-table-cell") continue;
          int repeat = std::max(1, cell.attribute("table:number-columns-repeated").as_int(1));
          ParagraphWriter text;
          for (pugi::xml_node p : cell.children()) {
            if (p.type() != pugi::node_element || local_name(p) != "p") continue;
            inline_text(p, text);
            text.line_break();
          }
          std::string value = text.finish();
          if (value.empty()) {
            column += static_cast<size_t>(std::min(repeat, 16384));
            continue;
          }
          int copies = std::min(repeat, kMaxRepeat);
          int64_t characters = count_characters(value);
          if (!budget.spend(characters, copies)) return Visit::kSkip;  // the row alone is past the limit
          row_characters += characters * copies;
          for (int i = 0; i < copies; ++i) cells.emplace_back(column++, value);
        }
        if (!cells.empty()) {
          int repeat = std::clamp(node.attribute("table:number-rows-repeated").as_int(1), 1, kMaxRepeat);
          if (!budget.spend(row_characters, repeat - 1)) return Visit::kSkip;  // its first copy is counted
          for (int i = 0; i < repeat; ++i) rows.push_back(cells);
        }
        return Visit::kSkip;
      },
      [](pugi::xml_node) {});
  return rows;
}

// Reads content.xml and hands its office:<kind> body, when it has one, to `write`: the
// text written, or NO_TEXT with `display` + `no_text` when there is none.
template <typename Write>
ExtractResult read_body(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                        std::string_view kind, Write write, const char* no_text, const char* hint) {
  std::vector<Part> parts;
  pugi::xml_document doc;
  ExtractResult loaded = load_content(display, bytes, limits, parts, doc);
  if (!loaded.ok()) return loaded;
  ParagraphWriter out;
  if (pugi::xml_node body = body_of(doc, kind)) write(body, out);
  return text_or_no_text(out.finish(), std::string(display) + no_text, hint);
}

}  // namespace

ExtractResult extract_odt(std::string_view display, std::string_view bytes, const ExtractLimits& limits) {
  return read_body(display, bytes, limits, "text", body_paragraphs, " contains no text.", kNoTextHint);
}

ExtractResult extract_odp(std::string_view display, std::string_view bytes, const ExtractLimits& limits) {
  // Slides are draw:page elements, in the order the presentation shows them.
  auto write_slides = [](pugi::xml_node presentation, ParagraphWriter& out) {
    for (pugi::xml_node page : presentation.children()) {
      if (local_name(page) != "page") continue;
      body_paragraphs(page, out);
      out.end_paragraph();
    }
  };
  return read_body(display, bytes, limits, "presentation", write_slides, " contains no text on any slide.",
                   kNoTextHint);
}

ExtractResult extract_ods(std::string_view display, std::string_view bytes, const ExtractLimits& limits) {
  SheetBudget budget(limits);
  bool too_large = false;
  auto write_sheets = [&](pugi::xml_node sheets, ParagraphWriter& out) {
    for (pugi::xml_node table : sheets.children()) {
      if (local_name(table) != "table") continue;
      std::vector<SheetRow> rows = ods_rows(table, budget);
      if (budget.exceeded() ||
          !write_sheet(table.attribute("table:name").value(), std::move(rows), out, budget)) {
        too_large = true;
        return;
      }
    }
  };
  ExtractResult result =
      read_body(display, bytes, limits, "spreadsheet", write_sheets, " has no values in any sheet.",
                "Check that the spreadsheet holds data, or remove it from the job.");
  if (too_large) return failure(text_limit_error(display, budget.used(), limits));
  return result;
}

}  // namespace blockify::extract_internal
