// The offline blockifier assembles each IdeaBlock from one idea (a group of consecutive
// sentences): the key phrase names it, the sentence type of its most salient sentence
// picks the question, and the answer quotes 1–3 sentences word for word, so nothing in
// a block is invented. Besides empty and whitespace-only chunks, a chunk with no word a
// name can be made of (only symbols, emoji, or tokens longer than 40 bytes such as
// hashes) yields no blocks.
#include "engine/pipeline/text/blockify_offline.h"

#include <algorithm>
#include <exception>

#include "engine/pipeline/text/text_analysis.h"
#include "engine/pipeline/text/text_entities.h"
#include "engine/pipeline/text/text_ideas.h"
#include "engine/pipeline/text/text_keywords.h"
#include "engine/pipeline/text/text_questions.h"

namespace blockify {
namespace {

constexpr size_t kMaxAnswerBytes = 500;
constexpr size_t kMaxEntities = 12;

std::vector<Entity> group_entities(const text::ChunkAnalysis& a, const std::vector<size_t>& group) {
  std::vector<Entity> found;
  found.reserve(4 * kMaxEntities);
  for (size_t s : group) {
    if (found.size() >= 3 * kMaxEntities) break;  // enough to fill the block after de-duplication
    text::find_entities(a, s, found);
  }
  std::vector<Entity> unique;
  unique.reserve(kMaxEntities);
  for (Entity& entity : found) {
    if (unique.size() >= kMaxEntities) break;
    const bool seen = std::any_of(unique.begin(), unique.end(), [&](const Entity& e) {
      return text::equal_ignoring_case(e.name, entity.name);
    });
    if (!seen) unique.push_back(std::move(entity));
  }
  return unique;
}

// The quoted sentence the question is about: a definition or a question in the text
// asks it best; otherwise the most salient sentence.
size_t question_sentence(const std::vector<size_t>& quoted, const std::vector<text::SentenceKind>& kinds) {
  for (text::SentenceKind preferred : {text::SentenceKind::kDefinition, text::SentenceKind::kQuestion})
    for (size_t s : quoted)
      if (kinds[s] == preferred) return s;
  return quoted.front();
}

std::vector<IdeaBlock> blockify(std::string_view chunk_text) {
  std::vector<IdeaBlock> blocks;
  const text::ChunkAnalysis a = text::analyse_chunk(chunk_text);
  if (a.sentences.empty()) return blocks;
  const std::vector<double> salience = text::sentence_salience(a);
  std::vector<text::SentenceKind> kinds;
  kinds.reserve(a.sentences.size());
  for (size_t s = 0; s < a.sentences.size(); ++s) kinds.push_back(text::classify_sentence(a, s));

  std::vector<std::string> used_names;
  std::vector<size_t> quoted;
  for (const std::vector<size_t>& group : text::group_ideas(a)) {
    const text::KeyPhrase phrase = text::best_key_phrase(a, group, used_names);
    if (phrase.name.empty()) continue;  // only symbols and emoji: nothing to name
    used_names.push_back(phrase.name);
    IdeaBlock block;
    block.name = text::title_case(phrase.name);
    block.trusted_answer = text::trusted_answer(a, group, salience, kMaxAnswerBytes, &quoted);
    block.entities = group_entities(a, group);
    const size_t asked = question_sentence(quoted, kinds);
    block.critical_question = text::critical_question(a, asked, kinds[asked], phrase, block.entities);
    block.keywords = text::block_keywords(a, group);
    block.tags = text::block_tags(a, group, kinds, block.entities);
    // Every block names at least its own subject, so entity search always finds it.
    if (block.entities.empty()) block.entities.push_back(Entity{block.name, "CONCEPT"});
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace

std::vector<IdeaBlock> blockify_offline(std::string_view chunk_text) {
  try {
    return blockify(chunk_text);
  } catch (const std::exception&) {
    // Only allocation can fail here; a chunk without blocks is reported by the caller.
    return {};
  }
}

}  // namespace blockify
