# blockify_embed_text(<target> <file> <symbol>): compiles <file> (a text file of the
# source tree) into <target> as `extern const std::string_view <symbol>` in namespace
# blockify, so data such as word lists lives in a text file and still ships inside the
# binary. The file's bytes are written as a char array (no string-literal length limit,
# any byte allowed); editing the file reconfigures and rebuilds that one source.
function(blockify_embed_text target file symbol)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(READ ${file} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(REPLACE "'\\x0a'," "'\\x0a',\n    " bytes "${bytes}")  # a line of source per line of text
  file(RELATIVE_PATH source ${PROJECT_SOURCE_DIR} ${file})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp)
  file(GENERATE OUTPUT ${out} CONTENT
"// Generated from ${source} by cmake/embed_text.cmake: edit that file, not this one.
#include <string_view>

namespace blockify {
namespace {
const char kBytes[] = {
    ${bytes}'\\0'};
}  // namespace
extern const std::string_view ${symbol};
const std::string_view ${symbol}{kBytes, sizeof kBytes - 1};
}  // namespace blockify
")
  target_sources(${target} PRIVATE ${out})
endfunction()
