#pragma once
// Builds zip archives and the Office files that are zips (.docx, .pptx) in memory, with
// libarchive's writer, so tests and benchmarks generate their inputs instead of
// committing binary fixtures.
#include <string>
#include <vector>

namespace blockify::test {

struct ZipMember {
  std::string name;     // path inside the archive; a name ending in '/' is a folder
  std::string content;  // ignored for folders
};

struct ZipOptions {
  bool compress = true;  // deflate; false stores members uncompressed
  std::string password;  // non-empty: members are encrypted (traditional PKWARE)
};

// The bytes of a zip holding `members` in the given order.
std::string make_zip(const std::vector<ZipMember>& members, const ZipOptions& options = {});

// Escapes text for XML content with the product's own escaping (append_xml_escaped).
std::string xml_escape(const std::string& text);

// A minimal valid .docx whose body has one paragraph per string, in order.
std::string make_docx(const std::vector<std::string>& paragraphs);

// A .docx with `body_xml` (WordprocessingML, prefix "w:") inside <w:body>.
std::string make_docx_with_body(const std::string& body_xml);

// A minimal valid .pptx: slides[i] holds the paragraphs of slide i + 1. Slide parts are
// written to the zip in reverse order, so a reader that trusts zip order gets it wrong.
std::string make_pptx(const std::vector<std::vector<std::string>>& slides);

}  // namespace blockify::test
