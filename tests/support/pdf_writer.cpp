#include "tests/support/pdf_writer.h"

#include <cstdio>

#include "tests/support/pdf_builder.h"

namespace blockify::test {

namespace {

std::string escape_pdf_string(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string page_content(const PdfPage& lines) {
  std::string content = "BT /F1 12 Tf 14 TL 72 750 Td\n";
  for (const auto& line : lines) {
    // A blank line is a two-line gap: one line's gap is still "the same block" to poppler.
    if (line.empty()) {
      content += "T*\n";
    } else {
      content += '(';
      content += escape_pdf_string(line);
      content += ") Tj\n";
    }
    content += "T*\n";
  }
  content += "ET\n";
  return content;
}

// Objects: 1 catalog, 2 page tree, 3 font, then a page and its content per page.
std::string build(const std::vector<std::string>& contents, bool locked) {
  PdfBuilder pdf;
  pdf.begin(contents.size(), 2);
  for (size_t i = 0; i < contents.size(); ++i) {
    pdf.object(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        "/Contents " +
        std::to_string(5 + 2 * i) + " 0 R >>");
    pdf.stream(contents[i]);
  }
  if (!locked) return pdf.finish("");
  const std::string hash(64, 'A');  // 32 bytes in hex that no password produces
  pdf.object("<< /Filter /Standard /V 1 /R 2 /O <" + hash + "> /U <" + hash + "> /P -44 >>");
  size_t encrypt = 4 + 2 * contents.size();
  return pdf.finish(" /Encrypt " + std::to_string(encrypt) +
                    " 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]");
}

}  // namespace

std::string make_text_pdf(const std::vector<PdfPage>& pages) {
  std::vector<std::string> contents;
  for (const auto& page : pages) contents.push_back(page_content(page));
  return build(contents, false);
}

std::string make_pdf_without_text(int page_count) {
  std::vector<std::string> contents(static_cast<size_t>(page_count), "0.5 g 72 72 468 648 re f\n");
  return build(contents, false);
}

std::string make_locked_pdf(const std::vector<PdfPage>& pages) {
  std::vector<std::string> contents;
  for (const auto& page : pages) contents.push_back(page_content(page));
  return build(contents, true);
}

}  // namespace blockify::test
