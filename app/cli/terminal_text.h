#pragma once
// Text from documents, archives and users reaches the terminal through here: control
// characters are escaped so a file named "evil\e]0;title\a" or a job name with a line
// break cannot move the cursor, recolour the screen or fake a line of output.
#include <string>
#include <string_view>

namespace blockify::cli {

// `text` with C0 and C1 control characters and DEL written as visible escapes ("\n",
// "\t", "\x1b", "\u0085") and bytes that are not UTF-8 as "\xNN". With
// `keep_line_breaks`, "\n" and "\t" pass through (multi-line text such as a model's reply).
std::string terminal_text(std::string_view text, bool keep_line_breaks = false);

}  // namespace blockify::cli
