#pragma once
// Writes a PDF's objects by hand, for the test PDF writers (text, locked, scanned).
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace blockify::test {

// Serialises numbered objects (1..n in order) with a correct cross-reference table.
class PdfBuilder {
 public:
  PdfBuilder() { out_ = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"; }

  // Objects 1 to 3: the catalog, the tree of `pages` pages (page i is object
  // 4 + objects_per_page * i) and the Helvetica font.
  void begin(size_t pages, size_t objects_per_page) {
    object("<< /Type /Catalog /Pages 2 0 R >>");
    std::string kids;
    for (size_t i = 0; i < pages; ++i) kids += std::to_string(4 + objects_per_page * i) + " 0 R ";
    object("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
    object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  }
  void object(const std::string& body) {
    offsets_.push_back(out_.size());
    out_ += std::to_string(offsets_.size()) + " 0 obj\n" + body + "\nendobj\n";
  }
  void stream(const std::string& data) {
    object("<< /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream");
  }
  // A stream whose dictionary holds `dictionary` before its length.
  void stream(const std::string& dictionary, const std::string& data) {
    object("<< " + dictionary + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
           "\nendstream");
  }

  std::string finish(const std::string& extra_trailer) {
    size_t xref = out_.size();
    out_ += "xref\n0 " + std::to_string(offsets_.size() + 1) + "\n0000000000 65535 f \n";
    char entry[32];
    for (size_t offset : offsets_) {
      std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
      out_ += entry;
    }
    out_ += "trailer\n<< /Size " + std::to_string(offsets_.size() + 1) + " /Root 1 0 R" + extra_trailer +
            " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return std::move(out_);
  }

 private:
  std::string out_;
  std::vector<size_t> offsets_;
};

}  // namespace blockify::test
