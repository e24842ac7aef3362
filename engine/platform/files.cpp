#include "engine/platform/files.h"

#include <cerrno>

#if defined(_WIN32)
#include <io.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#endif

namespace blockify::platform {

int64_t free_space_at(const std::filesystem::path& dir) {
  std::error_code ec;
  const std::filesystem::space_info info = std::filesystem::space(dir, ec);
  if (ec) return -1;
  return static_cast<int64_t>(info.available);
}

bool on_read_only_mount(const std::filesystem::path& dir) {
#if defined(_WIN32)
  (void)dir;
  return false;
#else
  struct statvfs fs {};
  return ::statvfs(dir.c_str(), &fs) == 0 && (fs.f_flag & ST_RDONLY);
#endif
}

bool may_write(const std::filesystem::path& path) {
#if defined(_WIN32)
  return _waccess(path.c_str(), 2) == 0;
#else
  return ::access(path.c_str(), W_OK) == 0;
#endif
}

bool nothing_at(const std::filesystem::path& path) {
#if defined(_WIN32)
  std::error_code ec;
  return std::filesystem::status(path, ec).type() == std::filesystem::file_type::not_found;
#else
  struct stat st;
  return ::stat(path.c_str(), &st) != 0 && errno == ENOENT;
#endif
}

void create_private_file_if_missing(const std::filesystem::path& path) {
#if defined(_WIN32)
  if (std::FILE* file = _wfopen(path.c_str(), L"wbx")) std::fclose(file);
#else
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
#endif
}

std::FILE* create_new_file(const std::filesystem::path& path, unsigned mode) {
#if defined(_WIN32)
  (void)mode;
  return _wfopen(path.c_str(), L"wbx");
#else
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return nullptr;
  // The umask narrowed the 0600 above; the replaced file's own mode is restored exactly.
  // Should fchmod fail, the file keeps that private mode, which is the safe side.
  (void)::fchmod(fd, static_cast<mode_t>(mode));
  std::FILE* file = ::fdopen(fd, "wb");
  if (file == nullptr) {
    const int error = errno;
    ::close(fd);
    ::unlink(path.c_str());
    errno = error;
  }
  return file;
#endif
}

std::FILE* open_for_reading(const std::filesystem::path& path) {
#if defined(_WIN32)
  return _wfopen(path.c_str(), L"rb");
#else
  return std::fopen(path.c_str(), "rb");
#endif
}

void make_private(std::FILE* file) {
#if defined(_WIN32)
  (void)file;  // no mode bits: the folder's access list applies
#else
  (void)::fchmod(::fileno(file), 0600);
#endif
}

int sync_file(std::FILE* file) {
#if defined(_WIN32)
  return _commit(_fileno(file));
#else
  return ::fsync(::fileno(file));
#endif
}

void sync_folder(const std::filesystem::path& dir) {
#if defined(_WIN32)
  (void)dir;
#else
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
#endif
}

}  // namespace blockify::platform
