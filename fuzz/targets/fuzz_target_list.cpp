// The name of each fuzz target: the executable is fuzz_<name>, its seeds live in
// fuzz/corpus/<name>/ and its committed reproducers in fuzz/regressions/<name>/.
#include "fuzz/fuzz_targets.h"

namespace blockify::fuzz {

const std::vector<FuzzTarget>& fuzz_targets() {
  static const std::vector<FuzzTarget> targets = {
      {"extract_text", fuzz_extract_text},     {"extract_csv", fuzz_extract_csv},
      {"extract_json", fuzz_extract_json},     {"extract_html", fuzz_extract_html},
      {"extract_docx", fuzz_extract_docx},     {"extract_pptx", fuzz_extract_pptx},
      {"extract_pdf", fuzz_extract_pdf},       {"extract_zip", fuzz_extract_zip},
      {"ideablock_xml", fuzz_ideablock_xml},   {"endpoint_reply", fuzz_endpoint_reply},
      {"remote_command", fuzz_remote_command}, {"chunk", fuzz_chunk},
  };
  return targets;
}

}  // namespace blockify::fuzz
