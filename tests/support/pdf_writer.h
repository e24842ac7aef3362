#pragma once
// Writes small, valid PDFs by hand (uncompressed, Helvetica text), so tests and the
// extract benchmark generate PDFs instead of committing binary fixtures.
#include <string>
#include <vector>

namespace blockify::test {

// One page of text: each string is a line; an empty string leaves a blank line, which a
// PDF reader sees as a paragraph gap. Only ASCII text is supported.
using PdfPage = std::vector<std::string>;

// A PDF with one page per entry of `pages`, each showing its lines top to bottom.
std::string make_text_pdf(const std::vector<PdfPage>& pages);

// A PDF with `page_count` pages that each hold only a filled rectangle: what a scanned
// document without OCR looks like to a text extractor.
std::string make_pdf_without_text(int page_count = 1);

// A PDF whose Standard security handler requires a user password nobody knows (the
// stored hashes match no password), so a reader cannot open it: what a password-protected
// PDF looks like without its password.
std::string make_locked_pdf(const std::vector<PdfPage>& pages);

}  // namespace blockify::test
