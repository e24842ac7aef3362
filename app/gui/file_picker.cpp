#include "app/gui/file_picker.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <system_error>
#include <thread>

namespace blockify::gui {

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::stringstream folders(path);
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    if (folder.empty()) continue;
    std::filesystem::path candidate = std::filesystem::path(folder) / program;
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
      return true;
  }
  return false;
}

FilePicker::FilePicker() : queue_(std::make_shared<Queue>()) {}

bool FilePicker::start(const std::string& command, std::function<void()> wake) {
  {
    std::lock_guard lock(queue_->mutex);
    if (queue_->running) return false;
    queue_->running = true;
  }
  try {
    std::thread([queue = queue_, command, wake = std::move(wake)] {
      std::vector<std::string> paths;
      std::string error;
      if (FILE* pipe = ::popen(command.c_str(), "r")) {
        std::string out;
        char buffer[4096];
        size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
        ::pclose(pipe);  // a cancelled dialog exits non-zero and prints nothing
        std::stringstream lines(out);
        std::string line;
        while (std::getline(lines, line))
          if (!line.empty()) paths.push_back(line);
      } else {
        error = "The file dialog could not be opened; type a path or drop files on the window instead.";
      }
      {
        std::lock_guard lock(queue->mutex);
        queue->paths.insert(queue->paths.end(), paths.begin(), paths.end());
        queue->error = error;
        queue->running = false;
        queue->ready = true;
      }
      if (wake) wake();
    }).detach();
  } catch (const std::system_error&) {
    std::lock_guard lock(queue_->mutex);
    queue_->running = false;
    return false;
  }
  return true;
}

bool FilePicker::running() const {
  std::lock_guard lock(queue_->mutex);
  return queue_->running;
}

bool FilePicker::has_result() const {
  std::lock_guard lock(queue_->mutex);
  return queue_->ready;
}

PickResult FilePicker::take() {
  std::lock_guard lock(queue_->mutex);
  PickResult out;
  out.finished = queue_->ready;
  out.paths.swap(queue_->paths);
  out.error.swap(queue_->error);
  queue_->ready = false;
  return out;
}

}  // namespace blockify::gui
