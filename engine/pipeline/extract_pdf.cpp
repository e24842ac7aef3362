// Reader for .pdf via poppler-cpp: the text layer, page by page.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <spdlog/spdlog.h>

#include <climits>
#include <memory>
#include <mutex>

#include "engine/pipeline/extract_formats.h"

namespace blockify::extract_internal {

namespace {

// Poppler prints every syntax complaint to stderr by default; a damaged PDF can produce
// thousands. They go to the debug log instead, where they help without cluttering.
void log_poppler_message(const std::string& message, void*) { spdlog::debug("poppler: {}", message); }

void route_poppler_messages() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(&log_poppler_message, nullptr); });
}

// Poppler ends lines with '\n' and columns/blocks with a blank line; lines inside a
// block are joined back into one paragraph so sentences are not cut at the margin.
void append_page_text(std::string_view page, ParagraphWriter& out) {
  size_t pos = 0;
  while (pos < page.size()) {
    size_t end = page.find('\n', pos);
    if (end == std::string_view::npos) end = page.size();
    std::string_view line = page.substr(pos, end - pos);
    if (line.find_first_not_of(" \t\r\f") == std::string_view::npos) {
      out.end_paragraph();
    } else {
      out.append(line);
      out.append(" ");
    }
    pos = end + 1;
  }
  out.end_paragraph();
}

}  // namespace

ExtractResult extract_pdf(std::string_view display, std::string_view bytes, const CancelToken* cancel) {
  route_poppler_messages();
  const std::string name(display);
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return failure(error_code::kTooLarge, name + " is " + format_size(static_cast<int64_t>(bytes.size())) +
                                              ", more than the PDF reader can open.",
                   "Split the PDF into smaller files, then retry.");
  }
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    return failure(error_code::kCorrupt, name + " is damaged: it cannot be read as a PDF.",
                   "Re-export or re-download the PDF, then retry.");
  }
  if (document->is_locked()) {
    return failure(error_code::kEncrypted, name + " is protected with a password.",
                   "Remove the password protection from the PDF (for example, save an unprotected copy), then retry.");
  }
  const int pages = document->pages();
  if (pages <= 0) {
    return failure(error_code::kCorrupt, name + " is damaged: it has no pages.",
                   "Re-export or re-download the PDF, then retry.");
  }
  ParagraphWriter out;
  int unreadable = 0;
  for (int index = 0; index < pages; ++index) {
    if (cancel != nullptr && cancel->cancelled()) return interrupted(display);
    std::unique_ptr<poppler::page> page(document->create_page(index));
    if (!page) {  // an unreadable page should not cost the rest of the document
      ++unreadable;
      continue;
    }
    poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
    append_page_text(std::string_view(utf8.data(), utf8.size()), out);
  }
  if (unreadable == pages) {
    // A page tree that loops back on itself (or points nowhere) has pages on paper only;
    // that is damage, not a scan.
    return failure(error_code::kCorrupt,
                   name + " is damaged: none of its " + std::to_string(pages) +
                       (pages == 1 ? " page" : " pages") + " can be reached (its page tree is broken or circular).",
                   "Re-export or re-download the PDF, then retry.");
  }
  return text_or_no_text(out.finish(),
                         name + " has " + std::to_string(pages) + (pages == 1 ? " page" : " pages") +
                             " but no text layer (it is probably scanned).",
                         "Run OCR on the PDF first (for example with ocrmypdf) so it contains text, then retry.");
}

}  // namespace blockify::extract_internal
