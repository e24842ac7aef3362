// Reader for .xlsx (SpreadsheetML), and the sheet-to-text layout .ods shares: every row
// one paragraph, labelled by the header row when the sheet has one.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <pugixml.hpp>

#include "engine/domain/enum_names.h"
#include "engine/pipeline/extract/extract_formats.h"

namespace blockify::extract_internal {

namespace {

const char* const kReexportHint =
    "Open the file in its spreadsheet application and save it again, then retry.";

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A cell counts as a value when it reads as a number, a percentage, a date or a truth
// value as shown ("1,234.50", "12.5%", "2024-01-01", "TRUE"): such a row is data, not labels.
bool is_value(const std::string& text) {
  if (text == "TRUE" || text == "FALSE") return true;
  std::string digits;
  for (char c : text) {
    if (c != ',' && c != '%' && c != ' ' && c != ':') digits += c == '-' && !digits.empty() ? '0' : c;
  }
  if (digits.empty()) return false;
  char* end = nullptr;
  std::strtod(digits.c_str(), &end);
  return end == digits.c_str() + digits.size();
}

// A string item's text: its <t>, or the <t> of each rich-text run <r>; phonetic
// guides (<rPh>) are not part of what the cell shows.
std::string string_item_text(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    std::string_view name = local_name(child.name());
    if (name == "t") text += child.child_value();
    if (name == "r") text += child.child_value("t");
  }
  return text;
}

// "B12" -> 1 (zero-based column); -1 when the reference has no letters.
int column_of(std::string_view reference) {
  int column = 0;
  size_t i = 0;
  while (i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z' && i < 3) {
    column = column * 26 + (reference[i] - 'A' + 1);
    ++i;
  }
  return i == 0 ? -1 : column - 1;
}

// How a number format shows its value.
struct NumberFormat {
  enum Kind { kGeneral, kFixed, kPercent, kDate, kDateTime, kTime } kind = kGeneral;
  int decimals = 0;
  bool grouping = false;
};

// The built-in formats of ECMA-376 (numFmtId) that change how a value reads; every other
// id shows as General.
constexpr NumberFormat kFixed0{NumberFormat::kFixed, 0, false}, kFixed2{NumberFormat::kFixed, 2, false};
constexpr NumberFormat kGrouped0{NumberFormat::kFixed, 0, true}, kGrouped2{NumberFormat::kFixed, 2, true};
constexpr NumberFormat kPercent0{NumberFormat::kPercent, 0, false};
constexpr NumberFormat kPercent2{NumberFormat::kPercent, 2, false};
constexpr NumberFormat kAsDate{NumberFormat::kDate}, kAsTime{NumberFormat::kTime};
constexpr NumberFormat kAsDateTime{NumberFormat::kDateTime};
constexpr EnumValue<int, NumberFormat> kBuiltinFormats[] = {
    {1, kFixed0},  {2, kFixed2},  {3, kGrouped0}, {4, kGrouped2}, {9, kPercent0}, {10, kPercent2},
    {14, kAsDate}, {15, kAsDate}, {16, kAsDate},  {17, kAsDate},  {18, kAsTime},  {19, kAsTime},
    {20, kAsTime}, {21, kAsTime}, {45, kAsTime},  {46, kAsTime},  {47, kAsTime},  {22, kAsDateTime}};

NumberFormat builtin_format(int id) { return value_of(kBuiltinFormats, id, NumberFormat{}); }

// Reads a custom format code ("0.00%", "yyyy-mm-dd", "#,##0.0") closely enough to show
// values the way the spreadsheet does; anything fancier falls back to General.
NumberFormat custom_format(std::string_view code) {
  std::string plain;  // the code without quoted text, [colour] sections and \-escapes
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';') break;  // the first section is the one for positive numbers
    if (c == '"') {
      size_t end = code.find('"', i + 1);
      i = end == std::string_view::npos ? code.size() : end;
    } else if (c == '[') {
      size_t end = code.find(']', i + 1);
      i = end == std::string_view::npos ? code.size() : end;
    } else if (c == '\\' || c == '_') {
      ++i;
    } else {
      plain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  NumberFormat format;
  bool date = plain.find_first_of("dy") != std::string::npos;
  bool time = plain.find_first_of("hs") != std::string::npos;
  if (date || time) {
    format.kind = date && time ? NumberFormat::kDateTime : date ? NumberFormat::kDate : NumberFormat::kTime;
    if (!date && plain.find('m') != std::string::npos && !time) format.kind = NumberFormat::kDate;
    return format;
  }
  if (plain.find('m') != std::string::npos) return {NumberFormat::kDate, 0, false};
  if (plain.find_first_of("0#") == std::string::npos) return format;
  format.kind = plain.find('%') != std::string::npos ? NumberFormat::kPercent : NumberFormat::kFixed;
  size_t dot = plain.find('.');
  if (dot != std::string::npos) {
    while (dot + 1 + static_cast<size_t>(format.decimals) < plain.size() &&
           (plain[dot + 1 + format.decimals] == '0' || plain[dot + 1 + format.decimals] == '#')) {
      ++format.decimals;
    }
  }
  format.grouping = plain.find(",") != std::string::npos &&
                    plain.find(",") < (dot == std::string::npos ? plain.size() : dot);
  return format;
}

std::string group_thousands(std::string digits) {
  size_t start = digits[0] == '-' ? 1 : 0;
  size_t end = digits.find('.');
  if (end == std::string::npos) end = digits.size();
  for (size_t i = end; i > start + 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

// Days since 1899-12-30 (Excel's 1900 system, past its fictitious 1900-02-29) as a date.
std::string serial_date(double serial, NumberFormat::Kind kind) {
  double whole = std::floor(serial);
  int64_t days = static_cast<int64_t>(whole) - 25569;  // to days since 1970-01-01
  int seconds = static_cast<int>(std::lround((serial - whole) * 86400.0));
  if (seconds >= 86400) seconds = 0, ++days;
  // Civil-from-days (Howard Hinnant's algorithm, public domain description).
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t day_of_year = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * day_of_year + 2) / 153;
  int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  int64_t year = yoe + era * 400 + (month <= 2);
  char buffer[128];
  if (kind == NumberFormat::kTime) {
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  } else if (kind == NumberFormat::kDateTime) {
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lld %02d:%02d", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day), seconds / 3600,
                  seconds / 60 % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lld", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day));
  }
  return buffer;
}

std::string shown_number(const std::string& stored, const NumberFormat& format) {
  char* end = nullptr;
  double value = std::strtod(stored.c_str(), &end);
  if (end == stored.c_str() || !std::isfinite(value)) return stored;
  char buffer[64];
  switch (format.kind) {
    case NumberFormat::kDate:
    case NumberFormat::kDateTime:
    case NumberFormat::kTime:
      if (value >= 0 && value < 2958466) return serial_date(value, format.kind);
      return stored;
    case NumberFormat::kPercent:
      std::snprintf(buffer, sizeof buffer, "%.*f%%", format.decimals, value * 100);
      return buffer;
    case NumberFormat::kFixed:
      std::snprintf(buffer, sizeof buffer, "%.*f", format.decimals, value);
      return format.grouping ? group_thousands(buffer) : buffer;
    case NumberFormat::kGeneral:
      break;
  }
  // General shows up to 15 significant digits, so 0.1+0.2 reads 0.3, not 0.30000000000000004.
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

struct Workbook {
  std::vector<std::string> shared_strings;
  std::vector<NumberFormat> cell_formats;  // by style index (the cell's s attribute)
};

void read_styles(pugi::xml_node styles, Workbook& book) {
  std::map<int, NumberFormat> custom;
  for (pugi::xml_node f : styles.child("numFmts").children()) {
    custom[f.attribute("numFmtId").as_int()] = custom_format(f.attribute("formatCode").value());
  }
  for (pugi::xml_node xf : styles.child("cellXfs").children()) {
    int id = xf.attribute("numFmtId").as_int();
    auto it = custom.find(id);
    book.cell_formats.push_back(it != custom.end() ? it->second : builtin_format(id));
  }
}

std::string cell_text(pugi::xml_node cell, const Workbook& book) {
  std::string_view type = cell.attribute("t").value();
  if (type == "inlineStr") return string_item_text(cell.child("is"));
  std::string value = cell.child_value("v");
  if (type == "s") {
    char* end = nullptr;
    unsigned long index = std::strtoul(value.c_str(), &end, 10);
    return end != value.c_str() && index < book.shared_strings.size() ? book.shared_strings[index]
                                                                      : std::string();
  }
  if (type == "b") return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
  if (type == "str" || type == "e" || value.empty()) return value;
  size_t style = cell.attribute("s").as_uint();
  return shown_number(value, style < book.cell_formats.size() ? book.cell_formats[style] : NumberFormat{});
}

// Stops early, with `budget` exceeded, when the cells' text passes the limit (a shared
// string can be shown by any number of cells).
std::vector<SheetRow> sheet_rows(pugi::xml_node worksheet, const Workbook& book, SheetBudget& budget) {
  std::vector<SheetRow> rows;
  for (pugi::xml_node row : worksheet.child("sheetData").children("row")) {
    if (budget.exceeded()) break;
    std::map<size_t, std::string> cells;  // cells may come in any order; a repeated one wins
    int next = 0;
    for (pugi::xml_node cell : row.children("c")) {
      int column = column_of(cell.attribute("r").value());
      if (column < 0) column = next;
      if (column > 16383) continue;  // past Excel's last column: a damaged reference
      std::string text = cell_text(cell, book);
      if (text.empty()) {
        cells.erase(static_cast<size_t>(column));
      } else {
        if (!budget.spend(count_characters(text))) break;
        cells[static_cast<size_t>(column)] = std::move(text);
      }
      next = column + 1;
    }
    rows.emplace_back(cells.begin(), cells.end());
  }
  return rows;
}

// Parses one part, naming it in the error when it is not XML.
ExtractResult parse_part(std::string_view display, Part& part, pugi::xml_document& doc) {
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(part.xml.data(), part.xml.size());
  if (parsed) return {};
  return failure(error_code::kCorrupt,
                 std::string(display) + " is damaged: " + part.name + " is not well-formed XML (" +
                     parsed.description() + " at byte offset " + std::to_string(parsed.offset) + ").",
                 kReexportHint);
}

}  // namespace

bool SheetBudget::spend(int64_t characters, int64_t times) {
  if (characters > 0 && times > 0) {
    // Saturates rather than overflows: a file's declared repeats are not to be trusted.
    used_ = times > (std::numeric_limits<int64_t>::max() - used_) / characters
                ? std::numeric_limits<int64_t>::max()
                : used_ + characters * times;
  }
  return !exceeded();
}

bool write_sheet(std::string_view sheet_name, std::vector<SheetRow> rows, ParagraphWriter& out,
                 SheetBudget& budget) {
  for (auto& row : rows) {
    for (auto& cell : row) {
      ParagraphWriter one_line;  // a cell's own line breaks would split its row
      one_line.append(cell.second);
      cell.second = one_line.finish();
    }
    row.erase(std::remove_if(row.begin(), row.end(), [](const auto& cell) { return cell.second.empty(); }),
              row.end());
  }
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const auto& row) { return row.empty(); }),
             rows.end());
  if (rows.empty()) return true;
  out.end_paragraph();
  out.append(std::string(sheet_name));
  out.end_paragraph();
  // The first row labels the others when every cell in it is text and rows follow.
  const SheetRow& first = rows.front();
  bool all_text =
      std::none_of(first.begin(), first.end(), [](const auto& cell) { return is_value(cell.second); });
  bool header = rows.size() > 1 && all_text;
  for (size_t r = header ? 1 : 0; r < rows.size(); ++r) {
    std::string line;
    size_t label = 0;  // both rows are in column order: the label for a cell is found walking forward
    for (const auto& [column, text] : rows[r]) {
      if (!line.empty()) line += " \xC2\xB7 ";  // U+00B7 middle dot between cells
      while (label < first.size() && first[label].first < column) ++label;
      if (header && label < first.size() && first[label].first == column) {
        // A header label is counted once for every row it labels.
        if (!budget.spend(count_characters(first[label].second) + 2)) return false;
        line += first[label].second + ": ";
      }
      line += text;
    }
    out.append(line);
    out.end_paragraph();
  }
  return true;
}

ExtractResult extract_xlsx(std::string_view display, std::string_view bytes, const ExtractLimits& limits) {
  std::vector<Part> parts;
  ExtractResult read = read_parts(
      display, bytes, limits,
      [](std::string_view name) {
        return name == "xl/workbook.xml" || name == "xl/_rels/workbook.xml.rels" ||
               name == "xl/sharedStrings.xml" || name == "xl/styles.xml" ||
               (name.substr(0, 14) == "xl/worksheets/" && ends_with(name, ".xml"));
      },
      parts);
  if (!read.ok()) return read;
  std::map<std::string, Part*> by_name;
  for (Part& part : parts) by_name[part.name] = &part;
  if (!by_name.count("xl/workbook.xml")) {
    return failure(
        error_code::kCorrupt,
        std::string(display) + " is damaged: it has no workbook part (xl/workbook.xml is missing).",
        kReexportHint);
  }
  Workbook book;
  pugi::xml_document doc;
  if (Part* strings = by_name["xl/sharedStrings.xml"]) {
    ExtractResult parsed = parse_part(display, *strings, doc);
    if (!parsed.ok()) return parsed;
    for (pugi::xml_node si : doc.document_element().children("si"))
      book.shared_strings.push_back(string_item_text(si));
  }
  if (Part* styles = by_name["xl/styles.xml"]) {
    pugi::xml_document styles_doc;
    if (styles_doc.load_buffer_inplace(styles->xml.data(), styles->xml.size())) {
      read_styles(styles_doc.document_element(), book);
    }
  }
  std::map<std::string, std::string> targets;  // relationship id -> part name
  if (Part* rels = by_name["xl/_rels/workbook.xml.rels"]) {
    pugi::xml_document rels_doc;
    if (rels_doc.load_buffer_inplace(rels->xml.data(), rels->xml.size())) {
      for (pugi::xml_node rel : rels_doc.document_element().children()) {
        std::string target = rel.attribute("Target").value();
        target = !target.empty() && target[0] == '/' ? target.substr(1) : "xl/" + target;
        targets[rel.attribute("Id").value()] = target;
      }
    }
  }
  pugi::xml_document workbook;
  ExtractResult parsed = parse_part(display, *by_name["xl/workbook.xml"], workbook);
  if (!parsed.ok()) return parsed;
  ParagraphWriter out;
  SheetBudget budget(limits);
  int index = 0;
  for (pugi::xml_node sheet : workbook.document_element().child("sheets").children("sheet")) {
    ++index;
    std::string id;
    for (pugi::xml_attribute attribute : sheet.attributes()) {
      if (local_name(attribute.name()) == "id") id = attribute.value();
    }
    std::string name =
        targets.count(id) ? targets[id] : "xl/worksheets/sheet" + std::to_string(index) + ".xml";
    auto part = by_name.find(name);
    if (part == by_name.end() || part->second == nullptr) continue;  // a chart sheet holds no cells
    pugi::xml_document worksheet;
    ExtractResult sheet_parsed = parse_part(display, *part->second, worksheet);
    if (!sheet_parsed.ok()) return sheet_parsed;
    std::vector<SheetRow> rows = sheet_rows(worksheet.document_element(), book, budget);
    if (budget.exceeded() || !write_sheet(sheet.attribute("name").value(), std::move(rows), out, budget)) {
      return failure(text_limit_error(display, budget.used(), limits));
    }
  }
  return text_or_no_text(out.finish(), std::string(display) + " has no values in any sheet.",
                         "Check that the workbook holds data, or remove it from the job.");
}

}  // namespace blockify::extract_internal
