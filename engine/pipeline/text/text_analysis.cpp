#include "engine/pipeline/text/text_analysis.h"

#include <cstdint>
#include <cstring>

#include "engine/pipeline/text/text_hash.h"
#include "engine/pipeline/text/text_lexicon.h"

namespace blockify::text {
namespace {

constexpr size_t kMaxKeywordBytes = 40;  // longer "words" are URLs, hashes or glued text

// The lower-case word with a possessive removed: "user's" -> "user".
std::string_view strip_possessive(std::string_view lower) {
  if (lower.size() > 3 && lower.ends_with("'s")) return lower.substr(0, lower.size() - 2);
  if (lower.size() > 5 && lower.ends_with("\xE2\x80\x99s")) return lower.substr(0, lower.size() - 4);
  return lower;
}

// Folds a regular plural onto its singular so "jobs" and "job" count together.
std::string_view fold_plural(std::string_view lower) {
  if (lower.size() <= 3 || lower.back() != 's') return lower;
  const char before = lower[lower.size() - 2];
  if (before == 's' || before == 'u' || before == 'i' || before == '\'') return lower;
  return lower.substr(0, lower.size() - 1);
}

bool is_keyword_candidate(std::string_view word, std::string_view lower, uint32_t flags) {
  if (lower.size() > kMaxKeywordBytes || lower.empty()) return false;
  if (!is_alpha(lower[0]) && static_cast<unsigned char>(lower[0]) < 0x80) return false;
  if (lower.size() < 3 && !is_all_caps(word)) return false;  // keep "AI", drop "of"
  return (flags & kStopWord) == 0;
}

// True when a word differs from its lower-case copy, i.e. has a capital letter.
// Compares eight bytes at a time; words are short.
bool differs(std::string_view word, std::string_view lower) {
  size_t i = 0;
  for (; i + 8 <= word.size(); i += 8) {
    uint64_t x, y;
    std::memcpy(&x, word.data() + i, 8);
    std::memcpy(&y, lower.data() + i, 8);
    if (x != y) return true;
  }
  for (; i < word.size(); ++i)
    if (word[i] != lower[i]) return true;
  return false;
}

void compute_weights(ChunkAnalysis& a) {
  const size_t early = a.tokens.size() / 5;
  for (Term& term : a.terms) {
    term.weak = (word_flags(term.key, term.key) & kWeakEdge) != 0;
    term.weight = term.count;
    if (term.in_heading) term.weight += 2.0;
    if (term.first_token <= early) term.weight += 0.5;
    if (term.capitalised) term.weight += 0.5;
    if (term.key.size() >= 8) term.weight += 0.3;  // long words are usually specific
  }
}

}  // namespace

ChunkAnalysis analyse_chunk(std::string_view text) {
  ChunkAnalysis a;
  a.text = text;
  a.lower = ascii_lower(text);
  a.sentences = split_sentences(text);
  a.tokens.reserve(text.size() / 5 + 8);
  for (SentenceSpan& s : a.sentences) {
    s.token_begin = a.tokens.size();
    tokenize(text, s.begin, s.end, a.tokens);
    s.token_end = a.tokens.size();
  }
  a.token_flags.assign(a.tokens.size(), 0);
  for (size_t t = 0; t < a.tokens.size(); ++t)
    if (a.tokens[t].kind != TokenKind::kSymbol) {
      const std::string_view word = a.token_text(t), lower = a.token_lower(t);
      const bool has_capital = differs(word, lower);
      a.token_flags[t] = word_flags(word, lower, has_capital) | (has_capital ? uint32_t{kHasCapital} : 0u);
    }
  a.token_term.assign(a.tokens.size(), -1);
  FlatWordMap<int> index;
  index.reset(a.tokens.size());
  for (const SentenceSpan& s : a.sentences) {
    for (size_t t = s.token_begin; t < s.token_end; ++t) {
      if (a.tokens[t].kind != TokenKind::kWord) continue;
      const std::string_view word = a.token_text(t);
      const std::string_view lower = strip_possessive(a.token_lower(t));
      const uint32_t flags = lower.size() == a.token_lower(t).size() ? a.flags(t) : word_flags(lower, lower);
      if (!is_keyword_candidate(word, lower, flags)) continue;
      const std::string_view key = fold_plural(lower);
      bool inserted = false;
      const int term_index = index.find_or_insert(key, static_cast<int>(a.terms.size()), &inserted);
      if (inserted) {
        Term term;
        term.key = key;
        term.display = lower;
        term.first_token = t;
        a.terms.push_back(term);
      }
      Term& term = a.terms[static_cast<size_t>(term_index)];
      if (lower == key) term.display = key;  // prefer the singular when the text has it
      ++term.count;
      if (s.heading) term.in_heading = true;
      if (t > s.token_begin && is_upper(word[0])) term.capitalised = true;
      a.token_term[t] = term_index;
    }
  }
  compute_weights(a);
  return a;
}

}  // namespace blockify::text
