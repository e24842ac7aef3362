// The one check of an input that needs no reading: is anything there at all?
#include <sys/stat.h>

#include <cerrno>

#include "engine/pipeline/extract/extract.h"

namespace blockify {

std::optional<ErrorInfo> missing_input(const std::filesystem::path& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 || errno != ENOENT) return std::nullopt;
  return ErrorInfo{error_code::kFileNotFound, path.filename().string() + " was not found at " + path.string() + ".",
                   "Restore or replace " + path.string() + ", then retry."};
}

}  // namespace blockify
