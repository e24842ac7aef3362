#include "engine/pipeline/text/text_entities.h"

#include "engine/pipeline/text/text_lexicon.h"

namespace blockify::text {
namespace {

bool is_day_number(std::string_view word) {
  size_t digits = 0;
  while (digits < word.size() && is_digit(word[digits])) ++digits;
  if (digits == 0 || digits > 2) return false;
  const std::string_view suffix = word.substr(digits);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return false;
  const int day = digits == 1 ? word[0] - '0' : (word[0] - '0') * 10 + (word[1] - '0');
  return day >= 1 && day <= 31;
}

bool is_year(std::string_view word) {
  if (word.size() == 5 && word[4] == 's') word = word.substr(0, 4);  // "2020s"
  if (word.size() != 4) return false;
  for (char c : word)
    if (!is_digit(c)) return false;
  return (word[0] == '1' && word[1] == '9') || (word[0] == '2' && word[1] == '0');
}

// Matches digit groups with fixed separators: "2024-03-05" has pattern {4, 2, 2} and '-'.
bool digit_groups(std::string_view word, char separator, int min_first, int max_first) {
  int groups = 0;
  size_t i = 0;
  while (i <= word.size()) {
    size_t start = i;
    while (i < word.size() && is_digit(word[i])) ++i;
    const int length = static_cast<int>(i - start);
    if (length == 0) return false;
    if (groups == 0 && (length < min_first || length > max_first)) return false;
    if (groups > 0 && length > 4) return false;
    ++groups;
    if (i == word.size()) break;
    if (word[i] != separator) return false;
    ++i;
  }
  return groups == 3;
}

bool is_numeric_date(std::string_view word) {
  return digit_groups(word, '-', 4, 4) || digit_groups(word, '/', 1, 2) || digit_groups(word, '.', 1, 2);
}

bool is_version(std::string_view word) {
  if (word.size() >= 2 && (word[0] == 'v' || word[0] == 'V') && is_digit(word[1])) return true;
  if (word.empty() || !is_digit(word[0])) return false;
  for (char c : word)
    if (!is_digit(c) && c != '.') return false;
  return true;
}

bool is_attached_unit(std::string_view lower) {
  if (lower.size() == 1) return std::string_view("shxgwvdkmb").find(lower[0]) != std::string_view::npos;
  return (word_flags(lower, lower) & (kUnit | kScale)) != 0;
}

class EntityFinder {
 public:
  EntityFinder(const ChunkAnalysis& a, size_t sentence, std::vector<Entity>& out)
      : a_(a), b_(a.sentences[sentence].token_begin), e_(a.sentences[sentence].token_end), out_(out) {}

  void run() {
    size_t t = b_;
    while (t < e_) {
      const size_t used = match_at(t);
      t += used > 0 ? used : 1;
    }
  }

 private:
  size_t match_at(size_t t) {
    // Most tokens are lower-case words; only two rules can match those.
    if (kind(t) == TokenKind::kWord && is_lower(word(t)[0])) {
      if (has(t, kTechnology)) return add(t, t + 1, "TECHNOLOGY") - t;
      return has(t, kHasCapital) ? capitalised_name_at(t) : 0;  // iPhone
    }
    if (kind(t) == TokenKind::kSymbol) return metric_at(t);
    if (size_t n = person_with_title(t)) return n;
    if (size_t n = date_at(t)) return n;
    if (size_t n = metric_at(t)) return n;
    if (size_t n = technology_at(t)) return n;
    if (size_t n = listed_location_at(t)) return n;
    return capitalised_name_at(t);
  }

  std::string_view word(size_t t) const { return a_.token_text(t); }
  std::string_view lower(size_t t) const { return a_.token_lower(t); }
  TokenKind kind(size_t t) const { return a_.tokens[t].kind; }
  bool has(size_t t, uint32_t flag) const { return t < e_ && (a_.flags(t) & flag) != 0; }
  bool is_number(size_t t) const { return t < e_ && kind(t) == TokenKind::kNumber; }
  bool is_symbol(size_t t, std::string_view s) const {
    return t < e_ && kind(t) == TokenKind::kSymbol && word(t) == s;
  }
  bool is_capitalised(size_t t) const {
    return t < e_ && kind(t) == TokenKind::kWord && is_upper(word(t)[0]);
  }

  size_t add(size_t first, size_t last, const char* type) {
    const size_t begin = a_.tokens[first].begin;
    std::string name = collapse_spaces(a_.text.substr(begin, a_.tokens[last - 1].end - begin));
    if (name.size() > 3 && name.ends_with("'s")) name.resize(name.size() - 2);  // "Acme's" names Acme
    out_.push_back(Entity{std::move(name), type});
    return last;
  }

  size_t person_with_title(size_t t) {
    if (!is_capitalised(t) || !has(t, kPersonTitle)) return 0;
    size_t u = t + 1;
    if (is_symbol(u, ".")) ++u;
    size_t end = u;
    while (end < e_ && end - u < 3 && is_capitalised(end) && !has(end, kStopWord)) ++end;
    if (end == u) return 0;
    return add(t, end, "PERSON") - t;
  }

  // Day, comma and year that may follow a month: "March 5, 2024", "Jan. 2024".
  size_t month_tail(size_t month) const {
    size_t u = month + 1;
    if (word(month).size() <= 4 && is_symbol(u, ".") && !a_.tokens[u].space_before) ++u;  // "Jan."
    if (is_number(u) && is_day_number(word(u))) {
      ++u;
      if (is_symbol(u, ",") && is_number(u + 1) && is_year(word(u + 1)))
        u += 2;
      else if (is_number(u) && is_year(word(u)))
        ++u;
    } else if (is_number(u) && is_year(word(u))) {
      ++u;
    }
    return u;
  }

  bool unit_follows(size_t t) const {
    if (is_symbol(t + 1, "%")) return true;
    return kind(t + 1) == TokenKind::kWord && has(t + 1, kUnit);
  }

  size_t date_at(size_t t) {
    const std::string_view w = word(t);
    if (kind(t) == TokenKind::kNumber) {
      if (is_numeric_date(w)) return add(t, t + 1, "DATE") - t;
      if (is_day_number(w) && has(t + 1, kMonth)) return add(t, month_tail(t + 1), "DATE") - t;
      if (is_year(w) && !unit_follows(t)) return add(t, t + 1, "DATE") - t;
      return 0;
    }
    if (kind(t) != TokenKind::kWord) return 0;
    if (has(t, kMonth)) {
      const size_t end = month_tail(t);
      const bool ambiguous = w == "May" || w.size() <= 4;  // "may", "Mar", "Sept"
      const bool day_before = t > b_ && is_number(t - 1) && is_day_number(word(t - 1));
      if (ambiguous && end == t + 1 && !day_before) return 0;
      return add(t, end, "DATE") - t;
    }
    if (has(t, kWeekday)) return add(t, t + 1, "DATE") - t;
    if (w.size() == 2 && w[0] == 'Q' && w[1] >= '1' && w[1] <= '4' && is_number(t + 1) &&
        is_year(word(t + 1)))
      return add(t, t + 2, "DATE") - t;
    return 0;
  }

  size_t metric_at(size_t t) {
    const std::string_view w = word(t);
    if (kind(t) == TokenKind::kSymbol) {
      const bool currency = w == "$" || w == "\xE2\x82\xAC" || w == "\xC2\xA3" || w == "\xC2\xA5";
      if (!currency || !is_number(t + 1) || a_.tokens[t + 1].space_before) return 0;
      size_t end = t + 2;
      if (has(end, kScale)) ++end;
      return add(t, end, "METRIC") - t;
    }
    if (kind(t) != TokenKind::kNumber) return 0;
    size_t digits = 0;
    while (digits < w.size() && (is_digit(w[digits]) || w[digits] == '.' || w[digits] == ',')) ++digits;
    if (digits < w.size()) {  // "200ms", "5GB", "3x"
      return is_attached_unit(lower(t).substr(digits)) ? add(t, t + 1, "METRIC") - t : 0;
    }
    const size_t u = t + 1;
    if (is_symbol(u, "%")) return add(t, u + 1, "METRIC") - t;
    if (u >= e_ || kind(u) != TokenKind::kWord) return 0;
    const std::string_view unit = lower(u);
    if (unit.size() >= 2 && has(u, kScale)) {
      size_t end = u + 1;
      if (has(end, kUnit)) ++end;
      return add(t, end, "METRIC") - t;
    }
    if (has(u, kUnit)) return add(t, u + 1, "METRIC") - t;
    if (unit == "per" && u + 1 < e_ && lower(u + 1) == "cent") return add(t, u + 2, "METRIC") - t;
    return 0;
  }

  size_t technology_at(size_t t) {
    if (kind(t) == TokenKind::kSymbol) return 0;
    const std::string_view w = word(t);
    if (has(t, kTechnology)) return add(t, t + 1, "TECHNOLOGY") - t;
    // Plural acronyms: "APIs", "GPUs".
    const std::string_view stem = w.substr(0, w.size() - 1);
    if (w.size() >= 3 && w.back() == 's' && is_all_caps(stem) && (word_flags(stem, stem) & kTechnology))
      return add(t, t + 1, "TECHNOLOGY") - t;
    return 0;
  }

  size_t listed_location_at(size_t t) {
    if (!is_capitalised(t)) return 0;
    if (!is_capitalised(t + 1) && !(t + 1 < e_ && lower(t + 1) == "de"))  // one word: no joined look-ups
      return has(t, kPlace) ? add(t, t + 1, "LOCATION") - t : 0;
    for (size_t length = 3; length >= 1; --length) {
      if (t + length > e_) continue;
      bool joined = true;
      for (size_t k = t + 1; k < t + length; ++k)
        joined = joined && kind(k) == TokenKind::kWord && a_.tokens[k].space_before;
      if (!joined) continue;
      const size_t begin = a_.tokens[t].begin;
      if (is_location(a_.text.substr(begin, a_.tokens[t + length - 1].end - begin)))
        return add(t, t + length, "LOCATION") - t;
    }
    return 0;
  }

  bool person_cue_before(size_t first) const {
    if (first == b_) return false;
    const std::string_view before = lower(first - 1);
    if (has(first - 1, kPersonCueBefore)) return true;
    return before == "to" && first - 1 > b_ && lower(first - 2) == "according";
  }

  bool person_cue_after(size_t end) const {
    if (end >= e_) return false;
    if (has(end, kPersonCueAfter)) return true;
    return is_symbol(end, ",") && has(end + 1, kPersonCueBefore);
  }

  // A run of capitalised words, typed by what surrounds it.
  size_t capitalised_name_at(size_t t) {
    const std::string_view w = word(t);
    if (kind(t) != TokenKind::kWord) return 0;
    if (is_lower(w[0])) {  // camel case that starts small: iPhone, eBay (not "non-ISO")
      bool inner_capital = false;
      for (char c : w) {
        if (c == '-' || c == '.') return 0;
        inner_capital = inner_capital || is_upper(c);
      }
      return inner_capital && w.size() >= 4 ? add(t, t + 1, "PRODUCT") - t : 0;
    }
    if (!is_upper(w[0]) || has(t, kStopWord)) return 0;
    if (has(t, kPersonCueBefore) && is_capitalised(t + 1)) return 1;  // "CEO Jane Smith"
    size_t end = t + 1;
    while (end < e_) {
      if (is_capitalised(end) && a_.tokens[end].space_before && !has(end, kStopWord)) {
        ++end;
        continue;
      }
      const std::string_view joiner = lower(end);
      if ((joiner == "of" || joiner == "for" || joiner == "de" || joiner == "&") && is_capitalised(end + 1) &&
          !has(end + 1, kStopWord)) {
        end += 2;
        continue;
      }
      break;
    }
    const bool at_start = t == b_ || kind(t - 1) == TokenKind::kSymbol;
    size_t first = t;
    if (at_start && has(t, kImperative | kWeakEdge)) ++first;
    if (first >= end) return end - t;
    const size_t length = end - first;
    const std::string_view last = word(end - 1);
    if (length >= 2 && has(end - 1, kOrganizationSuffix)) {
      add(first, end, "ORGANIZATION");
      return end - t;
    }
    if (length >= 3 && has(first, kOrganizationHead) && lower(first + 1) == "of")
      return add(first, end, "ORGANIZATION") - t;
    if (length <= 3 && end < e_ && !has(end - 1, kNotAPlace | kMonth)) {
      const std::string_view next = word(end);
      if (kind(end) != TokenKind::kSymbol && is_version(next)) return add(first, end + 1, "PRODUCT") - t;
      if (next == "\xE2\x84\xA2" || next == "\xC2\xAE") return add(first, end, "PRODUCT") - t;
    }
    if (length >= 2 && length <= 3 &&
        (person_cue_before(first) || person_cue_after(end) || has(first, kFirstName)))
      return add(first, end, "PERSON") - t;
    if (length <= 3 && first > b_ && lower(first - 1) == "in") {
      // "in Frankfurt.", "in Berlin and ...", "in Frankfurt in September"; not "in Jobs view".
      bool placeable = end == e_ || kind(end) == TokenKind::kSymbol || has(end, kStopWord);
      for (size_t k = first; k < end && placeable; ++k)
        placeable = !has(k, kNotAPlace | kTechnology) && !is_all_caps(word(k));
      if (placeable) return add(first, end, "LOCATION") - t;
    }
    if (length == 1 && is_all_caps(last) && last.size() <= 6 && !has(end - 1, kCommonCaps))
      return add(first, end, "ORGANIZATION") - t;
    if (length >= 2) return add(first, end, "CONCEPT") - t;
    if (!at_start && last.size() > 1) return add(first, end, "OTHER") - t;
    return end - t;
  }

  const ChunkAnalysis& a_;
  size_t b_;
  size_t e_;
  std::vector<Entity>& out_;
};

}  // namespace

void find_entities(const ChunkAnalysis& analysis, size_t sentence, std::vector<Entity>& out) {
  EntityFinder(analysis, sentence, out).run();
}

}  // namespace blockify::text
