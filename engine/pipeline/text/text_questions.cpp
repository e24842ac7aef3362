#include "engine/pipeline/text/text_questions.h"

#include <array>
#include <initializer_list>
#include <string_view>

#include "engine/pipeline/text/text_lexicon.h"

namespace blockify::text {
namespace {

constexpr size_t kMaxQuotedQuestionBytes = 200;
constexpr size_t kMaxTaskWords = 10;
constexpr size_t kMaxTags = 5;

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (word == w) return true;
  return false;
}

bool has_flag(const ChunkAnalysis& a, size_t s, uint32_t flag) {
  for (size_t t = a.sentences[s].token_begin; t < a.sentences[s].token_end; ++t)
    if (a.flags(t) & flag) return true;
  return false;
}

// Cue words of one sentence, gathered in a single pass over its tokens.
struct Cues {
  uint32_t flags = 0;     // union of the tokens' WordFlag bits
  bool negated = false;   // "do not", "must not"
  bool needed = false;    // "need to", "needs to"
  bool reasoned = false;  // "due to", "so that", "in order"
};

Cues cues_of(const ChunkAnalysis& a, size_t s) {
  Cues cues;
  const size_t end = a.sentences[s].token_end;
  for (size_t t = a.sentences[s].token_begin; t < end; ++t) {
    const uint32_t flags = a.flags(t);
    cues.flags |= flags;
    if (!(flags & kPairCue) || t + 1 >= end) continue;
    const std::string_view word = a.token_lower(t), next = a.token_lower(t + 1);
    if (next == "not" && (word == "do" || word == "must")) cues.negated = true;
    if (next == "to" && (word == "need" || word == "needs")) cues.needed = true;
    if ((word == "due" && next == "to") || (word == "so" && next == "that") ||
        (word == "in" && next == "order"))
      cues.reasoned = true;
  }
  return cues;
}

// Token index of "is"/"are"/"means"/"refers" when the sentence defines its subject.
size_t definition_verb(const ChunkAnalysis& a, size_t s) {
  const SentenceSpan& span = a.sentences[s];
  const size_t b = span.token_begin;
  if (b >= span.token_end || (a.flags(b) & kPronoun)) return 0;
  for (size_t j = b + 1; j < span.token_end && j < b + 7; ++j) {
    if (a.tokens[j].kind == TokenKind::kSymbol) return 0;
    if (!(a.flags(j) & kDefinitionVerb)) continue;
    const std::string_view verb = a.token_lower(j);
    if (verb == "means" || verb == "refers") return j;
    if (j + 1 < span.token_end && (a.flags(j + 1) & kDefinitionNext)) return j;
  }
  return 0;
}

std::string words_between(const ChunkAnalysis& a, size_t first, size_t last) {
  while (last > first + 1 && (a.flags(last - 1) & kStopWord)) --last;  // "... page at"
  const size_t begin = a.tokens[first].begin;
  return collapse_spaces(a.text.substr(begin, a.tokens[last - 1].end - begin));
}

void lower_first_letter(std::string& words) {
  // Only the grammatical capital of a sentence start; names and acronyms stay.
  const size_t space = words.find(' ');
  const std::string_view first = std::string_view(words).substr(0, space);
  if (!first.empty() && !is_all_caps(first)) words[0] = to_lower(words[0]);
}

// "retry a failed job" from "To retry a failed job, ..." or "Click Retry to restart the
// job."; empty when the sentence states no task.
std::string task_of(const ChunkAnalysis& a, size_t s) {
  const SentenceSpan& span = a.sentences[s];
  const size_t b = span.token_begin, e = span.token_end;
  auto clause_end = [&](size_t from) {
    size_t end = from;
    while (end < e && a.tokens[end].kind != TokenKind::kSymbol) ++end;
    return end;
  };
  if (e - b >= 3 && a.token_lower(b) == "to" && a.tokens[b + 1].kind == TokenKind::kWord) {
    const size_t end = clause_end(b + 1);
    if (end < e && a.token_text(end) == "," && end - (b + 1) <= kMaxTaskWords)
      return words_between(a, b + 1, end);
    return "";
  }
  if (!(a.flags(b) & kImperative)) return "";
  for (size_t k = b + 2; k + 1 < e; ++k) {
    if (a.tokens[k].kind == TokenKind::kSymbol) break;
    if (a.token_lower(k) != "to" || a.tokens[k + 1].kind != TokenKind::kWord) continue;
    if (a.flags(k + 1) & kStopWord) break;  // "to the menu" is a place, not a task
    const size_t end = clause_end(k + 1);
    if (end - (k + 1) <= kMaxTaskWords) return words_between(a, k + 1, end);
    break;
  }
  const size_t end = clause_end(b);
  if (end - b < 2 || end - b > kMaxTaskWords) return "";
  std::string task = words_between(a, b, end);
  lower_first_letter(task);
  return task;
}

std::string topic(const KeyPhrase& phrase) {
  if (phrase.proper) return phrase.in_prose;
  const std::string lower = ascii_lower(phrase.in_prose);
  const std::string_view first_word = std::string_view(lower).substr(0, lower.find(' '));
  if (first_word.ends_with("'s") || first_word.ends_with("\xE2\x80\x99s"))
    return phrase.in_prose;  // "Acme's margins"
  if (lower.starts_with("a ") || lower.starts_with("an ") || lower.starts_with("the ")) {
    std::string own = phrase.in_prose;  // the phrase brings its own article
    own[0] = to_lower(own[0]);
    return own;
  }
  return "the " + phrase.in_prose;
}

// "Verifying Binaries" names an activity: "What should you know about verifying binaries?"
bool is_activity_title(const KeyPhrase& phrase) {
  const std::string_view first = std::string_view(phrase.in_prose).substr(0, phrase.in_prose.find(' '));
  return phrase.words >= 2 && is_upper(first[0]) && first.size() > 5 && first.ends_with("ing");
}

std::string about(const KeyPhrase& phrase) {
  std::string title = phrase.in_prose;
  if (is_activity_title(phrase)) title[0] = to_lower(title[0]);
  return "What should you know about " + title + "?";
}

std::string what_is(const KeyPhrase& phrase) {
  // A long section title reads badly after "What is the ...".
  if ((phrase.from_heading && phrase.words > 3) || is_activity_title(phrase)) return about(phrase);
  return (phrase.plural ? "What are " : "What is ") + topic(phrase) + "?";
}

bool mentions(const std::string& sentence, const std::vector<Entity>& entities, std::string_view type) {
  for (const Entity& entity : entities)
    if (entity.type == type && sentence.find(entity.name) != std::string::npos) return true;
  return false;
}

}  // namespace

SentenceKind classify_sentence(const ChunkAnalysis& a, size_t s) {
  const SentenceSpan& span = a.sentences[s];
  if (span.token_end == span.token_begin) return SentenceKind::kStatement;
  const std::string_view last = a.token_text(span.token_end - 1);
  if (last == "?" || a.sentence_text(s).ends_with("?")) return SentenceKind::kQuestion;
  if (definition_verb(a, s) != 0) return SentenceKind::kDefinition;
  const Cues cues = cues_of(a, s);
  if ((cues.flags & kWarningCue) || cues.negated) return SentenceKind::kWarning;
  if ((cues.flags & kRequirementCue) || cues.needed) return SentenceKind::kRequirement;
  const std::string_view opener = a.token_lower(span.token_begin);
  if ((a.flags(span.token_begin) & kImperative) || (opener == "to" && !task_of(a, s).empty()) ||
      span.numbered || (cues.flags & kProcessCue))
    return SentenceKind::kProcess;
  if ((cues.flags & kReasonCue) || cues.reasoned) return SentenceKind::kReason;
  if (cues.flags & kComparisonCue) return SentenceKind::kComparison;
  return SentenceKind::kStatement;
}

std::string critical_question(const ChunkAnalysis& a, size_t s, SentenceKind kind, const KeyPhrase& phrase,
                              const std::vector<Entity>& entities) {
  const SentenceSpan& span = a.sentences[s];
  switch (kind) {
    case SentenceKind::kQuestion: {
      std::string question = collapse_spaces(a.sentence_text(s));
      if (question.size() <= kMaxQuotedQuestionBytes && question.ends_with("?") && is_upper(question[0]) &&
          span.complete && span.token_end - span.token_begin >= 4)
        return question;
      break;
    }
    case SentenceKind::kDefinition: {
      const size_t verb = definition_verb(a, s);
      std::string subject = words_between(a, span.token_begin, verb);
      if (one_of(a.token_lower(span.token_begin), {"the", "a", "an", "every", "each", "our", "your"}))
        lower_first_letter(subject);
      const std::string_view v = a.token_lower(verb);
      if (v == "means") return "What does " + subject + " mean?";
      if (v == "refers") return "What does " + subject + " refer to?";
      return (v == "are" ? "What are " : "What is ") + subject + "?";
    }
    case SentenceKind::kProcess: {
      const std::string task = task_of(a, s);
      if (!task.empty()) return "How do you " + task + "?";
      if (span.numbered) return "What are the steps for " + topic(phrase) + "?";
      if (is_activity_title(phrase)) return about(phrase);
      return (phrase.plural ? "How do " : "How does ") + topic(phrase) + " work?";
    }
    case SentenceKind::kWarning:
      return "What should you avoid with " + topic(phrase) + "?";
    case SentenceKind::kRequirement:
      return "What is required for " + topic(phrase) + "?";
    case SentenceKind::kReason:
      return "What is the reason for " + topic(phrase) + "?";
    case SentenceKind::kComparison:
      if (phrase.proper) break;  // "How does Jane Smith compare?" asks the wrong thing
      return (phrase.plural ? "How do " : "How does ") + topic(phrase) + " compare?";
    case SentenceKind::kStatement:
      break;
  }
  const std::string sentence = collapse_spaces(a.sentence_text(s));
  if (mentions(sentence, entities, "METRIC")) return "What are the key figures for " + topic(phrase) + "?";
  if (mentions(sentence, entities, "DATE")) return "What is the timeline for " + topic(phrase) + "?";
  if (mentions(sentence, entities, "PERSON")) return "Who is involved in " + topic(phrase) + "?";
  return what_is(phrase);
}

std::vector<std::string> block_tags(const ChunkAnalysis& a, const std::vector<size_t>& group,
                                    const std::vector<SentenceKind>& kinds,
                                    const std::vector<Entity>& entities) {
  // Which kinds of sentence the group holds, how many numbered items, whether a note cue.
  std::array<bool, static_cast<size_t>(SentenceKind::kStatement) + 1> holds{};
  size_t list_items = 0;
  bool note = false;
  for (size_t s : group) {
    holds[static_cast<size_t>(kinds[s])] = true;
    if (a.sentences[s].numbered) ++list_items;
    if (has_flag(a, s, kNoteCue)) note = true;
  }
  auto has_kind = [&](SentenceKind kind) { return holds[static_cast<size_t>(kind)]; };
  auto has_type = [&](std::string_view type) {
    for (const Entity& e : entities)
      if (e.type == type) return true;
    return false;
  };
  std::vector<std::string> tags;
  auto add = [&](bool on, const char* tag) {
    if (on && tags.size() < kMaxTags) tags.emplace_back(tag);
  };
  add(has_kind(SentenceKind::kWarning) || has_kind(SentenceKind::kRequirement) || note, "IMPORTANT");
  add(has_kind(SentenceKind::kWarning), "WARNING");
  add(has_kind(SentenceKind::kProcess) || list_items >= 2, "PROCESS");
  add(has_kind(SentenceKind::kDefinition), "DEFINITION");
  add(has_type("METRIC"), "METRIC");
  add(has_type("TECHNOLOGY"), "TECHNOLOGY");
  add(has_type("DATE"), "TIMELINE");
  add(has_type("PERSON"), "PEOPLE");
  add(has_type("ORGANIZATION"), "ORGANIZATION");
  add(has_type("LOCATION"), "LOCATION");
  add(has_kind(SentenceKind::kComparison), "COMPARISON");
  add(has_kind(SentenceKind::kQuestion), "FAQ");
  if (tags.empty()) tags.emplace_back("INFORMATION");
  return tags;
}

}  // namespace blockify::text
