// Exact vector search benchmark: a dataset of N random unit vectors of D dimensions in
// one contiguous float32 matrix, queried with vectors near known rows. Prints the time
// of one top-10 query (median, min, max over the runs) with every core and with one,
// checks each query found its planted row first, and prints peak RSS.
//
//   search_bench [rows=1000000] [dimensions=768] [runs=21]
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "engine/pipeline/vector_search.h"

using namespace blockify;

namespace {

// A fast deterministic generator: the matrix holds ~768 million floats.
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  float uniform() { return static_cast<float>(next() >> 40) / static_cast<float>(1 << 24) * 2.0f - 1.0f; }
};

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Figures {
  double median, min, max;
  double cpu_median;  // CPU time of all threads of one query: fair on a loaded machine
  int planted_first;
};

Figures time_queries(const VectorMatrix& matrix, unsigned threads, int runs, SplitMix& rng) {
  std::vector<double> ms, cpu;
  int planted_first = 0;
  for (int run = 0; run < runs; ++run) {
    // A query near a known row: that row must come first.
    size_t target = rng.next() % matrix.rows();
    std::vector<float> query(matrix.row(target), matrix.row(target) + matrix.dimensions());
    for (float& x : query) x += 0.02f * rng.uniform() / 28.0f;
    auto start = std::chrono::steady_clock::now();
    double cpu_start = cpu_ms();
    auto hits = nearest_vectors(matrix, query, 10, threads);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    cpu.push_back(cpu_ms() - cpu_start);
    if (!hits.empty() && hits[0].block_id == static_cast<int64_t>(target) + 1) ++planted_first;
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  return {ms[ms.size() / 2], ms.front(), ms.back(), cpu[cpu.size() / 2], planted_first};
}

}  // namespace

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const size_t dims = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 768;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 21;
  if (rows == 0 || dims == 0 || runs <= 0) {
    std::fprintf(stderr, "Usage: search_bench [rows>0] [dimensions>0] [runs>0]\n");
    return 2;
  }

  SplitMix rng{12345};
  auto build_start = std::chrono::steady_clock::now();
  VectorMatrix matrix(dims);
  matrix.reserve(rows);
  std::vector<float> v(dims);
  for (size_t r = 0; r < rows; ++r) {
    for (float& x : v) x = rng.uniform();
    matrix.add(static_cast<int64_t>(r) + 1, v);
  }
  double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
  std::printf("matrix: %zu x %zu float32 (%.0f MB), built in %.1f s\n", rows, dims,
              static_cast<double>(rows * dims * sizeof(float)) / (1 << 20), build_s);

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  time_queries(matrix, 0, 2, rng);  // warm up: pages touched, threads started once
  for (unsigned threads : {cores, 1u}) {
    Figures f = time_queries(matrix, threads, runs, rng);
    std::printf(
        "top-10 query, %u thread%s: median %.1f ms wall (min %.1f, max %.1f), %.1f ms CPU, over %d runs; "
        "planted row first in %d of %d\n",
        threads, threads == 1 ? "" : "s", f.median, f.min, f.max, f.cpu_median, runs, f.planted_first, runs);
    if (cores == 1) break;
  }
  std::printf("peak RSS %.0f MB; load average at the end: ", peak_rss_mb());
  double load[1] = {0};
  if (getloadavg(load, 1) == 1)
    std::printf("%.1f\n", load[0]);
  else
    std::printf("unknown\n");
  return 0;
}
