#include "app/gui/sample_jobs.h"

#include <system_error>

#include "engine/platform/install_layout.h"
#include "engine/platform/paths.h"

namespace blockify::gui {
namespace {

namespace fs = std::filesystem;

// Empty when the program was copied without its share/blockify folder.
fs::path assets_dir() {
  fs::path assets = platform::assets_dir();
  return assets.empty() ? fs::path{} : assets / "sample-docs";
}

std::string missing_assets_sentence() {
  fs::path exe = platform::executable_path();
  return "The sample documents were not found: they belong in " +
         (exe.parent_path().parent_path() / "share" / "blockify" / "sample-docs").string() +
         ". Reinstall Blockify, or create a job from your own documents.";
}

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
  if (from.empty()) {
    out.error = missing_assets_sentence();
    return out;
  }
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
      out.error = "Could not copy the sample document " + entry.path().filename().string() + " to " +
                  to.string() + ": " + ec.message() + ".";
      return out;
    }
  }
  if (ec) {
    out.error = "Could not read the sample documents in " + from.string() + ": " + ec.message() + ".";
    return out;
  }
  fs::remove(restore_me_path(), ec);  // the failing sample must fail, even on a second run
  auto at = [&](const char* name) { return (to / name).string(); };
  out.jobs.push_back(
      sample("Sample: product manual", {at("product-manual-setup.md"), at("product-manual-sync.md")}));
  out.jobs.push_back(
      sample("Sample: support notes", {at("support-meeting-notes.txt"), restore_me_path().string()}));
  out.jobs.push_back(sample("Sample: retry policy", {at("retry-policy.txt")}, JobMode::ChunkOnly));
  return out;
}

std::string restore_sample_file() {
  if (assets_dir().empty()) return missing_assets_sentence();
  std::error_code ec;
  fs::create_directories(samples_dir(), ec);
  fs::copy_file(assets_dir() / "restore-me.txt.later", restore_me_path(),
                fs::copy_options::overwrite_existing, ec);
  if (ec) return "Could not restore " + restore_me_path().string() + ": " + ec.message() + ".";
  return {};
}

}  // namespace blockify::gui
