// Offline blockifier: every block a user sees is well formed (name, question, answer,
// keywords, tags, entities), the output is deterministic, and rule-based entity typing
// recognises the everyday cases.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/pipeline/text/blockify_offline.h"
#include "engine/pipeline/text/chunk.h"

namespace {

using blockify::blockify_offline;
using blockify::Entity;
using blockify::IdeaBlock;

const char* kManual =
    "Retry Policy\n\n"
    "When a job fails, Blockify Desktop keeps the error, the failed stage and the partial results. "
    "To retry a failed job, click Retry in the job row. The job returns to Pending and enters the "
    "queue again. Retry is allowed only from Failed or Cancelled.\n\n"
    "Automatic Retries\n\n"
    "Transient failures such as endpoint timeouts are retried automatically with exponential backoff. "
    "The first retry waits 2 seconds and the delay doubles up to 5 attempts. You must keep the "
    "endpoint reachable, otherwise the job fails again.\n\n"
    "Chunk Size\n\n"
    "A chunk is a piece of extracted text of about 2,000 characters. Chunks overlap by 10% so that "
    "ideas spanning a boundary are not lost. The chunk size can be set between 1,000 and 4,000 "
    "characters.\n";

bool is_small_word(const std::string& w) {
  static const std::set<std::string> small = {"a",    "an",   "the", "and", "or",  "but", "nor",
                                              "of",   "for",  "to",  "in",  "on",  "at",  "by",
                                              "with", "from", "as",  "vs",  "via", "per", "into"};
  return small.count(w) != 0;
}

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> words;
  std::string word;
  for (char c : s) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string collapse(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool valid_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
    if (extra == 9 || i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += extra + 1;
  }
  return true;
}

// Returns a description of the first malformed field, or "" when the block is fine.
std::string malformed(const IdeaBlock& b, const std::string& source, bool expect_five_keywords = true) {
  static const std::set<std::string> stop = {"the", "and", "of",   "is",   "to",
                                             "a",   "in",  "that", "with", "for"};
  static const std::set<std::string> types = {"PRODUCT", "ORGANIZATION", "PERSON", "METRIC", "TECHNOLOGY",
                                              "CONCEPT", "LOCATION",     "DATE",   "OTHER"};
  const std::string text = lower(collapse(source));
  const auto name_words = words_of(b.name);
  if (name_words.size() < 2 || name_words.size() > 6) return "name '" + b.name + "' is not 2-6 words";
  for (size_t k = 0; k < name_words.size(); ++k) {
    const char first = name_words[k][0];
    const bool middle = k > 0 && k + 1 < name_words.size();
    if (first >= 'a' && first <= 'z' && !(middle && is_small_word(name_words[k])))
      return "name '" + b.name + "' is not Title Case";
    if (text.find(lower(name_words[k])) == std::string::npos)
      return "name word '" + name_words[k] + "' is not from the text";
  }
  const std::string& q = b.critical_question;
  if (q.size() < 8 || q.back() != '?' || !(q[0] >= 'A' && q[0] <= 'Z') || q.find("??") != std::string::npos)
    return "question '" + q + "' is not a question";
  if (b.trusted_answer.empty() || b.trusted_answer.size() > 500) return "answer empty or over 500 bytes";
  if (!valid_utf8(b.trusted_answer)) return "answer is not valid UTF-8";
  // Quoted sentences need not be adjacent, so check the start of the first one.
  size_t first_stop = b.trusted_answer.size();
  for (const char* stop_mark : {". ", "? ", "! "})
    first_stop = std::min(first_stop, b.trusted_answer.find(stop_mark));
  const std::string opening = lower(b.trusted_answer.substr(0, std::min<size_t>(40, first_stop)));
  if (text.find(opening) == std::string::npos)
    return "answer '" + b.trusted_answer + "' is not quoted from the text";
  if (b.keywords.size() > 15 || (expect_five_keywords && b.keywords.size() < 5))
    return "keyword count " + std::to_string(b.keywords.size());
  for (const auto& k : b.keywords) {
    if (k != lower(k) || stop.count(k) || k.empty())
      return "keyword '" + k + "' is upper case, empty or a stop word";
    if (text.find(k) == std::string::npos) return "keyword '" + k + "' is not in the text";
  }
  if (b.tags.empty()) return "no tags";
  for (const auto& t : b.tags)
    for (char c : t)
      if (!(c >= 'A' && c <= 'Z') && c != '_') return "tag '" + t + "' is not upper case";
  if (b.entities.empty()) return "no entities";
  for (const auto& e : b.entities)
    if (e.name.empty() || !types.count(e.type)) return "entity '" + e.name + "' has type '" + e.type + "'";
  return "";
}

std::vector<Entity> all_entities(const std::vector<IdeaBlock>& blocks) {
  std::vector<Entity> out;
  for (const auto& b : blocks) out.insert(out.end(), b.entities.begin(), b.entities.end());
  return out;
}

bool has_entity(const std::vector<IdeaBlock>& blocks, const std::string& name, const std::string& type) {
  for (const auto& e : all_entities(blocks))
    if (e.name == name && e.type == type) return true;
  return false;
}

std::string random_prose(std::mt19937& rng) {
  static const std::vector<std::string> words = {
      "job",  "dataset", "retry", "chunk", "export", "worker", "queue", "endpoint", "failure",
      "the",  "a",       "of",    "and",   "to",     "is",     "with",  "when",     "Acme",
      "Corp", "Python",  "2024",  "45%",   "200",    "ms",     "March", "5,",       "Berlin",
      "in",   "Dr.",     "Jane",  "Smith", "café",   "日本",   "click", "open",     "never",
      "must", "because", "than",  "step",  "Retry",  "Policy", "🙂"};
  std::string text;
  const int paragraphs = 1 + static_cast<int>(rng() % 5);
  for (int p = 0; p < paragraphs; ++p) {
    if (rng() % 3 == 0) text += "Section " + words[rng() % 9] + "\n\n";
    const int sentences = 1 + static_cast<int>(rng() % 6);
    for (int s = 0; s < sentences; ++s) {
      if (rng() % 5 == 0) text += std::to_string(s + 1) + ". ";
      const int count = 6 + static_cast<int>(rng() % 18);
      std::string sentence;
      for (int w = 0; w < count; ++w) sentence += (w ? " " : "") + words[rng() % words.size()];
      sentence[0] =
          static_cast<char>(sentence[0] >= 'a' && sentence[0] <= 'z' ? sentence[0] - 32 : sentence[0]);
      text += sentence + (rng() % 7 == 0 ? "?" : ".") + (rng() % 4 == 0 ? "\n" : " ");
    }
    text += "\n\n";
  }
  return text;
}

}  // namespace

TEST_CASE("empty and whitespace-only chunks give no blocks") {
  CHECK(blockify_offline("").empty());
  CHECK(blockify_offline("   \n\n\t  \r\n ").empty());
  CHECK(blockify_offline("🙂 🙂 —").empty());  // nothing to name
}

TEST_CASE("a manual section gives one well-formed block per idea") {
  const auto blocks = blockify_offline(kManual);
  REQUIRE(blocks.size() == 3);
  std::set<std::string> names;
  for (const auto& b : blocks) {
    INFO("block " << b.name);
    CHECK(malformed(b, kManual) == "");
    names.insert(b.name);
  }
  CHECK(names == std::set<std::string>{"Retry Policy", "Automatic Retries", "Chunk Size"});
  CHECK(blocks[0].critical_question == "How do you retry a failed job?");
  CHECK(blocks[0].trusted_answer.find("To retry a failed job, click Retry in the job row.") !=
        std::string::npos);
  CHECK(blocks[2].critical_question == "What is a chunk?");
  CHECK(std::count(blocks[1].tags.begin(), blocks[1].tags.end(), "IMPORTANT") == 1);
  CHECK(std::count(blocks[2].tags.begin(), blocks[2].tags.end(), "DEFINITION") == 1);
  CHECK(std::count(blocks[2].tags.begin(), blocks[2].tags.end(), "METRIC") == 1);
  CHECK(std::find(blocks[2].keywords.begin(), blocks[2].keywords.end(), "chunk") != blocks[2].keywords.end());
}

TEST_CASE("numbered steps are tagged as a process") {
  const std::string steps =
      "Installing the app\n\n"
      "1. Download the installer from the releases page.\n"
      "2. Run the installer and accept the license agreement.\n"
      "3. Open the application and drop your PDF documents on the window.\n";
  const auto blocks = blockify_offline(steps);
  REQUIRE(blocks.size() == 1);
  CHECK(malformed(blocks[0], steps) == "");
  CHECK(blocks[0].name == "Installing the App");
  CHECK(std::count(blocks[0].tags.begin(), blocks[0].tags.end(), "PROCESS") == 1);
  CHECK(blocks[0].critical_question.rfind("How do you ", 0) == 0);
}

TEST_CASE("a chunk of one sentence gives one block quoting it") {
  const std::string sentence =
      "The export writes every dataset to JSONL files after checking free disk space.";
  const auto blocks = blockify_offline(sentence);
  REQUIRE(blocks.size() == 1);
  CHECK(malformed(blocks[0], sentence) == "");
  CHECK(blocks[0].trusted_answer == sentence);
}

TEST_CASE("an answer quotes one to three whole sentences of its idea") {
  const std::string paragraph =
      "The queue holds pending jobs. Workers take jobs from the queue in order. A worker runs one job "
      "at a time. Each job records its progress. The queue survives a restart. Cancelled jobs leave "
      "the queue at once.";
  const auto blocks = blockify_offline(paragraph);
  REQUIRE(blocks.size() == 1);
  const std::string& answer = blocks[0].trusted_answer;
  const auto sentences = std::count(answer.begin(), answer.end(), '.');
  CHECK(sentences >= 1);
  CHECK(sentences <= 3);
  for (const char* sentence : {"The queue holds pending jobs.", "Workers take jobs from the queue in order.",
                               "A worker runs one job at a time.", "Each job records its progress.",
                               "The queue survives a restart.", "Cancelled jobs leave the queue at once."}) {
    const auto at = answer.find(sentence);
    if (at != std::string::npos) CHECK((at == 0 || answer[at - 1] == ' '));  // whole sentences only
  }
}

TEST_CASE("answers stay within 500 bytes and are cut at a word boundary") {
  std::string longest = "The retry queue";
  for (int i = 0; i < 120; ++i) longest += " keeps job number " + std::to_string(i) + " waiting";
  longest += ".";
  const auto blocks = blockify_offline(longest);
  REQUIRE(blocks.size() == 1);
  const std::string& answer = blocks[0].trusted_answer;
  CHECK(answer.size() <= 500);
  REQUIRE(answer.ends_with("\xE2\x80\xA6"));
  const std::string kept = answer.substr(0, answer.size() - 3);
  CHECK(longest.rfind(kept, 0) == 0);  // a prefix of the sentence
  CHECK(longest[kept.size()] == ' ');  // that ends at a word boundary
  std::string glued;
  for (int i = 0; i < 400; ++i) glued += "日本é";  // no spaces at all
  const auto glued_blocks = blockify_offline("Glued text " + glued + ".");
  REQUIRE(!glued_blocks.empty());
  CHECK(glued_blocks[0].trusted_answer.size() <= 500);
  CHECK(valid_utf8(glued_blocks[0].trusted_answer));
  // A chunk of endless tokens (hashes, base64) has no words to name an idea by.
  CHECK(blockify_offline(std::string(5000, 'x') + " " + std::string(3000, 'y')).empty());
}

TEST_CASE("the same chunk always gives the same blocks") {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 20; ++trial) {
    const std::string text = random_prose(rng);
    const auto first = blockify_offline(text);
    const auto second = blockify_offline(text);
    REQUIRE(first.size() == second.size());
    for (size_t i = 0; i < first.size(); ++i) {
      CHECK(first[i].name == second[i].name);
      CHECK(first[i].critical_question == second[i].critical_question);
      CHECK(first[i].trusted_answer == second[i].trusted_answer);
      CHECK(first[i].keywords == second[i].keywords);
      CHECK(first[i].tags == second[i].tags);
      CHECK(first[i].entities == second[i].entities);
    }
  }
}

TEST_CASE("entities are typed by rule") {
  // One sentence per call: a block keeps at most 12 entities.
  std::vector<IdeaBlock> blocks;
  for (const char* sentence :
       {"The report was published on March 5, 2024 by Dr. Jane Smith of Acme Corp.",
        "Revenue grew 45% in Germany and the PDF export now takes 200 ms on Linux.",
        "According to Mary Johnson, the team in Lisbon shipped Blockify 2.0 on 2024-06-30.",
        "NASA and the University of Leeds tested the API.",
        "The company opened a data center in Frankfurt in September, said Acme's chief executive."}) {
    const auto found = blockify_offline(sentence);
    REQUIRE(found.size() == 1);
    blocks.push_back(found[0]);
  }
  CHECK(has_entity(blocks, "March 5, 2024", "DATE"));
  CHECK(has_entity(blocks, "2024-06-30", "DATE"));
  CHECK(has_entity(blocks, "Dr. Jane Smith", "PERSON"));
  CHECK(has_entity(blocks, "Mary Johnson", "PERSON"));
  CHECK(has_entity(blocks, "Acme Corp", "ORGANIZATION"));
  CHECK(has_entity(blocks, "University of Leeds", "ORGANIZATION"));
  CHECK(has_entity(blocks, "NASA", "ORGANIZATION"));
  CHECK(has_entity(blocks, "45%", "METRIC"));
  CHECK(has_entity(blocks, "200 ms", "METRIC"));
  CHECK(has_entity(blocks, "PDF", "TECHNOLOGY"));
  CHECK(has_entity(blocks, "Linux", "TECHNOLOGY"));
  CHECK(has_entity(blocks, "API", "TECHNOLOGY"));
  CHECK(has_entity(blocks, "Germany", "LOCATION"));
  CHECK(has_entity(blocks, "Lisbon", "LOCATION"));
  CHECK(has_entity(blocks, "Blockify 2.0", "PRODUCT"));
  CHECK(has_entity(blocks, "Frankfurt", "LOCATION"));  // "in <Capitalised>", not on the list
  CHECK(has_entity(blocks, "September", "DATE"));
  // Plain words and sentence openers are not entities.
  for (const auto& e : all_entities(blocks)) {
    CHECK(e.name != "The");
    CHECK(e.name != "Revenue");
    CHECK(e.name != "Acme's");  // a possessive names Acme
  }
}

TEST_CASE("questions follow the sentence type") {
  CHECK(blockify_offline("A dataset is a named collection of IdeaBlocks kept by the app.")[0]
            .critical_question == "What is a dataset?");
  CHECK(blockify_offline("To cancel a running job, press Cancel in the job row.")[0].critical_question ==
        "How do you cancel a running job?");
  const auto warning = blockify_offline("Never delete the dataset folder while an export job is running.");
  CHECK(warning[0].critical_question.rfind("What should you avoid", 0) == 0);
  CHECK(std::count(warning[0].tags.begin(), warning[0].tags.end(), "WARNING") == 1);
  const auto asked = blockify_offline("How long does a retry wait before the next attempt starts?");
  CHECK(asked[0].critical_question == "How long does a retry wait before the next attempt starts?");
}

TEST_CASE("blocks are well formed on varied generated text and on real chunks") {
  std::mt19937 rng(7);
  size_t total_blocks = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const std::string text = random_prose(rng);
    const auto blocks = blockify_offline(text);
    INFO("trial " << trial << ": " << text);
    CHECK(!blocks.empty());
    CHECK(blocks.size() <= 5);
    std::set<std::string> names;
    for (const auto& b : blocks) {
      CHECK(malformed(b, text) == "");
      names.insert(lower(b.name));
    }
    CHECK(names.size() == blocks.size());  // no two ideas of a chunk share a name
    total_blocks += blocks.size();
  }
  CHECK(total_blocks > 150);
  // Chunks cut by the chunker start and end mid-sentence; blocks must still be sound.
  std::string corpus;
  for (int i = 0; i < 12; ++i) corpus += kManual;
  for (const auto& chunk : blockify::chunk_text(corpus, {700, 70})) {
    const auto blocks = blockify_offline(chunk.text);
    CHECK(!blocks.empty());
    for (const auto& b : blocks) CHECK(malformed(b, chunk.text) == "");
  }
}

TEST_CASE("Markdown links and emphasis read as plain text in answers") {
  const std::string markdown =
      "Support\n\n"
      "The [installation guide](https://example.com/install) explains every option. "
      "The **offline backend** works without a network connection and keeps `settings.json` local.\n\n"
      "- [Release notes](#release-notes)\n"
      "- [Known issues](#known-issues)\n";
  const auto blocks = blockify_offline(markdown);
  REQUIRE(!blocks.empty());
  for (const auto& b : blocks) {
    INFO("answer: " << b.trusted_answer);
    CHECK(b.trusted_answer.find("](") == std::string::npos);
    CHECK(b.trusted_answer.find("**") == std::string::npos);
    CHECK(b.trusted_answer.find('`') == std::string::npos);
    // A bulleted list of links is not a procedure.
    CHECK(std::count(b.tags.begin(), b.tags.end(), "PROCESS") == 0);
  }
  CHECK(blocks[0].trusted_answer.find("The installation guide explains every option.") != std::string::npos);
}

TEST_CASE("workers can blockify in parallel and get the same blocks") {
  std::string corpus;
  for (int i = 0; i < 6; ++i) corpus += kManual;
  const auto chunks = blockify::chunk_text(corpus, {600, 60});
  std::vector<std::vector<IdeaBlock>> expected;
  for (const auto& chunk : chunks) expected.push_back(blockify_offline(chunk.text));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      for (size_t i = 0; i < chunks.size(); ++i) {
        const auto blocks = blockify_offline(chunks[i].text);
        if (blocks.size() != expected[i].size()) {
          ++mismatches[static_cast<size_t>(w)];
          continue;
        }
        for (size_t b = 0; b < blocks.size(); ++b)
          if (blocks[b].name != expected[i][b].name ||
              blocks[b].trusted_answer != expected[i][b].trusted_answer ||
              blocks[b].entities != expected[i][b].entities)
            ++mismatches[static_cast<size_t>(w)];
      }
    });
  }
  for (auto& worker : workers) worker.join();
  CHECK(mismatches == std::vector<int>(4, 0));
}
