// Readers for the plain-text formats: .txt/.md, .csv and .json. All must be UTF-8.
#include <nlohmann/json.hpp>

#include "engine/pipeline/extract/extract_formats.h"

namespace blockify::extract_internal {

namespace {

std::string no_text_message(std::string_view display) { return std::string(display) + " contains no text."; }
const char* const kNoTextHint = "Add text to the file, or remove it from the job.";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

// Collapses runs of whitespace (newlines included) to one space and trims the ends, so a
// CSV cell or JSON value stays on its line.
std::string one_line(std::string_view value) {
  ParagraphWriter writer;
  writer.append(value);
  return writer.finish();
}

// --- CSV ---------------------------------------------------------------------------------

// The delimiter is whichever of , ; or tab occurs most in the first record: spreadsheets
// in many locales export semicolons.
char detect_delimiter(std::string_view text) {
  size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

// RFC 4180 records, leniently: a stray quote inside an unquoted field is kept as text and
// an unterminated quote runs to the end of the file rather than failing it.
class CsvRecords {
 public:
  CsvRecords(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  bool next(std::vector<std::string>& fields) {
    fields.clear();
    if (pos_ >= text_.size()) return false;
    for (;;) {
      fields.emplace_back();
      std::string& field = fields.back();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        while (pos_ < text_.size()) {
          char c = text_[pos_++];
          if (c != '"') {
            field += c;
          } else if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            break;
          }
        }
      }
      while (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        field += text_[pos_++];
      }
      if (pos_ >= text_.size()) return true;
      char end = text_[pos_++];
      if (end == delimiter_) continue;
      if (end == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      return true;
    }
  }

 private:
  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
};

bool all_empty(const std::vector<std::string>& fields) {
  for (const auto& field : fields) {
    if (!field.empty()) return false;
  }
  return true;
}

// --- JSON --------------------------------------------------------------------------------

// Streams JSON into "key: value" lines without building a document tree, so deep or
// large files cost no recursion and little memory. Objects that are array elements (or
// the top-level value) are records: each becomes its own paragraph.
class JsonLines : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit JsonLines(ParagraphWriter& out) : out_(out) {}

  size_t error_offset = std::string::npos;

  bool null() override { return true; }
  bool boolean(bool value) override { return scalar(value ? "true" : "false"); }
  bool number_integer(number_integer_t value) override { return scalar(std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return scalar(std::to_string(value)); }
  bool number_float(number_float_t, const string_t& text) override { return scalar(text); }
  bool string(string_t& value) override { return scalar(one_line(value)); }
  bool binary(binary_t&) override { return true; }
  bool key(string_t& value) override {
    key_ = one_line(value);
    return true;
  }
  bool start_object(std::size_t) override { return begin(false); }
  bool start_array(std::size_t) override { return begin(true); }
  bool end_object() override { return end(); }
  bool end_array() override { return end(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    error_offset = position;
    return false;
  }

 private:
  struct Frame {
    bool array = false;
    std::string key;
    bool heading_written = false;
    std::vector<std::string> scalars;  // an array's plain values, joined on one line
  };

  void line(const std::string& text) {
    out_.append(text);
    out_.line_break();
  }
  std::string labelled(const std::string& label, const std::string& value) {
    return label.empty() ? value : label + ": " + value;
  }

  bool scalar(std::string value) {
    if (value.empty()) return true;
    if (stack_.empty()) {
      line(value);
    } else if (stack_.back().array) {
      stack_.back().scalars.push_back(std::move(value));
    } else {
      line(labelled(key_, value));
    }
    return true;
  }

  void flush_scalars(Frame& frame) {
    if (frame.scalars.empty()) return;
    if (frame.key.empty()) {
      for (const auto& value : frame.scalars) line(value);
    } else {
      std::string joined;
      for (const auto& value : frame.scalars) joined += (joined.empty() ? "" : ", ") + value;
      line(labelled(frame.key, joined));
    }
    frame.scalars.clear();
  }

  bool begin(bool array) {
    std::string key;
    bool record = stack_.empty();
    if (!stack_.empty()) {
      Frame& parent = stack_.back();
      if (parent.array) {
        flush_scalars(parent);
        // An array of records keeps its name as a heading above the first record.
        if (!parent.heading_written && !parent.key.empty()) line(parent.key + ":");
        parent.heading_written = true;
        record = !array;
      } else {
        key = key_;
        if (!array && !key.empty()) line(key + ":");
      }
    }
    if (record) out_.end_paragraph();
    stack_.push_back(Frame{array, std::move(key), false, {}});
    return true;
  }

  bool end() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    flush_scalars(frame);
    if (!frame.array && (stack_.empty() || stack_.back().array)) out_.end_paragraph();
    return true;
  }

  ParagraphWriter& out_;
  std::vector<Frame> stack_;
  std::string key_;
};

}  // namespace

ExtractResult extract_plain_text(std::string_view display, std::string_view bytes) {
  ExtractResult bad;
  if (!require_utf8(display, bytes, bad.error)) return bad;
  std::string text;
  text.reserve(bytes.size());
  bool blank_line_pending = false;
  // string_view::find_first_of costs a memchr per byte; most files have no '\r' at all,
  // and then one memchr per line finds the line's end.
  const bool has_cr = bytes.find('\r') != std::string_view::npos;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t end = pos;
    if (has_cr) {
      while (end < bytes.size() && bytes[end] != '\n' && bytes[end] != '\r') ++end;
    } else {
      end = bytes.find('\n', pos);
      if (end == std::string_view::npos) end = bytes.size();
    }
    std::string_view line = bytes.substr(pos, end - pos);
    while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
    if (line.find_first_not_of(" \t\f\v") == std::string_view::npos) {
      blank_line_pending = !text.empty();
    } else {
      if (!text.empty()) text += blank_line_pending ? "\n\n" : "\n";
      text.append(line);
      blank_line_pending = false;
    }
    // LF, CRLF and old-Mac CR all end a line.
    pos = end + (bytes.substr(end, 2) == "\r\n" ? 2 : 1);
  }
  return text_or_no_text(std::move(text), no_text_message(display), kNoTextHint);
}

ExtractResult extract_csv(std::string_view display, std::string_view bytes) {
  ExtractResult bad;
  if (!require_utf8(display, bytes, bad.error)) return bad;
  CsvRecords records(bytes, detect_delimiter(bytes));
  std::vector<std::string> fields;
  std::vector<std::string> headers;
  ParagraphWriter out;
  bool have_headers = false;
  bool have_rows = false;
  while (records.next(fields)) {
    for (auto& field : fields) field = one_line(field);
    if (all_empty(fields)) continue;
    if (!have_headers) {
      headers = fields;
      have_headers = true;
      continue;
    }
    have_rows = true;
    std::string row;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].empty()) continue;
      if (!row.empty()) row += "; ";
      if (i < headers.size() && !headers[i].empty()) row += headers[i] + ": ";
      row += fields[i];
    }
    out.append(row);
    out.end_paragraph();
  }
  if (have_headers && !have_rows) {  // a single row is content, not labels
    std::string row;
    for (const auto& field : headers) {
      if (!field.empty()) row += (row.empty() ? "" : ", ") + field;
    }
    out.append(row);
  }
  return text_or_no_text(out.finish(), no_text_message(display), kNoTextHint);
}

ExtractResult extract_json(std::string_view display, std::string_view bytes) {
  ExtractResult bad;
  if (!require_utf8(display, bytes, bad.error)) return bad;
  ParagraphWriter out;
  JsonLines lines(out);
  bool parsed = false;
  try {
    parsed = nlohmann::json::sax_parse(bytes.begin(), bytes.end(), &lines);
  } catch (const nlohmann::json::exception&) {
    parsed = false;
  }
  if (!parsed) {
    std::string where = lines.error_offset == std::string::npos
                            ? std::string()
                            : ": the syntax breaks near byte offset " + std::to_string(lines.error_offset);
    return failure(
        error_code::kCorrupt, std::string(display) + " is not valid JSON" + where + ".",
        "Fix the JSON syntax (a JSON validator shows where), or save the content as .txt, then retry.");
  }
  return text_or_no_text(out.finish(), std::string(display) + " contains no text values.", kNoTextHint);
}

}  // namespace blockify::extract_internal
