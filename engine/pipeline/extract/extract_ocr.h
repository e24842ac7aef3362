#pragma once
// Internal to the Extract stage: OCR of page images with Tesseract (its C++ API, in this
// process). Used by the image reader and by the PDF reader for pages with no text layer.
#include <memory>
#include <string>
#include <string_view>

#include "engine/domain/error.h"
#include "engine/pipeline/cancel.h"
#include "engine/pipeline/extract/extract.h"

struct Pix;  // Leptonica's image

namespace blockify::extract_internal {

// Decodes a 16- or 32-bit BMP whose pixels are described by bit masks (BI_BITFIELDS),
// which Leptonica does not read; nullptr for any other file or a damaged one.
Pix* decode_bitfields_bmp(std::string_view bytes);

// Loads Tesseract with `settings.languages` on this thread and leaves it as the spare the
// next PageOcr on the thread takes (see below); does nothing when the data is missing.
void preload_ocr(const OcrSettings& settings);

// One OCR session for one file: Tesseract is loaded once with the configured languages,
// then each page is recognised in turn. Not thread-safe; one per file. Loading the
// language data costs a second or more, so a finished session leaves its Tesseract to
// the next session on the same thread with the same languages (a zip of scans, a job's
// next image) instead of unloading it.
class PageOcr {
 public:
  PageOcr(std::string_view display, const OcrSettings& settings, const CancelToken* cancel);
  ~PageOcr();
  PageOcr(const PageOcr&) = delete;
  PageOcr& operator=(const PageOcr&) = delete;

  // Loads the language data. On failure returns OCR_UNAVAILABLE naming the Debian
  // package that provides a missing language ("tesseract-ocr-deu").
  ErrorInfo start();

  // Recognises one 8-bit grey page (`page` of `pages`, counted from 1, for messages and
  // progress) and appends its text to `text`. Fails INTERRUPTED when the job is
  // cancelled (also mid-page) and TOO_LARGE past the per-page time limit.
  ErrorInfo recognise_gray(const unsigned char* pixels, int width, int height, int bytes_per_line,
                           int resolution, int page, int pages, std::string& text);

  // The same for a Leptonica image (`struct Pix*`), as image files are decoded.
  ErrorInfo recognise_pix(void* pix, int page, int pages, std::string& text);

  // "OCR, 91 % confidence": the mean word confidence over the pages read so far.
  std::string summary() const;
  int pages_read() const { return pages_read_; }

 private:
  ErrorInfo run(int page, int pages, std::string& text);

  struct Engine;
  // This thread's loaded Tesseract between sessions, and the languages it holds.
  struct Spare {
    std::string languages;
    std::unique_ptr<Engine> engine;
  };
  static Spare& spare();
  std::string display_;
  OcrSettings settings_;
  const CancelToken* cancel_;
  std::unique_ptr<Engine> engine_;
  int pages_read_ = 0;
  long confidence_sum_ = 0;
};

}  // namespace blockify::extract_internal
