#include "app/gui/create_job_form.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace blockify {
namespace {

namespace fs = std::filesystem;

std::string lower_extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

FormFile inspect(const std::string& path) {
  FormFile f;
  f.path = path;
  std::error_code ec;
  std::string name = fs::path(path).filename().string();
  if (!fs::is_regular_file(path, ec)) {
    f.problem = name + " does not exist or is not a file.";
    f.supported = is_supported_document(path);
    return f;
  }
  f.size = static_cast<int64_t>(fs::file_size(path, ec));
  f.supported = is_supported_document(path);
  if (!f.supported)
    f.problem = name + " is not a supported format (" + supported_formats_text() + "); remove it or convert it.";
  return f;
}

void suggest_name(CreateJobForm& form) {
  if (form.name_edited || form.files.empty()) return;
  std::string stem = fs::path(form.files.front().path).stem().string();
  form.name = form.files.size() == 1 ? stem : stem + " and " + std::to_string(form.files.size() - 1) + " more";
}

}  // namespace

bool is_supported_document(const std::string& path) {
  static const char* kExtensions[] = {".txt", ".md", ".csv", ".json", ".html", ".htm",
                                      ".docx", ".pptx", ".pdf", ".zip"};
  std::string ext = lower_extension(path);
  return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* e) { return ext == e; });
}

const char* supported_formats_text() { return "txt, md, csv, json, html, htm, docx, pptx, pdf, zip"; }

CreateJobForm make_form(const CreateJob& prefill) {
  CreateJobForm form;
  form.name = prefill.name;
  form.name_edited = !prefill.name.empty();
  if (!prefill.dataset.empty()) form.dataset = prefill.dataset;
  form.config = prefill.config;
  for (const auto& path : prefill.files) add_path(form, path);
  return form;
}

std::string add_path(CreateJobForm& form, const std::string& raw) {
  std::string path = raw;
  while (!path.empty() && std::isspace(static_cast<unsigned char>(path.back()))) path.pop_back();
  while (!path.empty() && std::isspace(static_cast<unsigned char>(path.front()))) path.erase(path.begin());
  if (path.size() >= 2 && (path.front() == '"' || path.front() == '\'') && path.back() == path.front())
    path = path.substr(1, path.size() - 2);
  if (path.empty()) return "Type the path of a file or folder first.";
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (!ec) path = absolute.lexically_normal().string();

  std::vector<std::string> candidates;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec))
      if (entry.is_regular_file() && is_supported_document(entry.path().string()))
        candidates.push_back(entry.path().string());
    std::sort(candidates.begin(), candidates.end());
    if (candidates.empty())
      return "The folder " + path + " holds no supported documents (" + supported_formats_text() + ").";
  } else {
    candidates.push_back(path);
  }
  size_t before = form.files.size();
  for (const auto& c : candidates) {
    bool known = std::any_of(form.files.begin(), form.files.end(), [&](const FormFile& f) { return f.path == c; });
    if (!known) form.files.push_back(inspect(c));
  }
  if (form.files.size() == before) return fs::path(path).filename().string() + " is already in the list.";
  suggest_name(form);
  return {};
}

void remove_file(CreateJobForm& form, size_t index) {
  if (index < form.files.size()) form.files.erase(form.files.begin() + static_cast<std::ptrdiff_t>(index));
  suggest_name(form);
}

std::vector<std::string> form_problems(const CreateJobForm& form) {
  std::vector<std::string> problems;
  if (form.files.empty()) problems.push_back("Add at least one file: drop files on the window or type a path.");
  for (const auto& f : form.files)
    if (!f.problem.empty()) problems.push_back(f.problem);
  if (form.name.empty()) problems.push_back("Give the job a name.");
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
  for (const auto& f : form.files) job.files.push_back(f.path);
  return job;
}

std::string size_text(int64_t bytes) {
  if (bytes < 0) return "—";
  char text[32];
  if (bytes < 1024)
    std::snprintf(text, sizeof text, "%lld B", static_cast<long long>(bytes));
  else if (bytes < 1024 * 1024)
    std::snprintf(text, sizeof text, "%.1f KB", static_cast<double>(bytes) / 1024);
  else if (bytes < 1024LL * 1024 * 1024)
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
  else
    std::snprintf(text, sizeof text, "%.2f GB", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
  return text;
}

}  // namespace blockify
