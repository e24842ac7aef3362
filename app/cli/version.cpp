#include "app/cli/version.h"
namespace blockify::cli {
const char* version() { return BLOCKIFY_VERSION; }
}  // namespace blockify::cli
