#include "engine/pipeline/text/text_ideas.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace blockify::text {
namespace {

constexpr size_t kMaxIdeas = 5;
constexpr size_t kBytesPerIdea = 450;
constexpr size_t kMinIdeaBytes = 60;        // smaller groups join a neighbour
constexpr size_t kMinParagraphBytes = 120;  // a paragraph this long can stand as an idea
constexpr size_t kMaxAnswerSentences = 3;

// Share of keywords the two sentences before a gap have in common with the two after
// it (of the smaller side). Stamps instead of set unions keep this allocation-free.
class GapSimilarity {
 public:
  // Lists each sentence's distinct terms once, so every gap reads short lists.
  explicit GapSimilarity(const ChunkAnalysis& a)
      : before_(a.terms.size(), 0), after_(a.terms.size(), 0), first_(a.sentences.size() + 1, 0) {
    terms_.reserve(a.tokens.size());
    for (size_t s = 0; s < a.sentences.size(); ++s) {
      ++stamp_;
      first_[s] = terms_.size();
      for (size_t t = a.sentences[s].token_begin; t < a.sentences[s].token_end; ++t) {
        const int term = a.token_term[t];
        if (term < 0 || before_[static_cast<size_t>(term)] == stamp_) continue;
        before_[static_cast<size_t>(term)] = stamp_;
        terms_.push_back(term);
      }
    }
    first_[a.sentences.size()] = terms_.size();
  }

  double at(size_t gap) {
    ++stamp_;
    const size_t count = first_.size() - 1;
    size_t before = 0, after = 0, common = 0;
    for (size_t k = first_[gap > 0 ? gap - 1 : 0]; k < first_[gap + 1]; ++k) {
      const auto term = static_cast<size_t>(terms_[k]);
      if (before_[term] == stamp_) continue;
      before_[term] = stamp_;
      ++before;
    }
    for (size_t k = first_[gap + 1]; k < first_[std::min(gap + 3, count)]; ++k) {
      const auto term = static_cast<size_t>(terms_[k]);
      if (after_[term] == stamp_) continue;
      after_[term] = stamp_;
      ++after;
      if (before_[term] == stamp_) ++common;
    }
    if (before == 0 || after == 0) return 0;
    return static_cast<double>(common) / static_cast<double>(std::min(before, after));
  }

 private:
  std::vector<uint32_t> before_;
  std::vector<uint32_t> after_;
  std::vector<size_t> first_;  // sentence s has terms_[first_[s], first_[s + 1])
  std::vector<int> terms_;
  uint32_t stamp_ = 0;
};

size_t group_bytes(const ChunkAnalysis& a, const std::vector<size_t>& group) {
  size_t bytes = 0;
  for (size_t s : group) bytes += a.sentences[s].end - a.sentences[s].begin;
  return bytes;
}

// A group that cannot stand as an idea: only headings or cut-off fragments, or tiny.
bool is_weak_group(const ChunkAnalysis& a, const std::vector<size_t>& group) {
  bool has_prose = false;
  for (size_t s : group) has_prose = has_prose || (!a.sentences[s].heading && a.sentences[s].complete);
  return !has_prose || group_bytes(a, group) < kMinIdeaBytes;
}

void merge_weak_groups(const ChunkAnalysis& a, std::vector<std::vector<size_t>>& groups) {
  bool changed = true;
  while (changed && groups.size() > 1) {
    changed = false;
    for (size_t g = 0; g < groups.size(); ++g) {
      if (!is_weak_group(a, groups[g])) continue;
      // A heading-only group belongs to the text after it; anything else to the text before.
      const bool heading_only =
          std::all_of(groups[g].begin(), groups[g].end(), [&](size_t s) { return a.sentences[s].heading; });
      const size_t into = (g == 0 || (heading_only && g + 1 < groups.size())) ? g + 1 : g - 1;
      std::vector<size_t>& target = groups[into];
      target.insert(into > g ? target.begin() : target.end(), groups[g].begin(), groups[g].end());
      groups.erase(groups.begin() + static_cast<std::ptrdiff_t>(g));
      changed = true;
      break;
    }
  }
}

// Markdown read as plain text, in place: "[label](target)" and "[label][]" become the
// label, "**", "__" and backticks go, "<https://...>" loses its angle brackets.
void strip_markup(std::string& text) {
  static constexpr std::array<bool, 256> kMarkup = [] {
    std::array<bool, 256> table{};
    table['['] = table['*'] = table['_'] = table['`'] = table['<'] = true;
    return table;
  }();
  if (std::none_of(text.begin(), text.end(), [](char c) { return kMarkup[static_cast<unsigned char>(c)]; }))
    return;
  size_t write = 0;  // the output never outgrows the input, so it can overwrite it
  size_t i = 0;
  auto copy = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) text[write++] = text[k];
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '[') {
      const size_t close = text.find(']', i + 1);
      if (close != std::string::npos && close + 1 < text.size() &&
          (text[close + 1] == '(' || text[close + 1] == '[')) {
        const size_t target_end = text.find(text[close + 1] == '(' ? ')' : ']', close + 2);
        if (target_end != std::string::npos) {
          copy(i + 1, close);
          i = target_end + 1;
          continue;
        }
      }
    } else if ((c == '*' || c == '_') && i + 1 < text.size() && text[i + 1] == c) {
      i += 2;
      continue;
    } else if (c == '`') {
      ++i;
      continue;
    } else if (c == '<' && text.compare(i + 1, 4, "http") == 0) {
      const size_t close = text.find('>', i);
      if (close != std::string::npos) {
        copy(i + 1, close);
        i = close + 1;
        continue;
      }
    }
    text[write++] = c;
    ++i;
  }
  text.resize(write);
}

bool ends_sentence(const std::string& text) {
  const char last = text.back();
  return last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ')' ||
         last == '"' || static_cast<unsigned char>(last) >= 0x80;
}

// Length of collapse_spaces(text) without building it.
size_t collapsed_length(std::string_view text) {
  size_t length = 0;
  bool in_space = true;  // leading spaces are dropped
  for (char c : text) {
    if (is_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space && length > 0) ++length;
    in_space = false;
    ++length;
  }
  return length;
}

}  // namespace

std::vector<std::vector<size_t>> group_ideas(const ChunkAnalysis& a) {
  const size_t count = a.sentences.size();
  if (count == 0) return {};

  // Each section under a heading gets one idea per substantial paragraph, and at least
  // one per kBytesPerIdea of prose.
  size_t ideas = 0, section_bytes = 0, paragraphs = 0, paragraph_bytes = 0, prose_sentences = 0;
  for (size_t s = 0; s <= count; ++s) {
    const bool paragraph_ends =
        s == count || (s > 0 && a.sentences[s].paragraph != a.sentences[s - 1].paragraph);
    if (paragraph_ends) {
      if (paragraph_bytes >= kMinParagraphBytes) ++paragraphs;
      paragraph_bytes = 0;
    }
    if (s == count || (a.sentences[s].heading && s > 0 && !a.sentences[s - 1].heading)) {
      ideas += std::max<size_t>({1, (section_bytes + kBytesPerIdea - 1) / kBytesPerIdea, paragraphs});
      section_bytes = paragraphs = 0;
    }
    if (s == count || a.sentences[s].heading) continue;
    section_bytes += a.sentences[s].end - a.sentences[s].begin;
    paragraph_bytes += a.sentences[s].end - a.sentences[s].begin;
    ++prose_sentences;
  }
  ideas = std::clamp<size_t>(ideas, 1, std::min(kMaxIdeas, std::max<size_t>(prose_sentences, 1)));

  // Score every gap between sentences as a cut point.
  GapSimilarity similarity(a);
  std::vector<std::pair<double, size_t>> cuts;
  cuts.reserve(count);
  for (size_t i = 0; i + 1 < count; ++i) {
    const SentenceSpan& here = a.sentences[i];
    const SentenceSpan& next = a.sentences[i + 1];
    if (here.heading || here.ends_with_colon) continue;
    double score = 1.0 - similarity.at(i);
    if (next.heading) score += 3.0;
    if (next.paragraph != here.paragraph) score += 1.5;
    if (here.list_item && next.list_item) score -= 1.0;
    cuts.emplace_back(score, i);
  }
  std::stable_sort(cuts.begin(), cuts.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<size_t> chosen;
  for (const auto& cut : cuts) {
    if (chosen.size() + 1 >= ideas) break;
    chosen.push_back(cut.second);
  }
  std::sort(chosen.begin(), chosen.end());

  std::vector<std::vector<size_t>> groups;
  groups.reserve(chosen.size() + 1);
  size_t first = 0;
  for (size_t k = 0; k <= chosen.size(); ++k) {
    const size_t last = k < chosen.size() ? chosen[k] + 1 : count;
    std::vector<size_t>& group = groups.emplace_back();
    group.reserve(last - first);
    for (size_t s = first; s < last; ++s) group.push_back(s);
    first = last;
  }
  merge_weak_groups(a, groups);
  return groups;
}

std::vector<double> sentence_salience(const ChunkAnalysis& a) {
  std::vector<double> scores(a.sentences.size(), 0.0);
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    const SentenceSpan& span = a.sentences[s];
    double sum = 0;
    size_t content = 0, words = 0;
    for (size_t t = span.token_begin; t < span.token_end; ++t) {
      if (a.tokens[t].kind != TokenKind::kSymbol) ++words;
      if (a.token_term[t] < 0) continue;
      sum += a.terms[static_cast<size_t>(a.token_term[t])].weight;
      ++content;
    }
    double score = sum / std::sqrt(static_cast<double>(std::max<size_t>(content, 6)));
    if (!span.complete) score *= 0.25;
    if (words < 4) score *= 0.5;
    if (span.heading) score *= 0.01;  // a title is a name, not an answer
    scores[s] = score + 1e-6;         // keeps word-less sentences selectable
  }
  return scores;
}

std::string cut_at_word(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  static const std::string kEllipsis = "\xE2\x80\xA6";
  const size_t room = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  size_t cut = text.rfind(' ', room);
  if (cut == std::string::npos || cut < room / 2) {
    cut = room;
    while (cut > 0 && is_continuation(text[cut])) --cut;
  }
  while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ';')) --cut;
  return text.substr(0, cut) + kEllipsis;
}

std::string trusted_answer(const ChunkAnalysis& a, const std::vector<size_t>& group,
                           const std::vector<double>& salience, size_t max_bytes,
                           std::vector<size_t>* quoted) {
  // Quote whole sentences; fragments cut by the chunk edge only when nothing else is left.
  std::vector<size_t> order;
  for (size_t s : group)
    if (!a.sentences[s].heading && a.sentences[s].complete) order.push_back(s);
  if (order.empty())
    for (size_t s : group)
      if (!a.sentences[s].heading) order.push_back(s);
  if (order.empty()) order = group;
  const size_t lead = order.front();
  auto score = [&](size_t s) { return salience[s] * (s == lead ? 1.15 : 1.0); };
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return score(x) > score(y); });

  std::vector<size_t> picked;
  size_t total = 0;
  for (size_t s : order) {
    if (picked.size() >= kMaxAnswerSentences) break;
    // The raw length bounds the collapsed one; count exactly only when it matters.
    const size_t separator = picked.empty() ? 0 : 2;  // " " or "; "
    size_t needed = a.sentences[s].end - a.sentences[s].begin + separator;
    if (total + needed > max_bytes) needed = collapsed_length(a.sentence_text(s)) + separator;
    if (total + needed > max_bytes) continue;
    total += needed;
    picked.push_back(s);
  }
  quoted->clear();
  if (picked.empty()) {
    quoted->push_back(order.front());
    // Only the start of an over-long sentence can be quoted; don't tidy the rest.
    const std::string_view sentence = a.sentence_text(order.front());
    std::string answer = collapse_spaces(sentence.substr(0, 4 * max_bytes));
    strip_markup(answer);
    return cut_at_word(answer, max_bytes);
  }
  quoted->assign(picked.begin(), picked.end());
  std::sort(picked.begin(), picked.end());
  std::string answer;
  answer.reserve(total);
  for (size_t s : picked) {
    // List lines and titles have no full stop; a semicolon keeps them apart.
    if (!answer.empty()) answer += ends_sentence(answer) ? " " : "; ";
    append_collapsed(answer, a.sentence_text(s));
  }
  strip_markup(answer);
  return answer;
}

}  // namespace blockify::text
