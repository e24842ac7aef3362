#pragma once
// The create form's values and their checks, apart from drawing, so validation and the
// CreateJob it produces are tested directly.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/commands.h"

namespace blockify {

struct FormFile {
  std::string path;
  int64_t size = -1;      // bytes; -1 when the file does not exist
  bool supported = true;  // extension the pipeline can read
  std::string problem;    // a sentence when the file cannot be used as is
};

struct CreateJobForm {
  std::vector<FormFile> files;
  std::string add_path;   // the "Add path" box
  std::string name;
  std::string dataset = "default";
  JobConfig config;
  bool name_edited = false;  // once the user types a name, adding files stops suggesting one
};

// Extensions the pipeline reads: .txt .md .csv .json .html .htm .docx .pptx .pdf .zip.
bool is_supported_document(const std::string& path);
// "txt, md, csv, json, html, htm, docx, pptx, pdf, zip".
const char* supported_formats_text();

// The form prefilled from a CreateJob (New job: defaults; Duplicate: the job's values).
CreateJobForm make_form(const CreateJob& prefill);
// Adds a file, or the supported files directly inside a folder; skips duplicates.
// Returns a sentence when nothing could be added, else an empty string.
std::string add_path(CreateJobForm& form, const std::string& path);
void remove_file(CreateJobForm& form, size_t index);

// Problems that keep Start disabled, as sentences; empty when the form can start.
std::vector<std::string> form_problems(const CreateJobForm& form);
// The command Start posts.
CreateJob to_command(const CreateJobForm& form);
// "12.3 KB".
std::string size_text(int64_t bytes);

}  // namespace blockify
