#pragma once
// The first-run sample jobs: sample documents copied from assets/sample-docs into the
// data folder, and the CreateJob commands for them. One sample fails on purpose (a
// missing file) so a new user sees how a failure reads and how Retry fixes it.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/core/commands.h"

namespace blockify::gui {

// platform::data_dir()/samples.
std::filesystem::path samples_dir();
// The sample file left missing on purpose: samples_dir()/restore-me.txt.
std::filesystem::path restore_me_path();
// True when `path` is that file, so the detail can offer "Restore sample file".
bool is_restorable_sample(const std::string& path);

struct SampleJobs {
  std::vector<CreateJob> jobs;
  std::string error;  // a sentence when the samples could not be copied
};

// Copies the sample documents into samples_dir() (removing restore-me.txt so the
// failing sample fails) and returns the jobs to create: "Sample: product manual"
// (completes), "Sample: support notes" (fails: restore-me.txt is missing) and
// "Sample: retry policy" (chunk only).
SampleJobs prepare_sample_jobs();

// Puts restore-me.txt in place from assets/sample-docs/restore-me.txt.later.
// Returns an empty string on success, else a sentence.
std::string restore_sample_file();

}  // namespace blockify::gui
