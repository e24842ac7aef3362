// OCR of page images through Tesseract's C++ API, and the reader for image files.
#include "engine/pipeline/extract/extract_ocr.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "engine/domain/text_parts.h"
#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/extract/pdf_text_cleanup.h"

namespace blockify::extract_internal {

struct PageOcr::Engine {
  tesseract::TessBaseAPI api;
};

namespace {

// Leptonica and Tesseract print warnings ("Invalid resolution 0 dpi") to stderr; the
// user sees failures as messages instead.
void quiet_libraries() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

std::vector<std::string> split_languages(const std::string& languages) {
  std::vector<std::string> codes;
  for_each_part(languages, '+', [&](std::string_view code) {
    if (!code.empty()) codes.emplace_back(code);
  });
  return codes;
}

// Tesseract asks this between words; true stops the page.
bool cancel_requested(void* token, int) {
  const auto* cancel = static_cast<const CancelToken*>(token);
  return cancel != nullptr && cancel->cancelled();
}

// An image larger than this is refused before it is decoded: 100 million pixels is a
// 48-megapixel photo twice over, or an A0 sheet scanned at 250 dpi.
constexpr int64_t kMaxImagePixels = 100'000'000;

struct PixDeleter {
  void operator()(PIX* pix) const {
    PIX* doomed = pix;
    pixDestroy(&doomed);
  }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

}  // namespace

PageOcr::PageOcr(std::string_view display, const OcrSettings& settings, const CancelToken* cancel)
    : display_(display), settings_(settings), cancel_(cancel) {}

PageOcr::Spare& PageOcr::spare() {
  thread_local Spare loaded;
  return loaded;
}

PageOcr::~PageOcr() {
  if (!engine_) return;
  engine_->api.Clear();  // the page image and results go; the language data stays
  spare() = Spare{settings_.languages, std::move(engine_)};
}

namespace {

// Loads `languages` into `api`; returns the first language whose data is not installed,
// or "" when all loaded. Tesseract starts when any one language loads, so every one
// asked for is checked.
std::string load_languages(tesseract::TessBaseAPI& api, const std::string& languages) {
  quiet_libraries();
  std::vector<std::string> codes = split_languages(languages);
  if (codes.empty()) codes.push_back("eng");
  std::string joined;
  for (const auto& code : codes) joined += (joined.empty() ? "" : "+") + code;
  api.SetVariable("debug_file", "/dev/null");
  if (api.Init(nullptr, joined.c_str(), tesseract::OEM_LSTM_ONLY) == 0) {
    std::vector<std::string> loaded;
    api.GetLoadedLanguagesAsVector(&loaded);
    for (const auto& code : codes) {
      if (std::find(loaded.begin(), loaded.end(), code) == loaded.end()) return code;
    }
    return {};
  }
  for (const auto& code : codes) {  // name the one that is missing: load each alone
    tesseract::TessBaseAPI probe;
    probe.SetVariable("debug_file", "/dev/null");
    if (probe.Init(nullptr, code.c_str(), tesseract::OEM_LSTM_ONLY) != 0) return code;
  }
  return codes.front();
}

}  // namespace

ErrorInfo PageOcr::start() {
  Spare& loaded = spare();
  if (loaded.engine && loaded.languages == settings_.languages) {
    engine_ = std::move(loaded.engine);
    return {};
  }
  loaded.engine.reset();  // other languages: one loaded Tesseract per thread at most
  engine_ = std::make_unique<Engine>();
  std::string missing = load_languages(engine_->api, settings_.languages);
  if (missing.empty()) return {};
  engine_.reset();
  return ErrorInfo{error_code::kOcrUnavailable,
                   "OCR of " + display_ + " cannot start: the Tesseract language data for \"" + missing +
                       "\" is not installed.",
                   "Install the Debian package tesseract-ocr-" + missing +
                       " (or remove the language from OCR languages in Settings), then retry."};
}

ErrorInfo PageOcr::run(int page, int pages, std::string& text) {
  tesseract::TessBaseAPI& api = engine_->api;
  if (settings_.progress) settings_.progress(page - 1, pages);  // "OCR page 3 of 12" while it runs
  tesseract::ETEXT_DESC monitor;
  monitor.cancel = &cancel_requested;
  monitor.cancel_this = const_cast<CancelToken*>(cancel_);
  if (settings_.page_seconds > 0) monitor.set_deadline_msecs(settings_.page_seconds * 1000);
  int status = api.Recognize(&monitor);
  if (cancel_ != nullptr && cancel_->cancelled()) {
    return ErrorInfo{error_code::kInterrupted,
                     "Reading " + display_ + " stopped because the job was cancelled (during OCR of page " +
                         std::to_string(page) + ").",
                     "Retry the job to read the file again."};
  }
  if (monitor.deadline_exceeded()) {
    return ErrorInfo{
        error_code::kTooLarge,
        "OCR of page " + std::to_string(page) + " of " + std::to_string(pages) + " in " + display_ +
            " took longer than the " + std::to_string(settings_.page_seconds) + "-second limit for one page.",
        "Raise the OCR time limit per page in Settings, or scan the page at a lower resolution, then retry."};
  }
  if (status != 0) {
    return ErrorInfo{error_code::kCorrupt,
                     "OCR could not read page " + std::to_string(page) + " of " + display_ + ".",
                     "Check that the page is a readable image, then retry."};
  }
  std::unique_ptr<char[]> utf8(api.GetUTF8Text());
  std::string page_text = utf8 ? std::string(utf8.get()) : std::string();
  if (page_text.find_first_not_of(" \t\r\n\f") != std::string::npos) {
    ++pages_read_;
    confidence_sum_ += api.MeanTextConf();
    if (!text.empty()) text += "\n\n";
    text += page_text;
  }
  api.Clear();
  if (settings_.progress) settings_.progress(page, pages);
  return {};
}

ErrorInfo PageOcr::recognise_gray(const unsigned char* pixels, int width, int height, int bytes_per_line,
                                  int resolution, int page, int pages, std::string& text) {
  engine_->api.SetImage(pixels, width, height, 1, bytes_per_line);
  engine_->api.SetSourceResolution(resolution);
  return run(page, pages, text);
}

ErrorInfo PageOcr::recognise_pix(void* pix, int page, int pages, std::string& text) {
  auto* image = static_cast<PIX*>(pix);
  engine_->api.SetImage(image);
  // Photos and screenshots often carry no resolution; Tesseract then guesses 70 dpi and
  // misjudges text size. 300 dpi is what scanners write.
  if (pixGetXRes(image) < 70) engine_->api.SetSourceResolution(300);
  return run(page, pages, text);
}

void preload_ocr(const OcrSettings& settings) {
  PageOcr ocr("", settings, nullptr);
  ocr.start();  // a failure leaves nothing loaded; the first file then reports it
}

std::string PageOcr::summary() const {
  if (pages_read_ == 0) return "OCR";
  return "OCR, " + std::to_string(confidence_sum_ / pages_read_) + " % confidence";
}

ExtractResult extract_image(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                            const CancelToken* cancel) {
  const std::string name(display);
  if (!limits.ocr.enabled) {
    return failure(error_code::kNoText,
                   name + " is an image; its text can only be read with OCR, which is off.",
                   "Turn on OCR in Settings, then retry.");
  }
  quiet_libraries();
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 format = IFF_UNKNOWN;
  findFileFormatBuffer(data, &format);
  const bool tiff = format == IFF_TIFF || format == IFF_TIFF_G3 || format == IFF_TIFF_G4 ||
                    format == IFF_TIFF_ZIP || format == IFF_TIFF_LZW || format == IFF_TIFF_PACKBITS ||
                    format == IFF_TIFF_RLE || format == IFF_TIFF_JPEG;
  int pages = 1;
  if (tiff) {
    // A multi-page TIFF (a scanned contract) is read page by page.
    FILE* memory = fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
    if (memory != nullptr) {
      l_int32 count = 0;
      if (tiffGetCount(memory, &count) == 0 && count > 0) pages = count;
      std::fclose(memory);
    }
  }
  // The header tells the size before anything is decoded: a few hundred bytes of PNG can
  // declare 40,000 × 40,000 pixels, which would take gigabytes and minutes to decode.
  l_int32 header_format = 0, width = 0, height = 0, bits = 0, samples = 0, colormap = 0;
  if (pixReadHeaderMem(data, bytes.size(), &header_format, &width, &height, &bits, &samples, &colormap) ==
          0 &&
      static_cast<int64_t>(width) * height > kMaxImagePixels) {
    return failure(
        error_code::kTooLarge,
        name + " is " + format_count(width) + " × " + format_count(height) + " pixels, more than the " +
            format_count(kMaxImagePixels) + " pixels OCR reads in one image.",
        "Scale the image down (a page scanned at 300 dpi has under 10 million pixels), then retry.");
  }
  PageOcr ocr(display, limits.ocr, cancel);
  std::vector<std::vector<std::string>> page_lines;  // joined into paragraphs like PDF text
  for (int page = 0; page < pages; ++page) {
    if (cancel != nullptr && cancel->cancelled()) return interrupted(display);
    PixPtr pix(tiff ? pixReadMemTiff(data, bytes.size(), page) : pixReadMem(data, bytes.size()));
    if (!pix && format == IFF_BMP) pix.reset(decode_bitfields_bmp(bytes));
    if (!pix) {
      if (page > 0) break;  // a damaged later page keeps the pages before it
      return failure(error_code::kCorrupt, name + " is damaged or in an image format the OCR cannot decode.",
                     "Save the image again as PNG or JPEG, then retry.");
    }
    // Tesseract loads its language data (a second or more) only once a page decoded:
    // a damaged image fails at once.
    if (page == 0) {
      ErrorInfo started = ocr.start();
      if (!started.empty()) return failure(started.code.c_str(), started.message, started.hint);
    }
    std::string text;
    ErrorInfo read = ocr.recognise_pix(pix.get(), page + 1, pages, text);
    if (!read.empty()) return failure(read.code.c_str(), read.message, read.hint);
    page_lines.push_back(split_lines(text));
  }
  ExtractResult result =
      text_or_no_text(clean_page_text(std::move(page_lines)), "OCR found no text in " + name + ".",
                      "Check that the image shows text that is large and sharp enough, or remove it "
                      "from the job.");
  result.encoding = ocr.summary();
  return result;
}

}  // namespace blockify::extract_internal

namespace blockify {

std::string missing_ocr_language(const std::string& languages) {
  tesseract::TessBaseAPI api;
  return extract_internal::load_languages(api, languages);
}

}  // namespace blockify
