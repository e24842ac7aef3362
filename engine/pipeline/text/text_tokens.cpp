#include "engine/pipeline/text/text_tokens.h"

#include <array>

namespace blockify::text {
namespace {

enum class CharClass : uint8_t { kSpace, kWord, kSymbol };

struct Classified {
  CharClass cls;
  size_t length;
};

// Decides whether the character at text[i] is part of a word. Non-ASCII letters (é, 日本)
// belong to words; typographic punctuation (dashes, curly quotes, bullets), CJK full
// stops and emoji are symbols, so they never glue two words together.
Classified classify_at(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    if (is_space(static_cast<char>(c))) return {CharClass::kSpace, 1};
    if (is_alnum(static_cast<char>(c))) return {CharClass::kWord, 1};
    return {CharClass::kSymbol, 1};
  }
  const size_t length = utf8_length_at(text, i);
  if (length == 1) return {CharClass::kSymbol, 1};
  const auto c1 = static_cast<unsigned char>(text[i + 1]);
  const auto c2 = length > 2 ? static_cast<unsigned char>(text[i + 2]) : 0;
  switch (c) {
    case 0xC2:  // U+0080..U+00BF: no-break space, currency signs, degree, quotes
      return {c1 == 0xA0 ? CharClass::kSpace : CharClass::kSymbol, length};
    case 0xC3:  // multiplication and division signs among the Latin-1 letters
      return {(c1 == 0x97 || c1 == 0xB7) ? CharClass::kSymbol : CharClass::kWord, length};
    case 0xE2:  // U+2000..U+2FFF: spaces, dashes, quotes, bullets, arrows, math, ™
      if (c1 == 0x80 && (c2 <= 0x8A || c2 == 0xAF)) return {CharClass::kSpace, length};
      return {CharClass::kSymbol, length};
    case 0xE3:  // U+3000..U+303F: ideographic space and CJK punctuation
      if (c1 == 0x80) return {c2 == 0x80 ? CharClass::kSpace : CharClass::kSymbol, length};
      return {CharClass::kWord, length};
    case 0xEF:
      if (c1 == 0xBB && c2 == 0xBF) return {CharClass::kSpace, length};   // byte order mark
      if (c1 == 0xB8 && c2 <= 0x8F) return {CharClass::kSymbol, length};  // variation selectors
      if (c1 == 0xBC && ((c2 >= 0x81 && c2 <= 0x8F) || (c2 >= 0x9A && c2 <= 0xA0) || c2 >= 0xBB))
        return {CharClass::kSymbol, length};  // fullwidth punctuation
      if (c1 == 0xBD && (c2 == 0x80 || (c2 >= 0x9B && c2 <= 0xA5))) return {CharClass::kSymbol, length};
      return {CharClass::kWord, length};
    case 0xF0:  // U+1F000..U+1FFFF: emoji and pictographs
      return {c1 == 0x9F ? CharClass::kSymbol : CharClass::kWord, length};
    default:
      return {CharClass::kWord, length};
  }
}

constexpr std::array<bool, 256> kAsciiWordBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = is_alnum(static_cast<char>(c));
  return table;
}();

inline bool is_ascii_word_byte(char c) { return kAsciiWordBytes[static_cast<unsigned char>(c)]; }

bool word_at(std::string_view text, size_t i, size_t end) {
  return i < end && classify_at(text, i).cls == CharClass::kWord;
}

// Length of a joining mark at text[j] that keeps one token going ("Wi-Fi", "don't",
// "3.5", "10,000", "10:30", "12/31"), or 0 when the token ends here.
size_t connector_length(std::string_view text, size_t j, size_t end) {
  const char prev = text[j - 1];
  const bool prev_letter = is_alpha(prev) || static_cast<unsigned char>(prev) >= 0x80;
  const char c = text[j];
  auto next_is = [&](size_t at, auto predicate) { return at < end && predicate(text[at]); };
  switch (c) {
    case '-':
      return word_at(text, j + 1, end) ? 1 : 0;
    case '_':  // snake_case names, but not Markdown _emphasis_
      return is_alnum(prev) && next_is(j + 1, is_alnum) ? 1 : 0;
    case '\'':
      return prev_letter && next_is(j + 1, is_alpha) ? 1 : 0;
    case '.':
      return is_alnum(prev) && next_is(j + 1, is_alnum) ? 1 : 0;
    case ',':
      if (!is_digit(prev) || j + 3 >= end) return 0;
      if (is_digit(text[j + 1]) && is_digit(text[j + 2]) && is_digit(text[j + 3]) &&
          !next_is(j + 4, is_digit))
        return 1;
      return 0;
    case ':':
    case '/':
      return is_digit(prev) && next_is(j + 1, is_digit) ? 1 : 0;
    default:
      break;
  }
  // The typographic apostrophe U+2019, as in "don’t".
  if (j + 3 <= end && text.compare(j, 3, "\xE2\x80\x99") == 0 && prev_letter && next_is(j + 3, is_alpha))
    return 3;
  return 0;
}

// Bytes of a web address starting at text[i] ("https://...", "www...."), up to the next
// space or closing mark; 0 when none starts here.
size_t url_length(std::string_view text, size_t i, size_t end) {
  const std::string_view rest = text.substr(i, end - i);
  if (!rest.starts_with("http://") && !rest.starts_with("https://") && !rest.starts_with("ftp://") &&
      !rest.starts_with("www."))
    return 0;
  size_t j = 0;
  while (j < rest.size() && !is_space(rest[j]) && rest[j] != '\'' && rest[j] != '"' && rest[j] != '<' &&
         rest[j] != '>' && rest[j] != ')')
    ++j;
  while (j > 0 && (rest[j - 1] == '.' || rest[j - 1] == ',' || rest[j - 1] == ';' || rest[j - 1] == ':')) --j;
  return j;
}

const std::array<std::string_view, 21> kSmallWords = {"a",    "an",   "the", "and", "or",  "but", "nor",
                                                      "of",   "for",  "to",  "in",  "on",  "at",  "by",
                                                      "with", "from", "as",  "vs",  "via", "per", "into"};

bool is_small_word(std::string_view word) {
  for (std::string_view small : kSmallWords)
    if (word == small) return true;
  return false;
}

}  // namespace

bool is_all_caps(std::string_view word) {
  int letters = 0;
  for (char c : word) {
    if (is_lower(c)) return false;
    if (is_upper(c)) ++letters;
  }
  return letters >= 2;
}

size_t utf8_length_at(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  size_t length = 1;
  if (c >= 0xC2 && c <= 0xDF)
    length = 2;
  else if ((c & 0xF0) == 0xE0)
    length = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    length = 4;
  if (length == 1 || i + length > text.size()) return 1;
  for (size_t k = 1; k < length; ++k)
    if (!is_continuation(text[i + k])) return 1;
  return length;
}

bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF)
      length = 2;
    else if (c == 0xE0)
      length = 3, low = 0xA0;
    else if (c == 0xED)
      length = 3, high = 0x9F;  // excludes UTF-16 surrogates
    else if (c >= 0xE1 && c <= 0xEF)
      length = 3;
    else if (c == 0xF0)
      length = 4, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
      length = 4;
    else if (c == 0xF4)
      length = 4, high = 0x8F;
    else
      return false;
    if (i + length > n) return false;
    const auto c1 = static_cast<unsigned char>(text[i + 1]);
    if (c1 < low || c1 > high) return false;
    for (size_t k = 2; k < length; ++k)
      if (!is_continuation(text[i + k])) return false;
    i += length;
  }
  return true;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool equal_ignoring_case(std::string_view x, std::string_view y) {
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (to_lower(x[i]) != to_lower(y[i])) return false;
  return true;
}

void append_collapsed(std::string& out, std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  text = text.substr(begin, end - begin);
  // Usually every space is already a single ' ' between words: copy in one go.
  size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_space(c) && (c != ' ' || is_space(text[i + 1]))) break;  // trimmed: text[i + 1] exists
  }
  out.append(text.data(), i);
  bool pending_space = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  append_collapsed(out, text);
  return out;
}

std::string title_case(std::string_view phrase) {
  std::string out;
  out.reserve(phrase.size());
  size_t i = 0;
  bool first = true;
  while (i < phrase.size()) {
    while (i < phrase.size() && is_space(phrase[i])) ++i;
    const size_t start = i;
    while (i < phrase.size() && !is_space(phrase[i])) ++i;
    if (i == start) break;
    size_t next = i;
    while (next < phrase.size() && is_space(phrase[next])) ++next;
    const bool last = next >= phrase.size();
    const std::string_view word = phrase.substr(start, i - start);
    if (!first) out.push_back(' ');
    const size_t at = out.size();
    out.append(word);
    bool mixed_case = false;
    for (size_t b = 1; b < word.size(); ++b) mixed_case = mixed_case || is_upper(word[b]);
    // API, iPhone, GitHub keep the author's casing; "of" and "and" stay small inside.
    const bool keep = mixed_case || (!first && !last && is_small_word(word));
    first = false;
    if (keep) continue;
    // Upper-case the first letter of the word and of each hyphenated part.
    for (size_t b = at; b < out.size(); ++b) {
      if (b != at && out[b - 1] != '-') continue;
      if (is_lower(out[b])) {
        out[b] = to_upper(out[b]);
      } else if (static_cast<unsigned char>(out[b]) == 0xC3 && b + 1 < out.size()) {
        // Latin-1 small letters (é, ö, ñ) sit 0x20 above their capitals.
        auto c1 = static_cast<unsigned char>(out[b + 1]);
        if (c1 >= 0xA0 && c1 <= 0xBE && c1 != 0xB7) out[b + 1] = static_cast<char>(c1 - 0x20);
      }
    }
  }
  return out;
}

void tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>& out) {
  if (end > text.size()) end = text.size();
  size_t i = begin;
  bool space = false;
  while (i < end) {
    const char first = text[i];
    if (is_space(first)) {
      space = true;
      ++i;
      continue;
    }
    Token token;
    token.begin = i;
    token.space_before = space;
    space = false;
    size_t length = 1;
    if (!is_ascii_word_byte(first)) {
      const Classified cc = classify_at(text, i);
      length = cc.length <= end - i ? cc.length : end - i;
      if (cc.cls == CharClass::kSpace) {
        space = true;
        i += length;
        continue;
      }
      if (cc.cls == CharClass::kSymbol) {
        token.kind = TokenKind::kSymbol;
        token.end = i + length;
        out.push_back(token);
        i = token.end;
        continue;
      }
    } else if (first == 'h' || first == 'f' || first == 'w') {
      if (const size_t url = url_length(text, i, end); url > 0) {
        // A web address is one opaque symbol: never a keyword, never split into words.
        token.kind = TokenKind::kSymbol;
        token.end = i + url;
        out.push_back(token);
        i = token.end;
        continue;
      }
    }
    token.kind = is_digit(first) ? TokenKind::kNumber : TokenKind::kWord;
    size_t j = i + length;
    while (j < end) {
      while (j < end && is_ascii_word_byte(text[j])) ++j;  // the common case
      if (j >= end) break;
      const char c = text[j];
      if (is_space(c)) break;
      if (static_cast<unsigned char>(c) >= 0x80) {
        const Classified next = classify_at(text, j);
        if (j + next.length > end || next.cls == CharClass::kSpace) break;
        if (next.cls == CharClass::kWord) {
          j += next.length;
          continue;
        }
      }
      const size_t join = connector_length(text, j, end);
      if (join == 0) break;
      j += join;
    }
    if (j - i == 1 && is_upper(first) && j < end) {
      // Language names written with symbols: C++, C#, F#.
      if (text[j] == '#' && !word_at(text, j + 1, end)) {
        j += 1;
      } else if (j + 1 < end && text[j] == '+' && text[j + 1] == '+' && !word_at(text, j + 2, end)) {
        j += 2;
      }
    }
    token.end = j;
    out.push_back(token);
    i = j;
  }
}

}  // namespace blockify::text
