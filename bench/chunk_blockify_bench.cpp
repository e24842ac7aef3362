// Chunk and offline-blockify throughput on a generated English-like corpus (fixed seed):
// manual-style sections with headings, paragraphs, numbered steps, figures with units,
// dates and capitalised names. Prints MB/s as median, min and max over the runs, the
// blocks produced, and the process's peak RSS.
//
// Usage: chunk_blockify_bench [corpus MB]   (default 64, at least 50 is meaningful)
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/pipeline/text/blockify_offline.h"
#include "engine/pipeline/text/chunk.h"

namespace {

constexpr int kChunkRuns = 5;
constexpr int kBlockifyRuns = 3;

class Corpus {
 public:
  explicit Corpus(unsigned seed) : rng_(seed) {}

  std::string make(size_t bytes) {
    std::string out;
    out.reserve(bytes + 4096);
    while (out.size() < bytes) section(out);
    return out;
  }

 private:
  template <typename List>
  const std::string& pick(const List& list) {
    return list[std::uniform_int_distribution<size_t>(0, list.size() - 1)(rng_)];
  }
  // Zipf-like choice: early words of a list come up far more often.
  const std::string& pick_skewed(const std::vector<std::string>& list) {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    return list[static_cast<size_t>(u * u * static_cast<double>(list.size()))];
  }
  int number(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::string noun_phrase() {
    static const std::vector<std::string> adjectives = {
        "failed", "new",    "default", "offline", "automatic", "local",     "large",    "secure",
        "shared", "remote", "partial", "active",  "empty",     "duplicate", "external", "current"};
    static const std::vector<std::string> nouns = {
        "job",      "dataset",  "chunk",    "file",     "block",    "endpoint", "worker",
        "queue",    "setting",  "export",   "archive",  "server",   "report",   "retry",
        "stage",    "pipeline", "document", "user",     "folder",   "model",    "answer",
        "question", "history",  "attempt",  "timeline", "backup",   "license",  "network",
        "database", "index",    "cache",    "schedule", "policy",   "account",  "device",
        "sensor",   "battery",  "invoice",  "customer", "contract", "shipment", "warehouse"};
    std::string phrase = number(0, 2) == 0 ? pick(adjectives) + " " : "";
    phrase += pick_skewed(nouns);
    if (number(0, 3) == 0) phrase += " " + pick_skewed(nouns);
    return phrase;
  }

  std::string figure() {
    static const std::vector<std::string> units = {"seconds", "ms",      "GB",    "MB",
                                                   "%",       "minutes", "users", "km"};
    const std::string& unit = pick(units);
    return std::to_string(number(2, 950)) + (unit == "%" ? "%" : " " + unit);
  }

  std::string date() {
    static const std::vector<std::string> months = {"January", "March",     "May",
                                                    "June",    "September", "November"};
    if (number(0, 1) == 0)
      return pick(months) + " " + std::to_string(number(1, 28)) + ", " + std::to_string(number(2015, 2025));
    return std::to_string(number(2015, 2025)) + "-0" + std::to_string(number(1, 9)) + "-1" +
           std::to_string(number(0, 9));
  }

  std::string name() {
    static const std::vector<std::string> names = {"Dr. Jane Smith",
                                                   "Acme Corp",
                                                   "Globex Inc",
                                                   "Mary Johnson",
                                                   "the University of Leeds",
                                                   "Contoso Ltd",
                                                   "Berlin",
                                                   "Japan",
                                                   "NASA",
                                                   "Python",
                                                   "SQL",
                                                   "Linux",
                                                   "the API",
                                                   "PDF"};
    return pick(names);
  }

  std::string sentence() {
    static const std::vector<std::string> verbs = {
        "stores",  "keeps",  "updates",  "sends", "removes", "checks", "creates", "exports",
        "retries", "copies", "protects", "reads", "splits",  "merges", "tracks",  "reports"};
    std::string s;
    switch (number(0, 7)) {
      case 0:
        s = "The " + noun_phrase() + " is a " + noun_phrase() + " that " + pick(verbs) + " the " +
            noun_phrase();
        break;
      case 1:
        s = "To update the " + noun_phrase() + ", open the " + noun_phrase() + " and select Save";
        break;
      case 2:
        s = "In " + date() + ", " + name() + " reported that the " + noun_phrase() + " took " + figure();
        break;
      case 3:
        s = "You must never delete the " + noun_phrase() + " while the " + noun_phrase() + " is running";
        break;
      case 4:
        s = "Each " + noun_phrase() + " " + pick(verbs) + " about " + figure() + " of " + noun_phrase() +
            " data";
        break;
      case 5:
        s = name() + " " + pick(verbs) + " the " + noun_phrase() + " because the " + noun_phrase() + " " +
            pick(verbs) + " it";
        break;
      case 6:
        s = "When the " + noun_phrase() + " fails, the " + noun_phrase() + " " + pick(verbs) + " the " +
            noun_phrase() + " again";
        break;
      default:
        s = "The " + noun_phrase() + " " + pick(verbs) + " the " + noun_phrase() + " with " + figure() +
            " of headroom";
        break;
    }
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s + (number(0, 15) == 0 ? "?" : ".");
  }

  void section(std::string& out) {
    std::string heading = noun_phrase();
    heading[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(heading[0])));
    out += heading + "\n\n";
    for (int p = number(1, 4); p > 0; --p) {
      for (int s = number(2, 7); s > 0; --s) out += sentence() + " ";
      out.back() = '\n';
      out += '\n';
    }
    if (number(0, 2) == 0) {
      const int steps = number(2, 5);
      for (int step = 1; step <= steps; ++step) out += std::to_string(step) + ". " + sentence() + "\n";
      out += '\n';
    }
  }

  std::mt19937 rng_;
};

struct Stats {
  double median, min, max;
};

Stats summarise(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return {values[values.size() / 2], values.front(), values.back()};
}

// Wall-clock and CPU time of one run. The machine is shared, so CPU time (this thread
// only) is the load-independent figure; wall clock is what a user would see.
struct Timer {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = thread_cpu_seconds();

  static double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
  double wall_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  }
  double cpu_seconds() const { return thread_cpu_seconds() - cpu; }
};

void print_rates(const char* what, const std::vector<double>& wall, const std::vector<double>& cpu) {
  const Stats w = summarise(wall), c = summarise(cpu);
  std::printf(
      "  %s: wall %.1f MB/s median (min %.1f, max %.1f); CPU time %.1f MB/s median (min %.1f, max %.1f); %zu "
      "runs\n",
      what, w.median, w.min, w.max, c.median, c.min, c.max, wall.size());
}

}  // namespace

int main(int argc, char** argv) {
  const size_t megabytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 64;
  const std::string corpus = Corpus(20240611).make(megabytes << 20);
  const double corpus_mb = static_cast<double>(corpus.size()) / (1 << 20);
  std::printf("corpus: %.1f MB generated (seed 20240611)\n", corpus_mb);

  const blockify::ChunkOptions options{2000, 200};
  std::vector<blockify::Chunk> chunks;
  std::vector<double> chunk_wall, chunk_cpu;
  for (int run = 0; run < kChunkRuns; ++run) {
    chunks.clear();  // time the stage, not freeing the previous run's chunks
    chunks.shrink_to_fit();
    const Timer timer;
    chunks = blockify::chunk_text(corpus, options);
    chunk_wall.push_back(corpus_mb / timer.wall_seconds());
    chunk_cpu.push_back(corpus_mb / timer.cpu_seconds());
  }
  size_t chunk_bytes = 0;
  for (const auto& chunk : chunks) chunk_bytes += chunk.text.size();
  std::printf("chunk (size %zu, overlap %zu): %zu chunks, MB of source text per second\n", options.size,
              options.overlap, chunks.size());
  print_rates("chunk", chunk_wall, chunk_cpu);

  const double chunk_mb = static_cast<double>(chunk_bytes) / (1 << 20);
  std::vector<double> blockify_wall, blockify_cpu;
  size_t blocks = 0;
  for (int run = 0; run < kBlockifyRuns; ++run) {
    blocks = 0;
    const Timer timer;
    for (const auto& chunk : chunks) blocks += blockify::blockify_offline(chunk.text).size();
    blockify_wall.push_back(chunk_mb / timer.wall_seconds());
    blockify_cpu.push_back(chunk_mb / timer.cpu_seconds());
  }
  std::printf(
      "blockify offline, one thread: %zu blocks from %.1f MB of chunk text (%.2f per chunk), "
      "MB of chunk text per second\n",
      blocks, chunk_mb, static_cast<double>(blocks) / static_cast<double>(chunks.size()));
  print_rates("blockify", blockify_wall, blockify_cpu);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
