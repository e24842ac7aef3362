#include "app/gui/create_job_form.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "engine/domain/human_size.h"
#include "engine/domain/text_parts.h"
#include "engine/pipeline/extract/extract.h"

namespace blockify::gui {
namespace {

namespace fs = std::filesystem;

FormFile inspect(const std::string& path) {
  FormFile f;
  f.path = path;
  std::error_code ec;
  std::string name = fs::path(path).filename().string();
  f.supported = is_supported_format(path);
  if (!fs::is_regular_file(path, ec)) {
    f.problem = name + " does not exist or is not a file; it will be left out.";
    return f;
  }
  f.size = static_cast<int64_t>(fs::file_size(path, ec));
  if (ec) f.size = -1;
  if (!f.supported)
    f.problem = name + " is not a supported format (" + supported_formats_text() + "); it will be left out.";
  return f;
}

void suggest_name(CreateJobForm& form) {
  if (form.name_edited || form.files.empty()) return;
  std::string stem = fs::path(form.files.front().path).stem().string();
  form.name =
      form.files.size() == 1 ? stem : stem + " and " + std::to_string(form.files.size() - 1) + " more";
}

std::string trimmed(const std::string& raw) {
  std::string path(trim_space(raw));
  if (path.size() >= 2 && (path.front() == '"' || path.front() == '\'') && path.back() == path.front())
    path = path.substr(1, path.size() - 2);
  return path;
}

// Supported files under `folder` (hidden ones skipped), sorted, at most kMaxFolderFiles;
// `more` tells whether the walk stopped early.
std::vector<std::string> folder_documents(const std::string& folder, bool& more) {
  std::vector<std::string> found;
  more = false;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    // Hidden files and folders (.git, .cache…) are not the user's documents.
    if (it->path().filename().string().starts_with(".")) {
      it.disable_recursion_pending();
      continue;
    }
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec) || !is_supported_format(it->path())) continue;
    if (found.size() == kMaxFolderFiles) {
      more = true;
      break;
    }
    found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

std::string supported_formats_text() {
  std::string text;
  for (const std::string& extension : supported_extensions()) {
    if (!text.empty()) text += ", ";
    text += extension.substr(1);
  }
  return text;
}

CreateJobForm make_form(const CreateJob& prefill) {
  CreateJobForm form;
  form.name = prefill.name;
  form.name_edited = !prefill.name.empty();
  if (!prefill.dataset.empty()) form.dataset = prefill.dataset;
  form.config = prefill.config;
  for (const auto& path : prefill.files) add_path(form, path);
  return form;
}

AddOutcome add_path(CreateJobForm& form, const std::string& raw) {
  AddOutcome out;
  std::string path = trimmed(raw);
  if (path.empty()) return {0, "Type the path of a file or folder first.", true};
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (!ec) path = absolute.lexically_normal().string();

  std::vector<std::string> candidates;
  bool more = false;
  bool folder = fs::is_directory(path, ec);
  if (folder) {
    candidates = folder_documents(path, more);
    if (candidates.empty())
      return {0, "The folder " + path + " holds no supported documents (" + supported_formats_text() + ").",
              true};
  } else {
    candidates.push_back(path);
  }
  for (const auto& c : candidates) {
    if (!form.known.insert(c).second) continue;
    form.files.push_back(inspect(c));
    ++out.added;
  }
  if (out.added == 0) {
    std::string name = fs::path(path).filename().string();
    out.message = folder ? "Every supported document in " + name + " is already in the list."
                         : name + " is already in the list.";
    out.is_error = true;
    return out;
  }
  if (more)
    out.message = "Added the first " + std::to_string(kMaxFolderFiles) + " documents of " + path +
                  "; it holds more. Add its subfolders one by one for the rest.";
  suggest_name(form);
  return out;
}

void remove_file(CreateJobForm& form, size_t index) {
  if (index >= form.files.size()) return;
  form.known.erase(form.files[index].path);
  form.files.erase(form.files.begin() + static_cast<std::ptrdiff_t>(index));
  suggest_name(form);
}

size_t usable_files(const CreateJobForm& form) {
  return static_cast<size_t>(
      std::count_if(form.files.begin(), form.files.end(), [](const FormFile& f) { return f.usable(); }));
}

std::vector<std::string> form_problems(const CreateJobForm& form) {
  std::vector<std::string> problems;
  if (form.files.empty())
    problems.push_back("Add at least one file: drop files or folders on the window, or use Add files….");
  else if (usable_files(form) == 0)
    problems.push_back("None of the files can be read; add a supported document.");
  if (form.name.empty()) {
    problems.push_back("Give the job a name.");
  } else if (std::string why = validate_job_name(form.name); !why.empty()) {
    problems.push_back(why);
  }
  if (form.dataset.empty()) problems.push_back("Name the dataset the IdeaBlocks go into.");
  std::string config = validate(form.config);
  if (!config.empty()) problems.push_back(config);
  return problems;
}

CreateJob to_command(const CreateJobForm& form) {
  CreateJob job;
  job.name = form.name;
  job.dataset = form.dataset;
  job.config = form.config;
  for (const auto& f : form.files)
    if (f.usable()) job.files.push_back(f.path);
  return job;
}

std::string size_text(int64_t bytes) { return bytes < 0 ? "—" : human_size(bytes); }

CreateJob duplicate_request(const JobDetail& d) {
  CreateJob copy;
  copy.name = d.job.name + " (copy)";
  copy.dataset = d.job.dataset;
  copy.config = d.job.config;
  for (const auto& file : d.files)
    if (file.parent_id == 0) copy.files.push_back(file.path);
  return copy;
}

}  // namespace blockify::gui
