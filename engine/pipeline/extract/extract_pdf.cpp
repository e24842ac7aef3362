// Reader for .pdf via poppler-cpp: the text layer page by page; pages without one are
// rendered at 300 dpi and OCRed.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <mutex>

#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/extract/extract_ocr.h"
#include "engine/pipeline/extract/pdf_hyphens.h"
#include "engine/pipeline/extract/pdf_text_cleanup.h"

namespace blockify::extract_internal {

namespace {

// Poppler prints every syntax complaint to stderr by default; a damaged PDF can produce
// thousands. They go to the debug log instead, where they help without cluttering.
void log_poppler_message(const std::string& message, void*) { spdlog::debug("poppler: {}", message); }

void route_poppler_messages() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(&log_poppler_message, nullptr); });
}

// A page with fewer visible characters than this has no real text layer (a scan may
// carry a stray page number or a watermark letter), so it is OCRed.
constexpr size_t kMinPageCharacters = 8;

size_t visible_characters(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f';
  return count;
}

// A page rendered for OCR takes one byte per pixel: 50 million pixels is an A2 sheet at
// 300 dpi. A larger page (a poster, or a hostile 200-inch MediaBox that would need gigabytes)
// is rendered at the resolution that fits.
constexpr double kMaxOcrPixels = 50e6;

double ocr_resolution(const poppler::page& page) {
  poppler::rectf box = page.page_rect();
  double pixels_at_300 = (box.width() / 72.0 * 300.0) * (box.height() / 72.0 * 300.0);
  if (!(pixels_at_300 > kMaxOcrPixels)) return 300.0;
  return 300.0 * std::sqrt(kMaxOcrPixels / pixels_at_300);
}

// Renders a page at 300 dpi (less for a page past kMaxOcrPixels) in 8-bit grey (what OCR
// reads best) and OCRs it.
ErrorInfo ocr_page(poppler::page& page, int number, int pages, PageOcr& ocr, std::string& text) {
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const double resolution = ocr_resolution(page);
  poppler::image image = renderer.render_page(&page, resolution, resolution);
  if (!image.is_valid()) {
    return ErrorInfo{error_code::kCorrupt,
                     "Page " + std::to_string(number) + " could not be rendered for OCR.",
                     "Re-export or re-download the PDF, then retry."};
  }
  return ocr.recognise_gray(reinterpret_cast<const unsigned char*>(image.const_data()), image.width(),
                            image.height(), image.bytes_per_row(), std::max(1, static_cast<int>(resolution)),
                            number, pages, text);
}

// Poppler's reading-order text joins a word broken at a line end and drops its hyphen,
// compounds included ("well-" + "known" → "wellknown"). Pages that may hide such a
// compound are read a second time in raw order, where the line ends still show, and the
// hyphens compounds keep are put back. False when the job was cancelled meanwhile.
bool put_back_compound_hyphens(poppler::document& document, const std::vector<int>& layer_pages,
                               std::vector<std::string>& page_texts, const CancelToken* cancel) {
  // A first look gathers only the hyphenated words; plain words are counted later, and
  // only those a break could make, so a document without suspects costs one light pass.
  DocumentWords words;
  for (const auto& text : page_texts) words.add_hyphenated(text);
  std::vector<std::vector<LineEndHyphen>> breaks(page_texts.size());
  DocumentWords::WordSet joins;
  for (size_t i = 0; i < page_texts.size(); ++i) {
    if (layer_pages[i] < 0 || !may_hide_compound(page_texts[i], words)) continue;
    if (cancel != nullptr && cancel->cancelled()) return false;
    std::unique_ptr<poppler::page> page(document.create_page(layer_pages[i]));
    if (!page) continue;
    poppler::byte_array raw = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
    breaks[i] = line_end_hyphens(std::string_view(raw.data(), raw.size()));
    for (const auto& hyphen : breaks[i]) joins.insert(joined_word(hyphen));
  }
  if (joins.empty()) return true;
  for (const auto& text : page_texts) words.count_plain(text, joins);
  // A join is not the word written whole: "highlight" counts only where it was not broken.
  for (const auto& page_breaks : breaks) {
    for (const auto& hyphen : page_breaks) {
      auto it = words.plain.find(joined_word(hyphen));
      if (it != words.plain.end()) --it->second;
    }
  }
  for (size_t i = 0; i < page_texts.size(); ++i) {
    if (!breaks[i].empty()) restore_compound_hyphens(page_texts[i], breaks[i], words);
  }
  return true;
}

}  // namespace

ExtractResult extract_pdf(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                          const CancelToken* cancel) {
  route_poppler_messages();
  const std::string name(display);
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return failure(error_code::kTooLarge,
                   name + " is " + human_size(static_cast<int64_t>(bytes.size())) +
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
    return failure(
        error_code::kEncrypted, name + " is protected with a password.",
        "Remove the password protection from the PDF (for example, save an unprotected copy), then retry.");
  }
  const int pages = document->pages();
  if (pages <= 0) {
    return failure(error_code::kCorrupt, name + " is damaged: it has no pages.",
                   "Re-export or re-download the PDF, then retry.");
  }
  std::vector<std::string> page_texts;
  std::vector<int> layer_pages;  // for each text, its page index when it came from the text layer; -1 for OCR
  std::unique_ptr<PageOcr> ocr;  // started at the first page that needs it
  int scanned_pages = 0;
  int unreadable = 0;
  for (int index = 0; index < pages; ++index) {
    if (cancel != nullptr && cancel->cancelled()) return interrupted(display);
    std::unique_ptr<poppler::page> page(document->create_page(index));
    if (!page) {  // an unreadable page should not cost the rest of the document
      ++unreadable;
      continue;
    }
    poppler::byte_array utf8 =
        page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
    std::string text(utf8.data(), utf8.size());
    int layer_page = index;
    if (visible_characters(text) < kMinPageCharacters) {
      ++scanned_pages;
      if (limits.ocr.enabled) {
        if (!ocr) {
          ocr = std::make_unique<PageOcr>(display, limits.ocr, cancel);
          ErrorInfo started = ocr->start();
          if (!started.empty()) return failure(started.code.c_str(), started.message, started.hint);
        }
        std::string recognised;
        ErrorInfo read = ocr_page(*page, index + 1, pages, *ocr, recognised);
        if (!read.empty()) return failure(read.code.c_str(), read.message, read.hint);
        if (visible_characters(recognised) > visible_characters(text)) {
          text = std::move(recognised);
          layer_page = -1;
        }
      }
    }
    page_texts.push_back(std::move(text));
    layer_pages.push_back(layer_page);
  }
  if (unreadable == pages) {
    // A page tree that loops back on itself (or points nowhere) has pages on paper only;
    // that is damage, not a scan.
    return failure(error_code::kCorrupt,
                   name + " is damaged: none of its " + std::to_string(pages) +
                       (pages == 1 ? " page" : " pages") +
                       " can be reached (its page tree is broken or circular).",
                   "Re-export or re-download the PDF, then retry.");
  }
  if (!put_back_compound_hyphens(*document, layer_pages, page_texts, cancel)) return interrupted(display);
  std::vector<std::vector<std::string>> page_lines;
  for (const auto& text : page_texts) page_lines.push_back(split_lines(text));
  ExtractResult result;
  if (scanned_pages > 0 && !limits.ocr.enabled) {
    result = text_or_no_text(clean_page_text(std::move(page_lines)),
                             name + " has " + std::to_string(pages) + (pages == 1 ? " page" : " pages") +
                                 " but no text layer (it is probably scanned), and OCR is off.",
                             "Turn on OCR in Settings, then retry.");
  } else {
    result = text_or_no_text(clean_page_text(std::move(page_lines)),
                             name + " has " + std::to_string(pages) + (pages == 1 ? " page" : " pages") +
                                 " but no text, and OCR found none on its pages.",
                             "Check that the pages show legible text, or remove the PDF from the job.");
  }
  if (ocr && ocr->pages_read() > 0) {
    result.encoding = ocr->summary() + " (" + std::to_string(ocr->pages_read()) + " of " +
                      std::to_string(pages) + (pages == 1 ? " page)" : " pages)");
  }
  return result;
}

}  // namespace blockify::extract_internal
