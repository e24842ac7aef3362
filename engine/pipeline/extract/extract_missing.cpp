// The one check of an input that needs no reading: is anything there at all?
#include "engine/pipeline/extract/extract.h"
#include "engine/platform/files.h"

namespace blockify {

std::optional<ErrorInfo> missing_input(const std::filesystem::path& path) {
  if (!platform::nothing_at(path)) return std::nullopt;
  return ErrorInfo{error_code::kFileNotFound,
                   path.filename().string() + " was not found at " + path.string() + ".",
                   "Restore or replace " + path.string() + ", then retry."};
}

}  // namespace blockify
