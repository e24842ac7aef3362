#include "engine/platform/paths.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace blockify::platform {
namespace {

std::filesystem::path home() {
  const char* h = std::getenv("HOME");
  return h && *h ? std::filesystem::path(h) : std::filesystem::temp_directory_path();
}

std::filesystem::path xdg(const char* var, const char* fallback) {
  const char* v = std::getenv(var);
  std::filesystem::path base = (v && *v) ? std::filesystem::path(v) : home() / fallback;
  auto dir = base / "blockify";
  create_private_directories(dir);
  return dir;
}

}  // namespace

std::filesystem::path data_dir() { return xdg("XDG_DATA_HOME", ".local/share"); }
std::filesystem::path config_dir() { return xdg("XDG_CONFIG_HOME", ".config"); }

std::filesystem::path default_database_path() {
  const char* db = std::getenv("BLOCKIFY_DB");
  if (db && *db) return db;
  return data_dir() / "blockify.db";
}

bool create_private_directories(const std::filesystem::path& dir, std::string* error) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(dir, ec);
  if (ec) absolute = dir;
  // The missing tail of the path, outermost first.
  std::vector<std::filesystem::path> missing;
  for (std::filesystem::path p = absolute; !p.empty() && !std::filesystem::exists(p, ec);
       p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
      if (error) *error = "Could not create the folder " + it->string() + ": " + std::strerror(errno) + ".";
      return false;
    }
    ::chmod(it->c_str(), 0700);  // the umask may have narrowed it further; 0700 exactly
  }
  return true;
}

void make_private(const std::filesystem::path& file) { ::chmod(file.c_str(), 0600); }

bool write_private_file(const std::filesystem::path& file, const std::string& content, std::string* error) {
  auto fail = [&](const char* what) {
    if (error)
      *error = std::string("Could not ") + what + " " + file.string() + ": " + std::strerror(errno) + ".";
    return false;
  };
  const std::filesystem::path temporary = file.string() + ".new";
  ::unlink(temporary.c_str());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return fail("create");
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      errno = saved;
      return fail("write");
    }
    done += static_cast<size_t>(n);
  }
  const int synced = ::fsync(fd);
  const int closed = ::close(fd);
  if (synced != 0 || closed != 0) {
    int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    return fail("write");
  }
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    return fail("replace");
  }
  return true;
}

std::filesystem::path log_file_for(const std::filesystem::path& database) {
  return database.parent_path() / "blockify.log";
}

}  // namespace blockify::platform
