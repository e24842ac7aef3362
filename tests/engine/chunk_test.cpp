// Chunk stage: property checks over many generated texts (fixed seed) plus examples of
// where the cuts land. The invariants checked here are the ones chunk.cpp promises.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/pipeline/text/chunk.h"

namespace {

using blockify::Chunk;
using blockify::chunk_text;
using blockify::ChunkOptions;

// An independent UTF-8 decoder, so the test does not trust the engine's own checker.
bool valid_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned c = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    unsigned code = 0;
    if (c < 0x80)
      extra = 0, code = c;
    else if ((c >> 5) == 0x6)
      extra = 1, code = c & 0x1F;
    else if ((c >> 4) == 0xE)
      extra = 2, code = c & 0x0F;
    else if ((c >> 3) == 0x1E)
      extra = 3, code = c & 0x07;
    else
      return false;
    if (i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      unsigned b = static_cast<unsigned char>(s[i + k]);
      if ((b >> 6) != 0x2) return false;
      code = (code << 6) | (b & 0x3F);
    }
    static const unsigned kMin[] = {0, 0x80, 0x800, 0x10000};
    if (code < kMin[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

size_t effective_size(const ChunkOptions& o) { return std::max<size_t>(o.size, 4); }
size_t effective_overlap(const ChunkOptions& o) {
  size_t size = effective_size(o);
  return size < 16 ? 0 : std::min(o.overlap, size / 2);
}
size_t overlap_slack(size_t overlap) { return std::max<size_t>(3, std::min<size_t>(32, overlap / 2)); }

// Returns a description of the first broken promise, or "" when all hold.
std::string violation(const std::string& text, const ChunkOptions& options, const std::vector<Chunk>& chunks,
                      bool source_is_utf8 = true) {
  const size_t size = effective_size(options);
  const size_t overlap = effective_overlap(options);
  if (text.empty()) return chunks.empty() ? "" : "empty text gave chunks";
  if (chunks.empty()) return "non-empty text gave no chunks";
  if (chunks.front().offset != 0) return "first chunk does not start at 0";
  const Chunk& last = chunks.back();
  if (last.offset + last.text.size() != text.size()) return "last chunk does not reach the end";
  for (size_t i = 0; i < chunks.size(); ++i) {
    const Chunk& c = chunks[i];
    const std::string where = " (chunk " + std::to_string(i) + ")";
    if (c.text.empty()) return "empty chunk" + where;
    if (c.text.size() > size) return "chunk longer than size" + where;
    if (c.offset + c.text.size() > text.size() || text.compare(c.offset, c.text.size(), c.text) != 0)
      return "chunk text is not the source at its offset" + where;
    if (source_is_utf8 && !valid_utf8(c.text)) return "chunk is not valid UTF-8" + where;
    if (i == 0) continue;
    const Chunk& prev = chunks[i - 1];
    const size_t prev_end = prev.offset + prev.text.size();
    if (c.offset <= prev.offset) return "offsets do not strictly increase" + where;
    if (c.offset > prev_end) return "gap between chunks leaves bytes uncovered" + where;
    if (c.offset + c.text.size() <= prev_end) return "chunk adds nothing new" + where;
    const size_t shared = prev_end - c.offset;
    if (shared > overlap)
      return "overlap " + std::to_string(shared) + " above " + std::to_string(overlap) + where;
    if (shared + overlap_slack(overlap) < overlap)
      return "overlap " + std::to_string(shared) + " too far below " + std::to_string(overlap) + where;
  }
  return "";
}

// chunk_text(text, options), once every promise is seen to hold for its chunks; the test
// stops here at the first broken one.
std::vector<Chunk> checked_chunks(const std::string& text, const ChunkOptions& options,
                                  bool source_is_utf8 = true) {
  auto chunks = chunk_text(text, options);
  REQUIRE(violation(text, options, chunks, source_is_utf8) == "");
  return chunks;
}

const std::vector<std::string> kWords = {
    "the",   "job",   "retry",  "a",      "failed",     "dataset", "IdeaBlock", "é",          "café",
    "naïve", "日本",  "日本語", "🙂",   "👍🏽",   "Ωmega",   "x",         "extraction", "2024",
    "3.5%",  "don't", "Wi-Fi",  "(note)", "\"quoted\"", "Zürich",  "東京",      "—",          "…"};

std::string random_word(std::mt19937& rng) {
  std::uniform_int_distribution<int> pick(0, 9);
  if (pick(rng) < 7) return kWords[rng() % kWords.size()];
  std::string word;
  size_t length = 1 + rng() % 12;
  for (size_t k = 0; k < length; ++k) word.push_back(static_cast<char>('a' + rng() % 26));
  return word;
}

// A token with no spaces, longer than most chunk sizes, mixing 1- to 4-byte characters.
std::string long_run(std::mt19937& rng) {
  static const std::vector<std::string> parts = {"x", "é", "日本", "🙂", "ab", "-"};
  std::string run;
  size_t length = 50 + rng() % 6000;
  while (run.size() < length) run += parts[rng() % parts.size()];
  return run;
}

std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> paragraph_breaks = {"\n\n", "\r\n\r\n", "\n", "\n \n", "\n\n\n\n"};
  static const std::vector<std::string> terminators = {". ", "! ", "? ", "。", ".\n", ": ", ", "};
  std::string text;
  const size_t target = (rng() % 5 == 0) ? rng() % 120 : rng() % 20000;
  const bool crlf = rng() % 4 == 0;
  while (text.size() < target) {
    size_t sentences = 1 + rng() % 8;
    for (size_t s = 0; s < sentences; ++s) {
      size_t words = 1 + rng() % 30;
      for (size_t w = 0; w < words; ++w) {
        if (w > 0) text += (rng() % 40 == 0) ? "     " : " ";
        text += (rng() % 150 == 0) ? long_run(rng) : random_word(rng);
      }
      text += terminators[rng() % terminators.size()];
    }
    text += crlf ? "\r\n\r\n" : paragraph_breaks[rng() % paragraph_breaks.size()];
  }
  return text;
}

ChunkOptions random_options(std::mt19937& rng) {
  static const std::vector<size_t> sizes = {0,  1,  3,  4,   5,   7,    8,    15,  16,
                                            17, 31, 64, 100, 257, 1000, 2000, 4000};
  ChunkOptions options;
  options.size = sizes[rng() % sizes.size()];
  const std::vector<size_t> overlaps = {
      0, 1, 2, 5, 20, 200, options.size / 10, options.size / 2, options.size, options.size * 3, 100000};
  options.overlap = overlaps[rng() % overlaps.size()];
  return options;
}

std::string paragraph(size_t sentences, const std::string& word) {
  std::string p;
  for (size_t s = 0; s < sentences; ++s) {
    if (s) p += " ";
    p += "This sentence talks about " + word + " number " + std::to_string(s) + " in some detail.";
  }
  return p;
}

}  // namespace

TEST_CASE("chunk promises hold on hundreds of generated texts") {
  std::mt19937 rng(20240611);
  int checked = 0;
  for (int trial = 0; trial < 500; ++trial) {
    const std::string text = random_text(rng);
    const ChunkOptions options = random_options(rng);
    INFO("trial " << trial << " size " << options.size << " overlap " << options.overlap << " text bytes "
                  << text.size());
    checked_chunks(text, options);
    ++checked;
  }
  CHECK(checked == 500);
}

TEST_CASE("chunk promises hold for the product's own settings") {
  std::mt19937 rng(7);
  for (size_t size : {1000u, 2000u, 4000u}) {
    for (int trial = 0; trial < 20; ++trial) {
      const std::string text = random_text(rng);
      INFO("size " << size << " trial " << trial);
      const auto chunks = checked_chunks(text, ChunkOptions{size, size / 10});
      // Boundary cuts keep chunks more than half full, so a job does not explode into
      // many tiny chunks.
      for (size_t i = 0; i + 1 < chunks.size(); ++i) CHECK(chunks[i].text.size() > size / 2);
    }
  }
}

TEST_CASE("empty text gives no chunks and short text gives one unchanged chunk") {
  CHECK(chunk_text("", ChunkOptions{}).empty());
  const auto one = chunk_text("Short text.\r\n", ChunkOptions{});
  REQUIRE(one.size() == 1);
  CHECK(one[0].offset == 0);
  CHECK(one[0].text == "Short text.\r\n");
  const auto spaces = chunk_text("   \n\n  ", ChunkOptions{});
  REQUIRE(spaces.size() == 1);  // every byte stays covered, even blank ones
}

TEST_CASE("chunks end at paragraph boundaries when paragraphs fit") {
  std::string text;
  for (int p = 0; p < 24; ++p) text += paragraph(4, "topic" + std::to_string(p)) + "\n\n";
  const auto chunks = checked_chunks(text, ChunkOptions{1000, 0});
  REQUIRE(chunks.size() > 3);
  for (size_t i = 0; i + 1 < chunks.size(); ++i) {
    INFO("chunk " << i);
    CHECK(chunks[i].text.ends_with(".\n\n"));
    CHECK(chunks[i + 1].text.starts_with("This sentence talks about topic"));
  }
}

TEST_CASE("CRLF paragraphs are recognised as paragraphs") {
  std::string text;
  for (int p = 0; p < 24; ++p) text += paragraph(4, "topic" + std::to_string(p)) + "\r\n\r\n";
  const auto chunks = checked_chunks(text, ChunkOptions{1000, 0});
  for (size_t i = 0; i + 1 < chunks.size(); ++i) CHECK(chunks[i].text.ends_with(".\r\n\r\n"));
}

TEST_CASE("a long paragraph is cut after a sentence, not inside one") {
  const std::string text = paragraph(60, "retries");
  const auto chunks = checked_chunks(text, ChunkOptions{500, 0});
  REQUIRE(chunks.size() > 5);
  for (size_t i = 0; i + 1 < chunks.size(); ++i) {
    CHECK(chunks[i].text.ends_with("detail. "));
    CHECK(chunks[i + 1].text.starts_with("This sentence"));
  }
}

TEST_CASE("a long sentence without punctuation is cut between words") {
  std::string text;
  for (int w = 0; w < 2000; ++w) text += "word" + std::to_string(w) + " ";
  const auto chunks = checked_chunks(text, ChunkOptions{300, 60});
  for (const Chunk& c : chunks) {
    CHECK(c.text.starts_with("word"));  // the overlap starts on a whole word
    CHECK(c.text.ends_with(" "));       // and the chunk ends after one
  }
}

TEST_CASE("a run without spaces is cut at character boundaries, never inside one") {
  std::string text;
  for (int k = 0; k < 3000; ++k) text += (k % 3 == 0) ? "🙂" : (k % 3 == 1 ? "日本" : "é");
  for (size_t size : {4u, 5u, 6u, 7u, 10u, 99u, 2000u}) {
    INFO("size " << size);
    const auto chunks = checked_chunks(text, ChunkOptions{size, size / 5});
    for (size_t i = 0; i + 1 < chunks.size(); ++i) CHECK(chunks[i].text.size() + 3 >= size);
  }
}

TEST_CASE("consecutive chunks overlap by about the requested amount") {
  const std::string text = paragraph(200, "overlap");
  const auto chunks = checked_chunks(text, ChunkOptions{2000, 200});
  REQUIRE(chunks.size() > 3);
  for (size_t i = 0; i + 1 < chunks.size(); ++i) {
    const size_t shared = chunks[i].offset + chunks[i].text.size() - chunks[i + 1].offset;
    CHECK(shared >= 200 - 32);
    CHECK(shared <= 200);
    CHECK(chunks[i].text.ends_with(chunks[i + 1].text.substr(0, shared)));
  }
}

TEST_CASE("overlap at or above the size is clamped and chunking still finishes") {
  const std::string text = paragraph(100, "clamp");
  for (size_t overlap : std::vector<size_t>{100, 150, 1000, static_cast<size_t>(-1)}) {
    INFO("overlap " << overlap);
    const auto chunks = checked_chunks(text, ChunkOptions{100, overlap});
    CHECK(chunks.size() < text.size() / 10);
  }
  const auto tiny = checked_chunks("日本🙂é", ChunkOptions{0, 0});
  CHECK(tiny.size() == 4);
}

TEST_CASE("invalid UTF-8 input still terminates with every byte covered") {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 50; ++trial) {
    std::string text;
    size_t length = rng() % 5000;
    for (size_t k = 0; k < length; ++k) text.push_back(static_cast<char>(rng() % 256));
    ChunkOptions options = random_options(rng);
    INFO("trial " << trial);
    checked_chunks(text, options, /*source_is_utf8=*/false);
  }
}
