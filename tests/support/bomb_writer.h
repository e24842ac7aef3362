#pragma once
// Writes hostile archives straight to disk, streaming: a member of hundreds of MB is
// generated block by block, so the test building it stays small in memory and the only
// large thing measured is the reader.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace blockify::test {

struct InflatingMember {
  std::string name;       // path inside the zip
  std::string head;       // written first (e.g. an XML prologue and opening tags)
  std::string repeat;     // then this, again and again, up to `size` bytes in all
  std::string tail;       // written last (closing tags)
  int64_t size = 0;       // total unpacked bytes of the member, head and tail included
  int64_t declared = -1;  // the size its headers claim; -1: the truth (`size`)
};

// A zip of `members` at `path`, each deflated so that its content inflates to `size`
// bytes from about a thousandth of that (one deflated block, repeated).
void write_inflating_zip(const std::filesystem::path& path, const std::vector<InflatingMember>& members);

// A .pptx whose `slides` slide parts each unpack to `slide_bytes` of slide XML.
void write_inflating_pptx(const std::filesystem::path& path, int slides, int64_t slide_bytes);

// A .docx whose word/document.xml unpacks to `body_bytes` (while its headers claim
// `declared_bytes`, when that is not -1).
void write_inflating_docx(const std::filesystem::path& path, int64_t body_bytes, int64_t declared_bytes = -1);

}  // namespace blockify::test
