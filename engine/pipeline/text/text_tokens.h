#pragma once
// Byte-level text helpers shared by the chunker and the offline blockifier: character
// classes, UTF-8 boundaries and a tokenizer that keeps byte offsets into the source, so
// every later step can quote the original text exactly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace blockify::text {

// Space, tab, line feed, vertical tab, form feed, carriage return: one bit test.
constexpr bool is_space(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u <= 32 && ((uint64_t{1} << u) & 0x100003E00ull) != 0;
}
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
constexpr bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
constexpr char to_lower(char c) { return is_upper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }
constexpr char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - ('a' - 'A')) : c; }
// A UTF-8 continuation byte (10xxxxxx) never starts a character, so no cut may land on one.
constexpr bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// True for words in capitals with at least two letters ("API", "NASA"; not "5G").
bool is_all_caps(std::string_view word);

// Byte length of the UTF-8 character starting at text[i]; 1 for ASCII and for bytes that
// are not valid UTF-8, so callers always make progress.
size_t utf8_length_at(std::string_view text, size_t i);

// True when the text is well-formed UTF-8 (no stray continuation bytes, no truncated or
// overlong sequences, no surrogates).
bool is_valid_utf8(std::string_view text);

// ASCII-only lower-casing with the same byte offsets as the input; non-ASCII bytes are
// copied as they are so offsets stay shared between the two strings.
std::string ascii_lower(std::string_view text);

// True when both are the same apart from ASCII letter case.
bool equal_ignoring_case(std::string_view x, std::string_view y);

// The text with every whitespace run turned into one space and both ends trimmed.
std::string collapse_spaces(std::string_view text);
// The same, appended to `out` without a temporary string.
void append_collapsed(std::string& out, std::string_view text);

// Title Case: each word starts upper case except short joining words ("of", "and") in
// the middle; acronyms and mixed-case words (API, iPhone) are kept as written.
std::string title_case(std::string_view phrase);

enum class TokenKind : uint8_t { kWord, kNumber, kSymbol };

struct Token {
  size_t begin = 0;  // byte offsets into the text that was tokenized
  size_t end = 0;
  TokenKind kind = TokenKind::kWord;
  bool space_before = false;  // whitespace separates it from the previous token
};

// Appends the tokens of text[begin, end) to `out`. Words keep inner hyphens, apostrophes
// and dots ("Wi-Fi", "don't", "Node.js"), numbers keep separators ("10,000", "3.5",
// "2024-03-05"), and every punctuation mark or symbol (including emoji) is its own token.
void tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>& out);

}  // namespace blockify::text
