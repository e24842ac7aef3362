#include "engine/pipeline/text/text_keywords.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "engine/pipeline/text/text_lexicon.h"

namespace blockify::text {
namespace {

constexpr size_t kMinKeywords = 5;
constexpr size_t kMaxNameWords = 6;
constexpr size_t kMaxWindowWords = 4;     // windows cut from over-long runs stay short
constexpr size_t kMaxNameWordBytes = 40;  // longer "words" are hashes, URLs or glued text

struct Candidate {
  size_t first = 0;  // token range
  size_t last = 0;
  double score = 0;
  bool from_heading = false;
};

bool is_content(const ChunkAnalysis& a, size_t t) { return a.token_term[t] >= 0; }

// Summed salience of the words, divided by length^0.85: longer phrases earn a little
// for each extra word, not the full weight of it.
double phrase_score(const ChunkAnalysis& a, size_t first, size_t last) {
  static const std::array<double, kMaxNameWords + 1> kLengthDivisor = [] {
    std::array<double, kMaxNameWords + 1> divisor{};
    for (size_t n = 0; n <= kMaxNameWords; ++n)
      divisor[n] = std::pow(static_cast<double>(n > 0 ? n : 1), 0.85);
    return divisor;
  }();
  double sum = 0;
  for (size_t t = first; t < last; ++t)
    if (is_content(a, t)) sum += a.terms[static_cast<size_t>(a.token_term[t])].weight;
  const size_t length = last - first;
  return sum /
         (length <= kMaxNameWords ? kLengthDivisor[length] : std::pow(static_cast<double>(length), 0.85));
}

std::string surface(const ChunkAnalysis& a, size_t first, size_t last) {
  const size_t begin = a.tokens[first].begin;
  return collapse_spaces(a.text.substr(begin, a.tokens[last - 1].end - begin));
}

// Noun phrases usually follow an article or preposition ("the chunk size", "of the
// retry policy"); runs that open a sentence are often subject plus verb ("Chunks overlap").
// The sentence's own subject ("The offline blockifier was ...") is its topic more often
// than a name further on.
double noun_phrase_bonus(const ChunkAnalysis& a, const SentenceSpan& s, size_t first) {
  if (first == s.token_begin) return 1.0;
  static constexpr std::string_view kArticles[] = {"the",  "a",    "an",    "your", "our",
                                                   "this", "each", "every", "its"};
  static constexpr std::string_view kPrepositions[] = {"of", "for", "in", "on", "with", "from", "by"};
  const std::string_view before = a.token_lower(first - 1);
  for (std::string_view article : kArticles)
    if (before == article) return first - 1 == s.token_begin ? 1.5 : 1.25;
  for (std::string_view preposition : kPrepositions)
    if (before == preposition) return 1.25;
  return 1.0;
}

// Adverbs ("actually", "optionally") describe how, never what.
bool is_adverb(std::string_view lower) {
  static constexpr std::string_view kNouns[] = {"assembly", "family",   "supply",
                                                "anomaly",  "monopoly", "butterfly"};
  if (lower.size() < 6 || !lower.ends_with("ly")) return false;
  for (std::string_view noun : kNouns)
    if (lower == noun) return false;
  return true;
}

bool looks_past_tense(std::string_view lower) { return lower.size() >= 5 && lower.ends_with("ed"); }

// A name does not start with a verb: "Print DVI files" in "to print DVI files".
bool weak_first_word(const ChunkAnalysis& a, const SentenceSpan& s, size_t t) {
  if ((a.flags(t) & kWeakEdge) || is_adverb(a.token_lower(t))) return true;
  return (a.flags(t) & kImperative) && (t == s.token_begin || a.token_lower(t - 1) == "to");
}

// Nor end with an adverb or a participle: "program installed".
bool weak_last_word(const ChunkAnalysis& a, size_t t) {
  const std::string_view lower = a.token_lower(t);
  return (a.flags(t) & kWeakEdge) || is_adverb(lower) || (lower.size() >= 5 && lower.ends_with("ed"));
}

// Runs of content words not broken by punctuation, trimmed of weak edge words.
void add_runs(const ChunkAnalysis& a, const SentenceSpan& s, double boost, std::vector<Candidate>& out) {
  size_t t = s.token_begin;
  while (t < s.token_end) {
    if (!is_content(a, t)) {
      ++t;
      continue;
    }
    // Inside a run, a past-tense word is usually the verb ("Acme Corp | reported revenue").
    size_t u = t + 1;
    while (u < s.token_end && is_content(a, u) && a.tokens[u].space_before &&
           !looks_past_tense(a.token_lower(u)))
      ++u;
    size_t first = t;
    size_t last = u;
    while (first < last && weak_first_word(a, s, first)) ++first;
    while (last > first && weak_last_word(a, last - 1)) --last;
    if (last > first && last - first <= kMaxNameWords) {
      out.push_back(
          {first, last, phrase_score(a, first, last) * boost * noun_phrase_bonus(a, s, first), s.heading});
    } else if (last > first) {
      for (size_t w = first; w + 2 <= last; ++w)
        for (size_t len = 2; len <= kMaxWindowWords && w + len <= last; ++len)
          out.push_back({w, w + len, phrase_score(a, w, w + len) * boost, s.heading});
    }
    t = u;
  }
}

// The heading's own words when it is a usable name (2–6 words, no odd symbols).
bool heading_candidate(const ChunkAnalysis& a, const SentenceSpan& s, Candidate* out) {
  size_t words = 0;
  for (size_t t = s.token_begin; t < s.token_end; ++t) {
    if (a.tokens[t].kind == TokenKind::kSymbol) {
      const std::string_view mark = a.token_text(t);
      if (mark != "&" && mark != "-" && mark != "/") return false;
    } else {
      ++words;
    }
  }
  if (words < 2 || words > kMaxNameWords) return false;
  *out = {s.token_begin, s.token_end, std::numeric_limits<double>::max(), true};
  return true;
}

// Two to four words around the best single word, for groups with no multi-word run.
// A word that can stand in a name: not a symbol, not a glued run like a hash or URL.
bool is_name_word(const ChunkAnalysis& a, size_t t) {
  return a.tokens[t].kind != TokenKind::kSymbol && a.tokens[t].end - a.tokens[t].begin <= kMaxNameWordBytes;
}

Candidate widen(const ChunkAnalysis& a, const SentenceSpan& s, size_t t) {
  auto is_word = [&](size_t k) { return is_name_word(a, k); };
  size_t last = t + 1;
  while (last < s.token_end && last - t < 4 && is_word(last) && a.tokens[last].space_before) ++last;
  while (last > t + 1 && (a.flags(last - 1) & kStopWord)) --last;
  size_t first = t;
  if (last == t + 1 && t > s.token_begin && is_word(t - 1) && a.tokens[t].space_before) first = t - 1;
  return {first, last, 0, s.heading};
}

// Under a one-word heading ("Chunking"), phrases on the same root ("chunk size") name
// the idea best.
void boost_heading_roots(const ChunkAnalysis& a, const std::vector<size_t>& group,
                         std::vector<Candidate>& candidates) {
  std::vector<std::string_view> roots;
  for (size_t s : group)
    if (a.sentences[s].heading)
      for (size_t t = a.sentences[s].token_begin; t < a.sentences[s].token_end; ++t)
        if (is_content(a, t)) roots.push_back(a.token_lower(t));
  if (roots.empty()) return;
  auto shares_root = [&](std::string_view word) {
    for (std::string_view root : roots) {
      size_t common = 0;
      while (common < word.size() && common < root.size() && word[common] == root[common]) ++common;
      const size_t shorter = std::min(word.size(), root.size());
      if (common >= 4 && common * 10 >= shorter * 7) return true;
    }
    return false;
  };
  for (Candidate& c : candidates) {
    if (c.from_heading) continue;
    for (size_t t = c.first; t < c.last; ++t) {
      if (shares_root(a.token_lower(t))) {
        c.score *= 2.5;
        break;
      }
    }
  }
}

KeyPhrase make_phrase(const ChunkAnalysis& a, const Candidate& c) {
  KeyPhrase phrase;
  phrase.name = surface(a, c.first, c.last);
  phrase.in_prose = phrase.name;
  phrase.from_heading = c.from_heading;
  phrase.proper = !c.from_heading;
  for (size_t t = c.first; t < c.last; ++t) {
    if (a.tokens[t].kind == TokenKind::kSymbol) continue;
    ++phrase.words;
    if (!is_upper(a.token_text(t)[0])) phrase.proper = false;
  }
  // A sentence's first word is capitalised by grammar, not because it is a name.
  const std::string_view first_word = a.token_text(c.first);
  const int term = a.token_term[c.first];
  const bool starts_sentence = std::any_of(a.sentences.begin(), a.sentences.end(),
                                           [&](const SentenceSpan& s) { return s.token_begin == c.first; });
  if (!c.from_heading && starts_sentence && !is_all_caps(first_word) &&
      (term < 0 || !a.terms[static_cast<size_t>(term)].capitalised)) {
    phrase.proper = false;
    phrase.in_prose[0] = to_lower(phrase.in_prose[0]);
  }
  const std::string_view last_word = a.token_lower(c.last - 1);
  phrase.plural = last_word.size() > 3 && last_word.back() == 's' && !last_word.ends_with("ss") &&
                  !last_word.ends_with("us") && !last_word.ends_with("is");
  return phrase;
}

}  // namespace

std::vector<std::string> block_keywords(const ChunkAnalysis& a, const std::vector<size_t>& group,
                                        size_t max_count) {
  // Count the block's own terms; `order` lists them in first-seen order.
  std::vector<double> in_block(a.terms.size(), 0.0);
  std::vector<size_t> order;
  order.reserve(64);
  for (size_t s : group) {
    const SentenceSpan& span = a.sentences[s];
    for (size_t t = span.token_begin; t < span.token_end; ++t) {
      const int term = a.token_term[t];
      if (term < 0) continue;
      if (in_block[static_cast<size_t>(term)] == 0) order.push_back(static_cast<size_t>(term));
      in_block[static_cast<size_t>(term)] += 2.0;
    }
  }
  // Verbs and vague words ("keep", "run") still count, at half strength. Ties keep the
  // first-seen order, so the output is deterministic.
  std::vector<std::pair<double, size_t>> ranked;
  ranked.reserve(order.size());
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t i = order[k];
    ranked.emplace_back(-(in_block[i] + a.terms[i].weight) * (a.terms[i].weak ? 0.5 : 1.0), k);
  }
  const size_t top = std::min(ranked.size(), max_count);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(top), ranked.end());
  for (size_t k = 0; k < top; ++k) ranked[k].second = order[ranked[k].second];
  order.clear();
  for (size_t k = 0; k < top; ++k) order.push_back(ranked[k].second);
  std::vector<std::string> keywords;
  keywords.reserve(std::max(max_count, kMinKeywords));
  // Each term has its own display form, so no keyword can repeat.
  auto add = [&](size_t i) { keywords.emplace_back(a.terms[i].display); };
  for (size_t i = 0; i < order.size() && keywords.size() < max_count; ++i) add(order[i]);
  // Short blocks borrow the chunk's strongest terms for context (ties: first seen).
  std::vector<bool> taken(a.terms.size(), false);
  for (size_t i : order) taken[i] = true;
  while (keywords.size() < kMinKeywords) {
    size_t best = a.terms.size();
    for (size_t i = 0; i < a.terms.size(); ++i)
      if (!taken[i] && (best == a.terms.size() || a.terms[i].weight > a.terms[best].weight)) best = i;
    if (best == a.terms.size()) break;
    taken[best] = true;
    add(best);
  }
  return keywords;
}

KeyPhrase best_key_phrase(const ChunkAnalysis& a, const std::vector<size_t>& group,
                          const std::vector<std::string>& used) {
  std::vector<Candidate> candidates;
  candidates.reserve(64);
  for (size_t k = 0; k < group.size(); ++k) {
    const SentenceSpan& s = a.sentences[group[k]];
    Candidate heading;
    if (s.heading && heading_candidate(a, s, &heading)) candidates.push_back(heading);
    const double boost = (s.heading ? 2.0 : 1.0) * (k == 0 ? 1.1 : 1.0) * (s.complete ? 1.0 : 0.6);
    add_runs(a, s, boost, candidates);
  }
  boost_heading_roots(a, group, candidates);
  auto is_used = [&](const Candidate& c) {
    if (used.empty()) return false;
    const std::string name = surface(a, c.first, c.last);
    return std::any_of(used.begin(), used.end(),
                       [&](const std::string& u) { return equal_ignoring_case(u, name); });
  };
  // Best multi-word candidate not used yet; usually the first pick, so select rather than sort.
  std::vector<bool> rejected(candidates.size(), false);
  while (true) {
    size_t best = candidates.size();
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (rejected[i] || candidates[i].last - candidates[i].first < 2) continue;
      if (best == candidates.size() || candidates[i].score > candidates[best].score) best = i;
    }
    if (best == candidates.size()) break;
    if (!is_used(candidates[best])) return make_phrase(a, candidates[best]);
    rejected[best] = true;
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
  // No multi-word run: widen the strongest single word with its neighbours.
  for (const Candidate& c : candidates) {
    for (size_t s : group) {
      const SentenceSpan& span = a.sentences[s];
      if (c.first < span.token_begin || c.first >= span.token_end) continue;
      Candidate wide = widen(a, span, c.first);
      if (!is_used(wide)) return make_phrase(a, wide);
    }
  }
  // No content word at all: the first words of the group.
  for (size_t s : group) {
    const SentenceSpan& span = a.sentences[s];
    size_t last = span.token_begin;
    while (last < span.token_end && last - span.token_begin < 4 && is_name_word(a, last)) ++last;
    if (last > span.token_begin) return make_phrase(a, {span.token_begin, last, 0, span.heading});
  }
  return KeyPhrase{};
}

}  // namespace blockify::text
