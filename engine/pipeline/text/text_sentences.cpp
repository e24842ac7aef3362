#include "engine/pipeline/text/text_sentences.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "engine/pipeline/text/text_tokens.h"

namespace blockify::text {
namespace {

constexpr size_t kMaxHeadingBytes = 80;
constexpr int kMaxHeadingWords = 10;
constexpr size_t kMaxTitleLineBytes = 60;  // a title directly above its text, no blank line

// Bytes that can end a sentence: . ! ? and the lead bytes of CJK full stops.
constexpr std::array<bool, 256> kMayEndSentence = [] {
  std::array<bool, 256> table{};
  table['.'] = table['!'] = table['?'] = table[0xE3] = table[0xEF] = true;
  return table;
}();

// Index of the next byte in [i, end) that may end a sentence, or end. Skips eight
// plain ASCII bytes at a time: a word of text rarely holds . ! ? or a non-ASCII byte.
size_t next_sentence_mark(std::string_view text, size_t i, size_t end) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto has_byte = [](uint64_t word, char c) {
    const uint64_t x = word ^ (kOnes * static_cast<unsigned char>(c));
    return (x - kOnes) & ~x & kHigh;
  };
  while (true) {
    while (i + 8 <= end) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & kHigh) | has_byte(word, '.') | has_byte(word, '!') | has_byte(word, '?')) break;
      i += 8;
    }
    const size_t stop = std::min(end, i + 8);
    for (; i < stop; ++i)
      if (kMayEndSentence[static_cast<unsigned char>(text[i])]) return i;
    if (i >= end) return end;
  }
}

// Abbreviations a name always follows, so their period never ends a sentence.
bool is_title_abbreviation(std::string_view lower) {
  static constexpr std::array<std::string_view, 18> kTitles = {"mr", "mrs", "ms",  "dr",  "prof", "st",
                                                               "sr", "jr",  "mx",  "rev", "gen",  "capt",
                                                               "lt", "col", "sgt", "hon", "vs",   "no"};
  for (std::string_view title : kTitles)
    if (lower == title) return true;
  return false;
}

bool is_closing_mark(std::string_view text, size_t i) {
  const char c = text[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return true;
  // Curly closing quotes ’ and ”.
  return text.compare(i, 3, "\xE2\x80\x99") == 0 || text.compare(i, 3, "\xE2\x80\x9D") == 0;
}

size_t closing_mark_length(std::string_view text, size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xE2 ? 3 : 1;
}

bool is_cjk_terminator(std::string_view text, size_t i) {
  return text.compare(i, 3, "\xE3\x80\x82") == 0 || text.compare(i, 3, "\xEF\xBC\x81") == 0 ||
         text.compare(i, 3, "\xEF\xBC\x9F") == 0;
}

// Bytes taken by a bullet or number that opens a list line, including the space after.
size_t list_marker_length(std::string_view text, size_t begin, size_t end) {
  size_t i = begin;
  const char c = text[i];
  if (c == '-' || c == '*' || c == '+') {
    ++i;
  } else if (text.compare(i, 3, "\xE2\x80\xA2") == 0 || text.compare(i, 3, "\xE2\x97\x8F") == 0) {
    i += 3;  // • and ●
  } else if (is_digit(c)) {
    while (i < end && i - begin < 3 && is_digit(text[i])) ++i;
    if (i >= end || (text[i] != '.' && text[i] != ')')) return 0;
    ++i;
  } else if (is_lower(c) && i + 1 < end && text[i + 1] == ')') {
    i += 2;
  } else {
    return 0;
  }
  if (i >= end || !is_space(text[i])) return 0;
  while (i < end && is_space(text[i])) ++i;
  return i - begin;
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : text_(text) {}

  std::vector<SentenceSpan> run() {
    size_t pos = 0;
    const size_t n = text_.size();
    bool ended_with_newline = false;
    size_t last_line_end = 0;
    while (pos < n) {
      size_t eol = text_.find('\n', pos);
      if (eol == std::string_view::npos) eol = n;
      size_t begin = pos;
      size_t end = eol;
      pos = eol < n ? eol + 1 : n;
      ended_with_newline = eol < n;
      while (begin < end && is_space(text_[begin])) ++begin;
      while (end > begin && is_space(text_[end - 1])) --end;
      if (begin == end) {
        if (open_) close(last_line_end, true, whole_line_heading(last_line_end));
        if (paragraph_used_) ++paragraph_, paragraph_used_ = false;
        continue;
      }
      handle_line(begin, end, last_line_end);
      last_line_end = end;
    }
    if (open_) close(last_line_end, ended_with_newline || open_list_, false);
    return std::move(out_);
  }

 private:
  void handle_line(size_t begin, size_t end, size_t previous_line_end) {
    if (is_rule_line(begin, end)) {  // "=====" under a title, or a "-----" separator
      if (open_) close(previous_line_end, true, whole_line_heading(previous_line_end));
      if (paragraph_used_) ++paragraph_, paragraph_used_ = false;
      return;
    }
    if (text_[begin] == '#') {  // Markdown heading
      size_t c = begin;
      while (c < end && text_[c] == '#') ++c;
      if (c < end && is_space(text_[c])) {
        while (c < end && is_space(text_[c])) ++c;
        if (open_) close(previous_line_end, true, whole_line_heading(previous_line_end));
        open_at(c, false, true);
        close(end, true, true);
        return;
      }
    }
    const size_t marker = list_marker_length(text_, begin, end);
    const size_t content = begin + marker;
    if (open_) {
      const bool heading = whole_line_heading(previous_line_end);
      if (marker > 0 || (heading && title_before(previous_line_end, content, end)))
        close(previous_line_end, true, heading);
    }
    if (!open_) {
      open_at(content, marker > 0, true);
      open_numbered_ = marker > 0 && is_digit(text_[begin]);
    } else {
      open_whole_line_ = false;  // a hard-wrapped sentence continues on this line
    }
    scan(content, end);
    if (open_ && text_[end - 1] == ':') {
      close(end, true, false);
      out_.back().ends_with_colon = true;
    }
  }

  // A line of one repeated mark (=, -, *, _, ~), at least three long.
  bool is_rule_line(size_t begin, size_t end) const {
    const char mark = text_[begin];
    if (end - begin < 3 || (mark != '=' && mark != '-' && mark != '*' && mark != '_' && mark != '~'))
      return false;
    for (size_t i = begin; i < end; ++i)
      if (text_[i] != mark && text_[i] != ' ') return false;
    return true;
  }

  // True when the open sentence is one short line without end punctuation: a title.
  bool whole_line_heading(size_t end) const {
    if (!open_ || !open_whole_line_ || open_list_ || end <= open_begin_) return false;
    if (end - open_begin_ > kMaxHeadingBytes || is_lower(text_[open_begin_])) return false;
    const char last = text_[end - 1];
    if (last == ',' || last == ';' || last == '-' || last == '(' || last == '&') return false;
    int words = 1;
    for (size_t i = open_begin_; i < end; ++i)
      if (text_[i] == ' ' && ++words > kMaxHeadingWords) return false;
    return true;
  }

  // Without a blank line, a title is told apart from a hard-wrapped sentence by its
  // shape: shorter than the line after it or written in Title Case, and followed by a
  // line that starts a sentence.
  bool title_before(size_t title_end, size_t next_begin, size_t next_end) const {
    const char next = text_[next_begin];
    if (!is_upper(next) && !is_digit(next)) return false;
    const size_t length = title_end - open_begin_;
    if (length > kMaxTitleLineBytes) return false;
    if (length * 10 < (next_end - next_begin) * 7) return true;
    bool title_case = true;
    size_t word = open_begin_;
    for (size_t i = open_begin_; i <= title_end; ++i) {
      if (i < title_end && !is_space(text_[i])) continue;
      if (i - word > 3 && !is_upper(text_[word])) title_case = false;
      word = i + 1;
    }
    return title_case;
  }

  void open_at(size_t begin, bool list_item, bool at_line_start) {
    open_ = true;
    open_begin_ = begin;
    open_list_ = list_item;
    open_whole_line_ = at_line_start;
  }

  void close(size_t end, bool complete, bool heading) {
    open_ = false;
    while (end > open_begin_ && is_space(text_[end - 1])) --end;
    if (end <= open_begin_) return;
    SentenceSpan span;
    span.begin = open_begin_;
    span.end = end;
    span.paragraph = paragraph_;
    span.heading = heading && !open_list_;
    span.list_item = open_list_;
    span.numbered = open_list_ && open_numbered_;
    // A chunk that starts mid-sentence (overlap) begins with a lower-case word.
    span.complete = complete && !(out_.empty() && is_lower(text_[open_begin_]) &&
                                  text_.find_first_not_of(" \t\r\n") == open_begin_);
    out_.push_back(span);
    paragraph_used_ = true;
  }

  // Closes sentences at end punctuation inside one line [from, end).
  void scan(size_t from, size_t end) {
    for (size_t i = from; i < end; ++i) {
      i = next_sentence_mark(text_, i, end);
      if (i >= end) break;
      const char c = text_[i];
      size_t sentence_end = 0;
      if (c == '.' || c == '!' || c == '?') {
        sentence_end = end_after_punctuation(i, end);
      } else if ((c == '\xE3' || c == '\xEF') && is_cjk_terminator(text_, i)) {
        sentence_end = i + 3;
      }
      if (sentence_end == 0) continue;
      close(sentence_end, true, false);
      size_t next = sentence_end;
      while (next < end && is_space(text_[next])) ++next;
      if (next < end) open_at(next, false, false);
      i = next - 1;
      if (next >= end) break;
    }
  }

  // End of the sentence when the punctuation at text[i] closes one, else 0.
  size_t end_after_punctuation(size_t i, size_t line_end) const {
    size_t e = i + 1;
    while (e < line_end && (text_[e] == '.' || text_[e] == '!' || text_[e] == '?')) ++e;
    while (e < line_end && is_closing_mark(text_, e)) e += closing_mark_length(text_, e);
    if (e < line_end && !is_space(text_[e])) return 0;  // 3.5, Node.js, "e.g.x"
    size_t next = e;
    while (next < line_end && is_space(text_[next])) ++next;
    if (next < line_end && is_lower(text_[next])) return 0;  // "e.g. this", "Yahoo! is"
    if (text_[i] == '.' && e == i + 1) {
      size_t word = i;
      while (word > open_begin_ && is_alpha(text_[word - 1])) --word;
      if (i - word == 1 && is_upper(text_[word])) return 0;                  // an initial: "J. Smith"
      const bool ordinal = word > open_begin_ && is_digit(text_[word - 1]);  // "1st."
      if (i - word <= 4 && !ordinal) {
        std::string lower;
        for (size_t k = word; k < i; ++k) lower.push_back(to_lower(text_[k]));
        if (is_title_abbreviation(lower)) return 0;
      }
    }
    return e;
  }

  std::string_view text_;
  std::vector<SentenceSpan> out_;
  int paragraph_ = 0;
  bool paragraph_used_ = false;
  bool open_ = false;
  size_t open_begin_ = 0;
  bool open_list_ = false;
  bool open_numbered_ = false;
  bool open_whole_line_ = false;  // the open sentence began at a line start, on one line
};

}  // namespace

std::vector<SentenceSpan> split_sentences(std::string_view text) { return Splitter(text).run(); }

}  // namespace blockify::text
