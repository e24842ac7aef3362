#pragma once
// The create form's values and their checks, apart from drawing, so validation and the
// CreateJob it produces are tested directly.
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/core/commands.h"
#include "engine/core/snapshot.h"

namespace blockify::gui {

struct FormFile {
  std::string path;
  int64_t size = -1;      // bytes; -1 when the file does not exist
  bool supported = true;  // extension the pipeline can read
  std::string problem;    // a sentence when the file cannot be used: it is left out of the job
  bool usable() const { return problem.empty(); }
};

struct CreateJobForm {
  std::vector<FormFile> files;
  std::unordered_set<std::string> known;  // paths in `files`, to skip duplicates quickly
  std::string add_path;                   // the "Add path" box
  std::string name;
  std::string dataset = "default";
  JobConfig config;
  bool name_edited = false;  // once the user types a name, adding files stops suggesting one
};

// Most files one folder adds (a dropped home folder must not freeze the form).
inline constexpr size_t kMaxFolderFiles = 10'000;

// The extensions the pipeline reads (engine/pipeline/extract: is_supported_format), as
// the form lists them: "txt, md, csv, json, html, htm, docx, pptx, xlsx, ..., bmp, webp".
std::string supported_formats_text();

// The form prefilled from a CreateJob (New job: defaults; Duplicate: the job's values).
CreateJobForm make_form(const CreateJob& prefill);

struct AddOutcome {
  size_t added = 0;
  std::string message;    // a sentence, or empty
  bool is_error = false;  // nothing could be added (else the message is a note)
};
// Adds a file, or every supported file in a folder and its subfolders (at most
// kMaxFolderFiles, with a note when the folder holds more); skips duplicates. Touches
// the file system: call it on a user action, never per frame.
AddOutcome add_path(CreateJobForm& form, const std::string& path);
void remove_file(CreateJobForm& form, size_t index);

// Number of files Start will send (unsupported and missing files are left out).
size_t usable_files(const CreateJobForm& form);
// Problems that keep Start disabled, as sentences; empty when the form can start.
std::vector<std::string> form_problems(const CreateJobForm& form);
// The command Start posts: the usable files only.
CreateJob to_command(const CreateJobForm& form);
// "12.3 KB" (human_size); "—" for a size that could not be read.
std::string size_text(int64_t bytes);

// Strategy A, "Duplicate as new job": the job's top-level files and settings.
CreateJob duplicate_request(const JobDetail& detail);

}  // namespace blockify::gui
