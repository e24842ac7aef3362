// The whole engine at scale: a database of 100,000 jobs (60,000 completed, 30,000 failed
// on missing files, 10,000 cancelled) in 50 datasets holding 1,000,000 IdeaBlocks, made
// through the store, then the real engine (real views, real SQLite) measured as a user
// meets it:
//   1. startup to the first snapshot holding every job;
//   2. Retry all failed (one RetryMany over 30,000 jobs): time until applied, and jobs
//      per second worked off until every one has failed again on its missing file;
//   3. publish cost — every view refreshed (datasets, the browsed page, the focused job's
//      detail, the job table) plus the snapshot — with 1, 10 and 1,000 jobs changed;
//   4. the Datasets tab on its biggest dataset (510,000 blocks): a page, and a search.
//   5. peak RSS of this process, which is the engine plus this bench's bookkeeping.
// The database is made once into build-bench/scale/ (by a child process, so its memory
// is not counted) and copied for each run. Prints figures; not a pass/fail test.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "engine/core/engine.h"
#include "engine/store/job_store.h"

using namespace blockify;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr int kJobs = 100'000, kCompleted = 60'000, kFailed = 30'000, kDatasets = 50;
constexpr int64_t kBlocks = 1'000'000, kBigDatasetBlocks = 510'000;
constexpr const char* kLayoutVersion = "scale-db v1";  // bump when the mix changes

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Stats {
  double median = 0, p99 = 0, min = 0, max = 0;
  size_t n = 0;
};

Stats stats(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
  };
  return {at(0.5), at(0.99), v.front(), v.back(), v.size()};
}

std::string dataset_name(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "dataset-%02d", i);
  return buf;
}

// Words that read like a vocabulary: common ones often, rare ones seldom (Zipf-like).
class Words {
 public:
  explicit Words(std::mt19937& rng) : rng_(rng) {
    const char* syllables[] = {"ka",  "lo",  "mi", "ten", "ro", "sa",  "vel",
                               "dun", "pri", "ax", "or",  "el", "ban", "tu"};
    for (int i = 0; i < 6000; ++i) {
      std::string w;
      for (int k = i, n = 0; n < 2 + i % 3; ++n, k /= 14) w += syllables[(k + n * 5) % 14];
      words_.push_back(w + std::to_string(i % 97));
    }
  }
  std::string text(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) {
      double u = std::uniform_real_distribution<double>(0, 1)(rng_);
      size_t index = static_cast<size_t>(std::pow(u, 3.0) * static_cast<double>(words_.size()));
      if (!out.empty()) out += ' ';
      out += words_[std::min(index, words_.size() - 1)];
    }
    return out;
  }
  const std::string& word(size_t i) const { return words_[i]; }

 private:
  std::mt19937& rng_;
  std::vector<std::string> words_;
};

void build_database(const fs::path& path) {
  store::JobStore store(path);
  std::mt19937 rng(2026);
  Words words(rng);
  sql::Transaction txn(store.db());
  TimeMs now = store::now_ms();
  for (int d = 0; d < kDatasets; ++d) store.ensure_dataset(dataset_name(d), now);
  // Completed jobs per dataset: kCompleted / kDatasets; the big dataset's jobs carry
  // kBigDatasetBlocks, the others share the rest evenly.
  const int64_t per_dataset_jobs = kCompleted / kDatasets;
  const int64_t small_blocks = (kBlocks - kBigDatasetBlocks) / (kDatasets - 1);
  for (int i = 0; i < kJobs; ++i) {
    Job job;
    int d = i % kDatasets;
    job.name = "Job " + std::to_string(i + 1);
    job.dataset = dataset_name(d);
    job.created_at = job.started_at = job.finished_at = now - (kJobs - i) * 1000;
    job.attempt = 1;
    job.files_total = 1;
    JobFile file;
    if (i < kCompleted) {
      job.status = JobStatus::Completed;
      job.stage = Stage::Done;
      job.progress = 1;
      job.files_done = 1;
      file.path = "/srv/corpus/" + job.dataset + "/doc-" + std::to_string(i) + ".md";
      file.status = FileStatus::Completed;
    } else if (i < kCompleted + kFailed) {
      job.status = JobStatus::Failed;
      job.error = {error_code::kFileNotFound, "The file was not found.", "Restore the file, then retry."};
      job.failed_stage = Stage::Extract;
      job.files_failed = 1;
      file.path = "/nonexistent/blockify-scale/missing-" + std::to_string(i) + ".md";
      file.status = FileStatus::Failed;
      file.error = job.error;
    } else {
      job.status = JobStatus::Cancelled;
      file.path = "/srv/corpus/" + job.dataset + "/later-" + std::to_string(i) + ".md";
    }
    store.insert_job(job);
    file.job_id = job.id;
    store.insert_file(file, 0);
    if (job.status != JobStatus::Completed) continue;
    int64_t index_in_dataset = i / kDatasets;
    int64_t total = d == 0 ? kBigDatasetBlocks : small_blocks;
    int64_t count = total / per_dataset_jobs + (index_in_dataset < total % per_dataset_jobs ? 1 : 0);
    std::vector<IdeaBlock> blocks(static_cast<size_t>(count));
    for (int64_t b = 0; b < count; ++b) {
      auto& block = blocks[static_cast<size_t>(b)];
      block.name = words.text(3);
      block.critical_question = "What does " + words.text(6) + " mean?";
      block.trusted_answer = words.text(28) + ".";
      block.tags = {"IMPORTANT"};
      block.file_id = file.id;
      block.source_file = file.path;
      block.chunk_index = static_cast<int>(b);
    }
    store.insert_blocks(job.id, job.dataset, 1, blocks);
    job.blocks = count;
    store.update_job(job);
  }
  store.set_setting("bench.layout", kLayoutVersion);
  txn.commit();
  store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

// The pristine database, made once by a child process (its memory is not the engine's).
fs::path pristine_database(const fs::path& dir) {
  fs::path path = dir / "scale-pristine.db";
  if (fs::exists(path)) {
    try {
      store::JobStore check(path);
      if (check.setting("bench.layout") == std::string(kLayoutVersion)) return path;
    } catch (const std::exception&) {
    }
    fs::remove(path);
  }
  std::printf("making the 100,000-job, 1,000,000-block database (once) ...\n");
  std::fflush(stdout);
  auto t0 = Clock::now();
  pid_t child = fork();
  if (child == 0) {
    try {
      build_database(dir / "scale-building.db");
      _exit(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "making the database failed: %s\n", e.what());
      _exit(1);
    }
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the database could not be made");
  fs::rename(dir / "scale-building.db", path);
  std::printf("made in %.1f s (%.0f MB)\n", ms_since(t0) / 1000,
              static_cast<double>(fs::file_size(path)) / 1e6);
  return path;
}

int64_t total_jobs(const Snapshot& s) {
  int64_t n = 0;
  for (int c : s.counts) n += c;
  return n;
}

template <typename Ready>
SnapshotPtr wait_until(Engine& engine, Ready ready) {
  SnapshotPtr snap = engine.snapshot();
  auto deadline = Clock::now() + std::chrono::minutes(10);
  while (!ready(*snap)) {
    if (Clock::now() > deadline) throw std::runtime_error("the engine did not get there in 10 minutes");
    snap = engine.wait_for_snapshot(snap->version, 1000);
  }
  return snap;
}

double rss_now_mb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

// Publish costs the engine reports, kept with how many jobs each publish carried.
struct PublishLog {
  std::mutex mutex;
  std::vector<std::pair<size_t, double>> entries;  // (jobs changed, µs)
  void add(std::chrono::nanoseconds cost, size_t changed) {
    std::lock_guard lock(mutex);
    entries.emplace_back(changed, std::chrono::duration<double, std::micro>(cost).count());
  }
  std::vector<double> with(size_t lo, size_t hi) {
    std::lock_guard lock(mutex);
    std::vector<double> out;
    for (auto [n, us] : entries)
      if (n >= lo && n <= hi) out.push_back(us);
    return out;
  }
  void clear() {
    std::lock_guard lock(mutex);
    entries.clear();
  }
};

EngineOptions engine_options(const fs::path& db, int workers, PublishLog* log) {
  EngineOptions o;
  o.database = db;
  o.workers = workers;
  o.watch_command_table = false;
  if (log)
    o.on_publish_cost = [log](std::chrono::nanoseconds cost, size_t changed) { log->add(cost, changed); };
  return o;
}

void print(const char* what, const Stats& s, const char* unit) {
  std::printf("%s: median %.3g %s, p99 %.3g %s (min %.3g, max %.3g, n=%zu)\n", what, s.median, unit, s.p99,
              unit, s.min, s.max, s.n);
}

void bench_startup(const fs::path& db) {
  std::vector<double> times;
  double rss = 0;
  for (int round = 0; round < 5; ++round) {
    auto t0 = Clock::now();
    Engine engine(engine_options(db, -1, nullptr));
    wait_until(engine, [](const Snapshot& s) { return total_jobs(s) == kJobs && s.datasets; });
    times.push_back(ms_since(t0));
    rss = std::max(rss, rss_now_mb());
  }
  print("startup to first snapshot (100,000 jobs, 50 datasets)", stats(times), "ms");
  std::printf("engine RSS after startup: %.0f MB\n", rss);
}

void bench_retry_all(const fs::path& db) {
  PublishLog log;
  Engine engine(engine_options(db, -1, &log));
  wait_until(engine, [](const Snapshot& s) { return total_jobs(s) == kJobs; });
  auto t0 = Clock::now();
  RetryMany retry;
  retry.jobs.status = JobStatus::Failed;
  CommandResult r = engine.submit(retry).get();
  double applied_ms = ms_since(t0);
  auto t_applied = Clock::now();
  wait_until(engine, [](const Snapshot& s) {
    return s.count(JobStatus::Pending) == 0 && s.count(JobStatus::Processing) == 0 &&
           s.count(JobStatus::Failed) == kFailed;
  });
  double worked_s = ms_since(t_applied) / 1000;
  std::printf(
      "retry all failed: %lld queued, %lld refused; applied (answered, committed, shown) in %.0f ms\n",
      static_cast<long long>(r.bulk.applied), static_cast<long long>(r.bulk.refused), applied_ms);
  std::printf("worked off: %d jobs in %.2f s = %.0f jobs/s (each fails again on its missing file)\n", kFailed,
              worked_s, kFailed / worked_s);
  print("publish during the retry-all (any number of changes)", stats(log.with(0, SIZE_MAX)), "us");
}

void bench_publish(const fs::path& db) {
  PublishLog log;
  // No workers: a retried job stays Pending, so each command is exactly one publish of
  // k changed jobs. The Datasets tab is open on a dataset and a job's detail is focused,
  // so every view is live.
  Engine engine(engine_options(db, 0, &log));
  auto snap = wait_until(engine, [](const Snapshot& s) { return total_jobs(s) == kJobs; });
  std::vector<int64_t> failed;
  for (size_t i = 0; i < snap->jobs.slots(); ++i)
    if (const auto& row = snap->jobs.at(i); row && row->status == JobStatus::Failed)
      failed.push_back(row->id);
  engine.submit(BrowseDataset{dataset_name(1), "", 0}).get();
  for (size_t k : {size_t{1}, size_t{10}, size_t{100}, size_t{1000}}) {
    if (k > failed.size()) break;
    std::vector<int64_t> ids(failed.begin(), failed.begin() + static_cast<long>(k));
    for (bool focused : {false, true}) {
      engine.submit(FocusJob{focused ? ids.front() : 0, 0}).get();
      log.clear();
      for (int round = 0; round < 100; ++round) {
        RetryMany retry;
        retry.jobs.ids = ids;
        engine.submit(retry).get();
        CancelMany cancel;
        cancel.jobs.ids = ids;
        engine.submit(cancel).get();
      }
      std::string what = "publish with " + std::to_string(k) + " jobs changed" +
                         (focused ? " (one of them open in the detail view)" : "");
      print(what.c_str(), stats(log.with(k, k)), "us");
    }
  }
}

void bench_datasets_tab(const fs::path& db) {
  Engine engine(engine_options(db, 0, nullptr));
  wait_until(engine, [](const Snapshot& s) { return total_jobs(s) == kJobs; });
  const std::string big = dataset_name(0);
  auto show = [&](const std::string& search, int64_t offset) {
    auto t0 = Clock::now();
    engine.post(BrowseDataset{big, search, offset});
    wait_until(engine, [&](const Snapshot& s) {
      return s.datasets && s.datasets->browsed == big && s.datasets->search == search &&
             s.datasets->offset == offset;
    });
    return ms_since(t0);
  };
  std::vector<double> open, next, deep_next, jump, last, prev, search_common, search_next, search_rare;
  const int64_t middle = kBigDatasetBlocks / 2 / 50 * 50;
  for (int i = 0; i < 20; ++i) {
    engine.post(BrowseDataset{dataset_name(1 + i % 10), "", 0});  // leave, then open it again
    open.push_back(show("", 0));
    for (int64_t p = 1; p <= 5; ++p) next.push_back(show("", 50 * p));
    jump.push_back(show("", middle + 50 * i));
    for (int64_t p = 1; p <= 5; ++p) deep_next.push_back(show("", middle + 50 * (i + p)));
    last.push_back(show("", kBigDatasetBlocks - 50));
    for (int64_t p = 2; p <= 6; ++p) prev.push_back(show("", kBigDatasetBlocks - 50 * p));
    const std::string common = i % 2 ? "kalo0" : "what mean";
    search_common.push_back(show(common, 0));
    for (int64_t p = 1; p <= 5; ++p) search_next.push_back(show(common, 50 * p));
    search_rare.push_back(show(i % 2 ? "zzzz-no-such-word" : "priax5", 0));
  }
  std::printf("Datasets tab on a %s-block dataset (every figure: command posted -> page in a snapshot):\n",
              "510,000");
  print("  open (first page)", stats(open), "ms");
  print("  Next, near the start", stats(next), "ms");
  print("  Next, in the middle", stats(deep_next), "ms");
  print("  Prev, from the end", stats(prev), "ms");
  print("  jump to the last page", stats(last), "ms");
  print("  jump to the middle (no button does this; the command line's offset)", stats(jump), "ms");
  print("  search, a common word, first page", stats(search_common), "ms");
  print("  search, a common word, Next", stats(search_next), "ms");
  print("  search, a rare or absent word", stats(search_rare), "ms");
}

}  // namespace

int main(int argc, char** argv) {
  // Optional: the parts to run (startup retry publish datasets); all by default.
  std::vector<std::string> parts(argv + 1, argv + argc);
  auto wanted = [&](const char* part) {
    return parts.empty() || std::find(parts.begin(), parts.end(), part) != parts.end();
  };
  fs::path dir = fs::path("build-bench") / "scale";
  fs::create_directories(dir);
  fs::path pristine = pristine_database(dir);
  fs::path db = dir / "scale.db";
  auto fresh_copy = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
    fs::copy_file(pristine, db);
  };
  fresh_copy();
  if (wanted("startup")) bench_startup(db);
  if (wanted("retry")) bench_retry_all(db);
  fresh_copy();
  if (wanted("publish")) bench_publish(db);
  if (wanted("datasets")) bench_datasets_tab(db);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS (engine + this bench): %.0f MB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  return 0;
}
