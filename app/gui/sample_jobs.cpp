#include "app/gui/sample_jobs.h"

#include <system_error>

#include "engine/platform/paths.h"

namespace blockify {
namespace {

namespace fs = std::filesystem;

fs::path assets_dir() { return fs::path(BLOCKIFY_ASSETS_DIR) / "sample-docs"; }

CreateJob sample(std::string name, std::vector<std::string> files, JobMode mode = JobMode::Blockify) {
  CreateJob job;
  job.name = std::move(name);
  job.dataset = "samples";
  job.config.mode = mode;
  job.files = std::move(files);
  return job;
}

}  // namespace

fs::path samples_dir() { return platform::data_dir() / "samples"; }
fs::path restore_me_path() { return samples_dir() / "restore-me.txt"; }

bool is_restorable_sample(const std::string& path) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(path, ec);
  if (ec) return false;
  fs::path b = fs::weakly_canonical(restore_me_path(), ec);
  return !ec && a == b;
}

SampleJobs prepare_sample_jobs() {
  SampleJobs out;
  fs::path from = assets_dir();
  fs::path to = samples_dir();
  std::error_code ec;
  fs::create_directories(to, ec);
  if (ec) {
    out.error = "Could not create the samples folder " + to.string() + ": " + ec.message() + ".";
    return out;
  }
  for (const auto& entry : fs::directory_iterator(from, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".later") continue;
    fs::copy_file(entry.path(), to / entry.path().filename(), fs::copy_options::overwrite_existing, ec);
    if (ec) {
      out.error = "Could not copy the sample document " + entry.path().filename().string() + " to " + to.string() +
                  ": " + ec.message() + ".";
      return out;
    }
  }
  if (ec) {
    out.error = "Could not read the sample documents in " + from.string() + ": " + ec.message() + ".";
    return out;
  }
  fs::remove(restore_me_path(), ec);  // the failing sample must fail, even on a second run
  auto at = [&](const char* name) { return (to / name).string(); };
  out.jobs.push_back(sample("Sample: product manual", {at("product-manual-setup.md"), at("product-manual-sync.md")}));
  out.jobs.push_back(sample("Sample: support notes", {at("support-meeting-notes.txt"), restore_me_path().string()}));
  out.jobs.push_back(sample("Sample: retry policy", {at("retry-policy.txt")}, JobMode::ChunkOnly));
  return out;
}

std::string restore_sample_file() {
  std::error_code ec;
  fs::create_directories(samples_dir(), ec);
  fs::copy_file(assets_dir() / "restore-me.txt.later", restore_me_path(), fs::copy_options::overwrite_existing, ec);
  if (ec) return "Could not restore " + restore_me_path().string() + ": " + ec.message() + ".";
  return {};
}

}  // namespace blockify
