// Distill benchmark: a million synthetic IdeaBlocks, about 30 % of them near-copies of
// others (one answer word changed, one keyword added: Jaccard about 0.87 to 0.9). Prints the time of
// distill() over several runs, how many clusters it found against how many the data holds, and peak RSS.
//
//   distill_bench [blocks=1000000] [runs=3] [threshold=0.8]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "engine/pipeline/text/distill.h"

using namespace blockify;

namespace {

constexpr double kNearCopyShare = 0.3;

std::vector<std::string> make_vocabulary(std::mt19937_64& rng, size_t size) {
  const char* syllables[] = {"ka",  "lo",  "mi", "ter", "vos", "an", "ru",
                             "pel", "dis", "ob", "nu",  "gra", "ex", "sol"};
  std::vector<std::string> words;
  for (size_t i = 0; i < size; ++i) {
    std::string word;
    const int parts = 2 + static_cast<int>(rng() % 3);
    for (int p = 0; p < parts; ++p) word += syllables[rng() % std::size(syllables)];
    words.push_back(word + std::to_string(i % 97));
  }
  return words;
}

std::string phrase(std::mt19937_64& rng, const std::vector<std::string>& vocabulary, size_t words) {
  std::string out;
  for (size_t i = 0; i < words; ++i) {
    if (i > 0) out += ' ';
    out += vocabulary[rng() % vocabulary.size()];
  }
  return out;
}

// Replaces the `index`-th word of `text` (space separated).
void replace_word(std::string& text, size_t index, const std::string& word) {
  size_t start = 0;
  for (size_t i = 0; i < index; ++i) start = text.find(' ', start) + 1;
  size_t end = text.find(' ', start);
  if (end == std::string::npos) end = text.size();
  text.replace(start, end - start, word);
}

struct Dataset {
  std::vector<IdeaBlock> blocks;
  std::vector<size_t> copy_of;  // the original a near-copy was made from, or its own index
  size_t originals = 0;
};

Dataset make_dataset(size_t count) {
  std::mt19937_64 rng(20240611);
  const std::vector<std::string> vocabulary = make_vocabulary(rng, 20000);
  const char* types[] = {"PRODUCT", "ORGANIZATION", "PERSON", "TECHNOLOGY", "CONCEPT"};
  Dataset data;
  data.blocks.reserve(count);
  data.copy_of.reserve(count);
  std::uniform_real_distribution<double> share(0.0, 1.0);
  for (size_t i = 0; i < count; ++i) {
    if (data.originals > 0 && share(rng) < kNearCopyShare) {
      const size_t source = data.copy_of[rng() % i];  // always an original
      IdeaBlock copy = data.blocks[source];
      const auto spaces = std::count(copy.trusted_answer.begin(), copy.trusted_answer.end(), ' ');
      const size_t answer_words = static_cast<size_t>(spaces) + 1;
      replace_word(copy.trusted_answer, rng() % answer_words, vocabulary[rng() % vocabulary.size()]);
      copy.keywords.push_back(vocabulary[rng() % vocabulary.size()]);
      data.blocks.push_back(std::move(copy));
      data.copy_of.push_back(source);
      continue;
    }
    IdeaBlock block;
    block.name = phrase(rng, vocabulary, 3);
    block.critical_question = "What is " + phrase(rng, vocabulary, 8) + "?";
    block.trusted_answer = phrase(rng, vocabulary, 35 + rng() % 21) + ".";
    for (int k = 0; k < 4; ++k) block.keywords.push_back(vocabulary[rng() % vocabulary.size()]);
    block.tags = {"IMPORTANT", rng() % 2 ? "PROCESS" : "TECHNICAL"};
    block.entities = {{vocabulary[rng() % vocabulary.size()], types[rng() % 5]},
                      {vocabulary[rng() % vocabulary.size()], types[rng() % 5]}};
    block.source_file = "file" + std::to_string(i % 500) + ".pdf";
    block.chunk_index = static_cast<int>(i % 200);
    data.blocks.push_back(std::move(block));
    data.copy_of.push_back(i);
    ++data.originals;
  }
  return data;
}

double current_rss_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// User + system CPU seconds of the whole process so far: on a shared machine this says
// more about the work done than wall time does.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  const size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  DistillOptions options;
  if (argc > 3) options.threshold = std::atof(argv[3]);
  std::printf("distill_bench: %zu blocks, ~%.0f%% near-copies, threshold %.2f, %d permutations, %d runs\n",
              count, kNearCopyShare * 100, options.threshold, options.permutations, runs);

  std::vector<double> seconds, cpu;
  DistillResult result;
  Dataset data;
  double rss_before = 0;
  for (int run = 0; run < runs; ++run) {
    data = Dataset{};
    data = make_dataset(count);  // distill edits blocks in place: start each run from fresh data
    rss_before = current_rss_mb();
    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    result = distill(data.blocks, options);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    cpu.push_back(cpu_seconds() - cpu_start);
    std::printf("  run %d: %.3f s wall, %.3f s CPU\n", run + 1, seconds.back(), cpu.back());
  }

  // How well the clusters match the data: every near-copy should share its original's
  // representative, and no two originals should share one.
  size_t copies = 0, copies_found = 0;
  std::vector<uint32_t> originals_per_rep(count, 0);
  for (size_t i = 0; i < count; ++i) {
    if (data.copy_of[i] != i) {
      ++copies;
      copies_found += result.representative[i] == result.representative[data.copy_of[i]] ? 1 : 0;
    } else {
      ++originals_per_rep[result.representative[i]];
    }
  }
  size_t wrongly_joined = 0;
  for (uint32_t n : originals_per_rep) wrongly_joined += n > 1 ? n - 1 : 0;

  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  std::printf("distill time: median %.3f s, min %.3f s, max %.3f s (%.0f blocks/s)\n",
              sorted[sorted.size() / 2], sorted.front(), sorted.back(),
              static_cast<double>(count) / sorted[sorted.size() / 2]);
  std::sort(cpu.begin(), cpu.end());
  std::printf("distill CPU time (all threads): median %.3f s, min %.3f s, max %.3f s\n", cpu[cpu.size() / 2],
              cpu.front(), cpu.back());
  std::printf("clusters found: %zu (the data has %zu originals)\n", result.clusters, data.originals);
  std::printf("near-copies joined to their original: %zu of %zu (%.3f%%); originals wrongly joined: %zu\n",
              copies_found, copies,
              copies ? 100.0 * static_cast<double>(copies_found) / static_cast<double>(copies) : 100.0,
              wrongly_joined);
  std::printf("RSS with the blocks loaded: %.0f MB; peak RSS: %.0f MB\n", rss_before, peak_rss_mb());
  return 0;
}
