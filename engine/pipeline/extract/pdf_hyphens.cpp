// Hyphens at line ends: a word broken across two lines is one word again, and a compound
// keeps its hyphen. Deciding needs no dictionary: how the document itself writes the
// word wins, then the shape of the parts, then a short list of compound prefixes.
#include "engine/pipeline/extract/pdf_hyphens.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "engine/pipeline/extract/pdf_text_cleanup.h"

namespace blockify::extract_internal {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; }

void lower_into(std::string_view text, std::string& lower) {
  lower.assign(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string lower_ascii(std::string_view text) {
  std::string lower;
  lower_into(text, lower);
  return lower;
}

// Prefixes that make compounds which keep their hyphen ("well-known", "self-aware",
// "cross-border"). re-, pre-, co- and ex- are left out on purpose: hyphenation splits
// ordinary words there ("re-ceive", "pre-sent", "ex-ample") far more often than a
// compound ends a line; so are anti-, multi-, semi- and post-, whose words are mostly
// written closed ("antibody", "multiple", "postpone"), and all-, since "allowed" and
// "allocate" would make most pages suspect (may_hide_compound). How the document itself writes
// the word, when it does, wins over this list.
const std::set<std::string, std::less<>>& compound_prefixes() {
  static const std::set<std::string, std::less<>> kPrefixes = {"well", "self", "cross", "half", "full",
                                                               "long", "high", "low",   "non"};
  return kPrefixes;
}

// Endings hyphenation splits off a word ("high-er", "cross-ing"): after a listed prefix
// they still make one word.
bool is_word_ending(std::string_view right) {
  static const std::set<std::string, std::less<>> kEndings = {
      "er", "ers", "est",  "ly",   "ness", "ing",  "ings", "ed",   "en",   "ish",
      "y",  "ful", "less", "ment", "ance", "ence", "ity",  "ward", "wards"};
  return kEndings.count(right) > 0;
}

// A prefix from the list, then a second part that is a word of its own length.
bool is_prefix_compound(std::string_view lower_left, std::string_view lower_right) {
  return compound_prefixes().count(lower_left) > 0 && lower_right.size() >= 4 && !is_word_ending(lower_right);
}

// Calls `use` with each token of `text`: word bytes with single hyphens between them.
// `broken` is true for a token ending in a hyphen at a line end ("infor-").
template <typename Use>
void for_each_token(std::string_view text, Use use) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (!is_word_byte(static_cast<unsigned char>(text[pos]))) {
      ++pos;
      continue;
    }
    size_t end = pos + 1;
    while (end < text.size() && (is_word_byte(static_cast<unsigned char>(text[end])) ||
                                 (text[end] == '-' && end + 1 < text.size() &&
                                  is_word_byte(static_cast<unsigned char>(text[end + 1]))))) {
      ++end;
    }
    bool broken = false;
    if (end < text.size() && text[end] == '-') {
      size_t after = end + 1;
      while (after < text.size() && is_space(text[after])) ++after;
      broken = after == text.size() || text[after] == '\n';
    }
    use(text.substr(pos, end - pos), broken);
    pos = end;
  }
}

}  // namespace

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void DocumentWords::add_text(std::string_view text) {
  std::string lower;  // reused: most words are counted without an allocation
  for_each_token(text, [&](std::string_view token, bool broken) {
    if (broken) return;
    lower_into(token, lower);
    if (lower.find('-') != std::string::npos) {
      add_hyphenated_token(lower);
      return;
    }
    auto it = plain.find(std::string_view(lower));
    if (it != plain.end()) {
      ++it->second;
    } else {
      plain.emplace(lower, 1);
    }
  });
}

void DocumentWords::add_hyphenated(std::string_view text) {
  std::string lower;
  for_each_token(text, [&](std::string_view token, bool broken) {
    if (broken || token.find('-') == std::string_view::npos) return;
    lower_into(token, lower);
    add_hyphenated_token(lower);
  });
}

void DocumentWords::count_plain(std::string_view text, const WordSet& wanted) {
  std::string lower;
  for_each_token(text, [&](std::string_view token, bool broken) {
    if (broken || token.find('-') != std::string_view::npos) return;
    lower_into(token, lower);
    if (wanted.count(std::string_view(lower)) > 0) ++plain[lower];
  });
}

void DocumentWords::add_hyphenated_token(const std::string& lower) {
  for (size_t hyphen = lower.find('-'); hyphen != std::string::npos; hyphen = lower.find('-', hyphen + 1)) {
    std::string joined = lower.substr(0, hyphen) + lower.substr(hyphen + 1);
    without_hyphen_first.set(static_cast<unsigned char>(joined[0]));
    without_hyphen_shortest = std::min(without_hyphen_shortest, joined.size());
    without_hyphen_longest = std::max(without_hyphen_longest, joined.size());
    without_hyphen.insert(std::move(joined));
  }
  hyphenated.insert(lower);
}

bool DocumentWords::written_whole(std::string_view lower_word) const {
  auto it = plain.find(lower_word);
  return it != plain.end() && it->second > 0;
}

bool keeps_hyphen(std::string_view left_whole, std::string_view next_line, const DocumentWords& words) {
  std::string_view left =
      left_whole.substr(left_whole.rfind('-') == std::string_view::npos ? 0 : left_whole.rfind('-') + 1);
  size_t start = 0;
  while (start < next_line.size() && is_space(next_line[start])) ++start;
  size_t end = start;
  while (end < next_line.size() && is_word_byte(static_cast<unsigned char>(next_line[end]))) ++end;
  std::string_view right = next_line.substr(start, end - start);
  if (left.empty() || right.empty()) return true;  // "pre-" + "(and post-)": not a broken word
  // The document's own spelling first: it settles "SE-" + "QUENCE" as well as "data-" + "driven".
  const std::string lower_left = lower_ascii(left), lower_right = lower_ascii(right);
  if (words.hyphenated.count(lower_left + "-" + lower_right) ||
      words.hyphenated.count(lower_ascii(left_whole) + "-" + lower_right)) {
    return true;
  }
  if (words.written_whole(lower_left + lower_right)) return false;
  if (!std::islower(static_cast<unsigned char>(right[0])))
    return true;                                                    // "Franco-" + "German", "COVID-" + "19"
  if (left_whole.find('-') != std::string_view::npos) return true;  // "state-of-the-" + "art"
  bool digits = true, upper = true;
  for (char c : left) {
    digits = digits && std::isdigit(static_cast<unsigned char>(c));
    upper = upper && std::isupper(static_cast<unsigned char>(c));
  }
  if (digits || upper || left.size() == 1) return true;  // "20-" + "year", "API-" + "based", "e-" + "mail"
  return is_prefix_compound(lower_left, lower_right);
}

// Capitalised joins ("FrancoGerman", "APIbased") do not make a page suspect on their
// own: technical text is full of such words, and each would cost a second read of the
// page; they are still kept when the page is read for another reason.
bool may_hide_compound(std::string_view text, const DocumentWords& words) {
  bool found = false;
  std::string lower;  // reused across tokens
  for_each_token(text, [&](std::string_view token, bool) {
    if (found) return;
    size_t hyphens = 0;
    for (char c : token) hyphens += c == '-';
    // Most words are too short for a prefix join, start with no digit and are no
    // hyphenated form of the document: no need to look closer.
    if (hyphens == 0 && token.size() < 7 && !std::isdigit(static_cast<unsigned char>(token[0])) &&
        (token.size() < words.without_hyphen_shortest || token.size() > words.without_hyphen_longest)) {
      return;
    }
    // A token with two hyphens may be "state-of-theart", when its last part is no word the
    // document writes (or the words are not counted); with one hyphen or none, any part
    // may be a join.
    lower_into(token, lower);
    if (hyphens >= 2 && !words.written_whole(lower.substr(lower.rfind('-') + 1))) {
      found = true;
      return;
    }
    for (size_t part_start = 0; part_start <= lower.size() && !found;) {
      size_t part_end = lower.find('-', part_start);
      if (part_end == std::string::npos) part_end = lower.size();
      std::string_view part = std::string_view(lower).substr(part_start, part_end - part_start);
      std::string_view original = token.substr(part_start, part_end - part_start);
      found = words.may_be_without_hyphen(part);
      // "20year": digits, then a word of three lower-case letters or more (not "0x1f", "2nd").
      size_t digits = 0;
      while (digits < original.size() && std::isdigit(static_cast<unsigned char>(original[digits]))) ++digits;
      if (!found && digits > 0 && original.size() - digits >= 3) {
        found = true;
        for (size_t i = digits; i < original.size(); ++i)
          found = found && std::islower(static_cast<unsigned char>(original[i]));
      }
      for (const auto& prefix : compound_prefixes()) {
        if (found || part.size() < prefix.size() + 4) continue;
        found = part.substr(0, prefix.size()) == prefix;  // "wellknown"
      }
      part_start = part_end + 1;
    }
  });
  return found;
}

std::vector<LineEndHyphen> line_end_hyphens(std::string_view raw_text) {
  std::vector<std::string> lines = split_lines(raw_text);
  std::vector<LineEndHyphen> found;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    std::string_view line = lines[i];
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    if (line.size() < 2 || line.back() != '-' ||
        !is_word_byte(static_cast<unsigned char>(line[line.size() - 2]))) {
      continue;
    }
    size_t begin = line.size() - 1;
    while (begin > 0 && (is_word_byte(static_cast<unsigned char>(line[begin - 1])) || line[begin - 1] == '-'))
      --begin;
    std::string_view left_whole = line.substr(begin, line.size() - 1 - begin);
    while (!left_whole.empty() && left_whole.front() == '-') left_whole.remove_prefix(1);
    if (left_whole.empty()) continue;
    found.push_back({std::string(left_whole), lines[i + 1]});
  }
  return found;
}

std::string joined_word(const LineEndHyphen& hyphen) {
  size_t end = 0;
  std::string_view next = hyphen.next_line;
  while (!next.empty() && is_space(next.front())) next.remove_prefix(1);
  while (end < next.size() && is_word_byte(static_cast<unsigned char>(next[end]))) ++end;
  return lower_ascii(hyphen.left_whole + std::string(next.substr(0, end)));
}

void restore_compound_hyphens(std::string& reading_text, const std::vector<LineEndHyphen>& breaks,
                              const DocumentWords& words) {
  size_t cursor = 0;  // both texts run in reading order on most pages: search on from the last match
  for (const auto& hyphen : breaks) {
    if (!keeps_hyphen(hyphen.left_whole, hyphen.next_line, words)) continue;
    std::string_view next = hyphen.next_line;
    while (!next.empty() && is_space(next.front())) next.remove_prefix(1);
    size_t right_end = 0;
    while (right_end < next.size() && is_word_byte(static_cast<unsigned char>(next[right_end]))) ++right_end;
    const std::string joined = hyphen.left_whole + std::string(next.substr(0, right_end));
    auto standalone = [&](size_t at) {
      bool clean_start = at == 0 || !(is_word_byte(static_cast<unsigned char>(reading_text[at - 1])) ||
                                      reading_text[at - 1] == '-');
      size_t after = at + joined.size();
      return clean_start &&
             (after >= reading_text.size() || !is_word_byte(static_cast<unsigned char>(reading_text[after])));
    };
    size_t at = reading_text.find(joined, cursor);
    while (at != std::string::npos && !standalone(at)) at = reading_text.find(joined, at + 1);
    if (at == std::string::npos) {
      at = reading_text.find(joined);
      while (at != std::string::npos && !standalone(at)) at = reading_text.find(joined, at + 1);
    }
    if (at == std::string::npos) continue;  // the reading-order text wrote it some other way
    reading_text.insert(at + hyphen.left_whole.size(), "-");
    cursor = at + joined.size() + 1;
  }
}

}  // namespace blockify::extract_internal
