// Distill: which blocks merge, which block represents a cluster, and what it carries.
#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/pipeline/text/distill.h"

using namespace blockify;

namespace {

// `count` made-up words, different for every `salt`, so blocks share no shingles unless
// a test makes them.
std::vector<std::string> words(size_t count, uint32_t salt) {
  std::mt19937 rng(salt);
  const char* syllables[] = {"ka", "lo", "mi", "ter", "vos", "an", "ru", "pel", "dis", "ob", "nu", "gra"};
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    std::string word;
    for (int s = 0; s < 3; ++s) word += syllables[rng() % 12];
    out.push_back(word + std::to_string(salt) + "x" + std::to_string(i));
  }
  return out;
}

std::string sentence(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& w : list) out += (out.empty() ? "" : " ") + w;
  return out + ".";
}

IdeaBlock block(const std::string& name, const std::string& answer) {
  IdeaBlock b;
  b.name = name;
  b.critical_question = "What does " + name + " say?";
  b.trusted_answer = answer;
  return b;
}

}  // namespace

TEST_CASE("distill merges exact duplicates and leaves a different block alone") {
  const std::string answer = sentence(words(40, 1));
  std::vector<IdeaBlock> blocks = {block("Retry Policy", answer), block("Backups", sentence(words(40, 2))),
                                   block("Retry Policy", answer)};
  const DistillResult result = distill(blocks);
  REQUIRE(result.representative.size() == 3);
  CHECK(result.representative[0] == 0);
  CHECK(result.representative[2] == 0);
  CHECK(result.representative[1] == 1);
  CHECK(result.clusters == 2);
}

TEST_CASE("distill merges near-duplicates (one word changed in a 40-word answer) at threshold 0.8") {
  std::vector<std::string> answer = words(40, 3);
  std::vector<IdeaBlock> blocks = {block("Retry Policy", sentence(answer))};
  answer[20] = "different";
  blocks.push_back(block("Retry Policy", sentence(answer)));
  blocks.push_back(block("Unrelated", sentence(words(40, 4))));
  const DistillResult result = distill(blocks, DistillOptions{.threshold = 0.8});
  CHECK(result.representative[1] == result.representative[0]);
  CHECK(result.representative[2] == 2);
  CHECK(result.clusters == 2);
}

TEST_CASE("distill ignores case and punctuation when comparing text") {
  std::vector<IdeaBlock> blocks = {
      block("Retry", "Hello, World! The job restarts -- from the beginning; with care."),
      block("retry", "hello world the JOB restarts from the beginning with care")};
  blocks[1].critical_question = "What does Retry say?";
  const DistillResult result = distill(blocks, DistillOptions{.threshold = 1.0});
  CHECK(result.representative[1] == 0);
}

TEST_CASE("distill keeps unrelated blocks apart") {
  std::vector<IdeaBlock> blocks;
  for (uint32_t i = 0; i < 200; ++i)
    blocks.push_back(block("Topic " + std::to_string(i), sentence(words(40, 100 + i))));
  const DistillResult result = distill(blocks);
  CHECK(result.clusters == 200);
  for (size_t i = 0; i < blocks.size(); ++i) CHECK(result.representative[i] == i);
}

TEST_CASE("distill's threshold follows the blocks' real similarity") {
  // 60 words each, the first 45 shared: Jaccard of 3-word shingles is about 0.6.
  const std::vector<std::string> shared = words(45, 5);
  std::vector<std::string> a = shared, b = shared;
  for (const auto& w : words(15, 6)) a.push_back(w);
  for (const auto& w : words(15, 7)) b.push_back(w);
  std::vector<IdeaBlock> blocks = {IdeaBlock{}, IdeaBlock{}};
  blocks[0].trusted_answer = sentence(a);
  blocks[1].trusted_answer = sentence(b);

  std::vector<IdeaBlock> copy = blocks;
  CHECK(distill(copy, DistillOptions{.threshold = 0.8}).clusters == 2);
  copy = blocks;
  CHECK(distill(copy, DistillOptions{.threshold = 0.45}).clusters == 1);
}

TEST_CASE("distill at threshold 1.0 merges only identical text") {
  std::vector<std::string> answer = words(200, 8);
  std::vector<IdeaBlock> blocks = {block("Long", sentence(answer)), block("Long", sentence(answer))};
  answer[100] = "changed";
  blocks.push_back(block("Long", sentence(answer)));

  std::vector<IdeaBlock> strict = blocks;
  const DistillResult exact = distill(strict, DistillOptions{.threshold = 1.0});
  CHECK(exact.representative[1] == 0);
  CHECK(exact.representative[2] == 2);
  CHECK(exact.clusters == 2);

  // The same one-word change is merged at the default threshold.
  std::vector<IdeaBlock> loose = blocks;
  CHECK(distill(loose).clusters == 1);
}

TEST_CASE("distill treats blocks too short for a shingle as duplicates only of identical text") {
  std::vector<IdeaBlock> blocks(6);
  blocks[0].name = "???";
  blocks[1].name = "???";
  blocks[2].name = "!!!";
  blocks[3].name = "Ok";
  blocks[4].name = "ok";
  blocks[5].name = "Ko";
  const DistillResult result = distill(blocks);
  CHECK(result.representative[1] == 0);
  CHECK(result.representative[2] == 2);
  CHECK(result.representative[4] == 3);
  CHECK(result.representative[5] == 5);
  CHECK(result.clusters == 4);
}

TEST_CASE("distill picks the most complete block as representative") {
  const std::vector<std::string> base = words(40, 9);
  std::vector<std::string> longer = base;
  longer.push_back("additionally");

  SUBCASE("the longest trusted answer wins") {
    std::vector<IdeaBlock> blocks = {block("A", sentence(base)), block("A", sentence(longer)),
                                     block("A", sentence(base))};
    blocks[0].keywords = {"many", "keywords", "here"};
    const DistillResult result = distill(blocks);
    CHECK(result.representative == std::vector<size_t>{1, 1, 1});
    CHECK(result.clusters == 1);
  }
  SUBCASE("on equal answers, the most keywords and entities win") {
    std::vector<IdeaBlock> blocks = {block("A", sentence(base)), block("A", sentence(base)),
                                     block("A", sentence(base))};
    blocks[1].keywords = {"one"};
    blocks[2].keywords = {"one"};
    blocks[2].entities = {{"ACME", "ORGANIZATION"}};
    CHECK(distill(blocks).representative == std::vector<size_t>{2, 2, 2});
  }
  SUBCASE("on a full tie, the first block wins") {
    std::vector<IdeaBlock> blocks = {block("Other", sentence(words(40, 10))), block("A", sentence(base)),
                                     block("A", sentence(base))};
    CHECK(distill(blocks).representative == std::vector<size_t>{0, 1, 1});
  }
}

TEST_CASE("distill gives the representative the cluster's keywords, tags and entities without duplicates") {
  const std::string answer = sentence(words(40, 11));
  std::vector<IdeaBlock> blocks = {block("A", answer), block("A", answer + " extra words here"),
                                   block("A", answer)};
  blocks[0].keywords = {"retry", "job"};
  blocks[0].tags = {"IMPORTANT"};
  blocks[0].entities = {{"BLOCKIFY", "PRODUCT"}};
  blocks[1].keywords = {"job", "backoff", "job"};
  blocks[1].tags = {"PROCESS"};
  blocks[1].entities = {{"ACME", "ORGANIZATION"}};
  blocks[2].keywords = {"Retry", "queue"};
  blocks[2].tags = {"PROCESS", "TECHNICAL"};
  blocks[2].entities = {{"BLOCKIFY", "PRODUCT"}, {"Jane", "PERSON"}};

  const DistillResult result = distill(blocks);
  REQUIRE(result.representative == std::vector<size_t>{1, 1, 1});
  // The representative's own items first, then the others' in block order.
  CHECK(blocks[1].keywords == std::vector<std::string>{"job", "backoff", "retry", "queue"});
  CHECK(blocks[1].tags == std::vector<std::string>{"PROCESS", "IMPORTANT", "TECHNICAL"});
  CHECK(blocks[1].entities ==
        std::vector<Entity>{{"ACME", "ORGANIZATION"}, {"BLOCKIFY", "PRODUCT"}, {"Jane", "PERSON"}});
  // Members keep their own lists; callers mark them merged.
  CHECK(blocks[0].keywords == std::vector<std::string>{"retry", "job"});
  CHECK(blocks[2].tags == std::vector<std::string>{"PROCESS", "TECHNICAL"});
}

TEST_CASE("distill gives the same answer every time, also when it runs on several threads") {
  // Enough blocks to be split across threads, a third of them near-copies of others.
  std::vector<IdeaBlock> blocks;
  std::mt19937 rng(42);
  for (uint32_t i = 0; i < 9000; ++i) {
    if (i % 3 == 2) {
      IdeaBlock copy = blocks[rng() % blocks.size()];
      copy.trusted_answer += " also";
      copy.keywords.push_back("k" + std::to_string(i));
      blocks.push_back(copy);
    } else {
      IdeaBlock b = block("T" + std::to_string(i), sentence(words(25, 1000 + i)));
      b.keywords = {"k" + std::to_string(i)};
      blocks.push_back(b);
    }
  }
  std::vector<IdeaBlock> first = blocks, second = blocks;
  const DistillResult a = distill(first);
  const DistillResult b = distill(second);
  CHECK(a.representative == b.representative);
  CHECK(a.clusters == b.clusters);
  CHECK(a.clusters == 6000);
  bool same_lists = true;
  for (size_t i = 0; i < first.size(); ++i)
    same_lists = same_lists && first[i].keywords == second[i].keywords;
  CHECK(same_lists);
}

TEST_CASE("distill honours other permutation counts, shingle sizes and low thresholds") {
  std::vector<IdeaBlock> blocks;
  for (uint32_t i = 0; i < 100; ++i)
    blocks.push_back(block("Topic " + std::to_string(i), sentence(words(30, 300 + i))));
  std::vector<std::string> half = words(30, 300);
  half.resize(15);
  for (const auto& w : words(15, 299)) half.push_back(w);
  blocks.push_back(block("Topic 0", sentence(half)));  // shares about half its words with block 0
  blocks.push_back(blocks[5]);

  for (const DistillOptions options :
       {DistillOptions{.threshold = 0.3, .permutations = 50, .shingle_words = 1},
        DistillOptions{.threshold = 0.3, .permutations = 200, .shingle_words = 2},
        DistillOptions{.threshold = 0.95, .permutations = 24, .shingle_words = 5}}) {
    CAPTURE(options.permutations);
    std::vector<IdeaBlock> copy = blocks;
    const DistillResult result = distill(copy, options);
    CHECK(result.representative[101] == 5);
    CHECK((result.representative[100] == result.representative[0]) == (options.threshold < 0.5));
    CHECK(result.clusters == (options.threshold < 0.5 ? 100u : 101u));
  }
}

TEST_CASE("distill of no blocks finds no clusters") {
  std::vector<IdeaBlock> blocks;
  const DistillResult result = distill(blocks);
  CHECK(result.clusters == 0);
  CHECK(result.representative.empty());
}
