// Extract throughput: generates a corpus (txt, html, docx, pdf, xlsx, epub; 10-15 MB of
// input files per format) in a temp folder, extracts every file several times, and
// prints input MB/s per format (median, min and max over the runs) and peak RSS; then
// OCR pages per second over a few page images drawn with ImageMagick.
//
// Usage: extract_bench [runs]   (default 3; PDF alone takes several seconds a run)
#include <sys/resource.h>
#include <sys/wait.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "engine/pipeline/extract/extract.h"

// The corpus writers are the test helpers; bench targets link only blockify_engine, so
// their sources are compiled in here rather than duplicated.
#include "tests/support/document_writer.cpp"
#include "tests/support/image_writer.cpp"
#include "tests/support/pdf_writer.cpp"
#include "tests/support/zip_writer.cpp"

namespace fs = std::filesystem;

namespace {

constexpr int64_t kFileBytes = 2 << 20;  // each generated file is at least this large
constexpr int kFilesPerFormat = 7;

class Prose {
 public:
  explicit Prose(unsigned seed) : rng_(seed) {}

  std::string sentence() {
    static const std::vector<std::string> words = {
        "retry",    "job",      "dataset",   "extract",  "chunk",     "block",    "endpoint", "failure",
        "document", "pipeline", "knowledge", "answer",   "question",  "worker",   "progress", "status",
        "the",      "a",        "of",        "and",      "to",        "is",       "with",     "when",
        "engineer", "archive",  "export",    "distill",  "duplicate", "cancel",   "queue",    "history",
        "metric",   "timeline", "attempt",   "settings", "offline",   "transient"};
    std::uniform_int_distribution<size_t> pick(0, words.size() - 1);
    std::uniform_int_distribution<int> length(6, 18);
    std::string out;
    int n = length(rng_);
    for (int i = 0; i < n; ++i) {
      if (i > 0) out += ' ';
      out += words[pick(rng_)];
    }
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out + '.';
  }

  std::string paragraph() {
    std::uniform_int_distribution<int> sentences(3, 7);
    std::string out;
    for (int i = sentences(rng_); i > 0; --i) {
      if (!out.empty()) out += ' ';
      out += sentence();
    }
    return out;
  }

 private:
  std::mt19937 rng_;
};

std::string make_txt(Prose& prose) {
  std::string text;
  while (static_cast<int64_t>(text.size()) < kFileBytes) text += prose.paragraph() + "\n\n";
  return text;
}

std::string make_html(Prose& prose) {
  std::string html =
      "<!DOCTYPE html><html><head><title>Guide</title><style>p { margin: 0 }</style>"
      "<script>window.analytics = function () { return 42; };</script></head><body>\n";
  for (int section = 0; static_cast<int64_t>(html.size()) < kFileBytes; ++section) {
    html += "<section><h2>Section " + std::to_string(section) + "</h2>\n";
    for (int i = 0; i < 4; ++i) html += "<p>" + prose.paragraph() + " <b>" + prose.sentence() + "</b></p>\n";
    html += "<ul><li>" + prose.sentence() + "</li><li>" + prose.sentence() + "</li></ul>\n";
    html += "<table><tr><td>" + prose.sentence() + "</td><td>" + prose.sentence() +
            "</td></tr></table></section>\n";
  }
  return html + "</body></html>\n";
}

std::string make_docx_file(Prose& prose) {
  // Deflate shrinks the XML several times over, so the text is sized for the zip.
  std::vector<std::string> paragraphs;
  int64_t text = 0;
  while (text < kFileBytes * 5) {
    paragraphs.push_back(prose.paragraph());
    text += static_cast<int64_t>(paragraphs.back().size());
  }
  return blockify::test::make_docx(paragraphs);
}

std::string make_pdf_file(Prose& prose) {
  std::vector<blockify::test::PdfPage> pages;
  int64_t size = 0;
  while (size < kFileBytes) {
    blockify::test::PdfPage page;
    for (int paragraph = 0; paragraph < 6; ++paragraph) {
      for (int line = 0; line < 7; ++line) {
        std::string text = prose.sentence();
        size += static_cast<int64_t>(text.size()) + 10;
        page.push_back(std::move(text));
      }
      page.push_back("");
    }
    pages.push_back(std::move(page));
  }
  return blockify::test::make_text_pdf(pages);
}

std::string make_xlsx_file(Prose& prose) {
  // Rows of a header, a label (shared string), two numbers and a sentence (inline).
  std::vector<std::string> strings = {"Region", "Score", "Share", "Note", "North", "South", "East", "West"};
  std::string rows = R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
                     R"(<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>)";
  for (int r = 2; static_cast<int64_t>(rows.size()) < kFileBytes * 4; ++r) {
    std::string n = std::to_string(r);
    rows += "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"s\"><v>" + std::to_string(4 + r % 4) +
            "</v></c><c r=\"B" + n + "\"><v>" + std::to_string(r % 97) + "</v></c><c r=\"C" + n + "\"><v>0." +
            std::to_string(r % 89) + "</v></c><c r=\"D" + n + "\" t=\"inlineStr\"><is><t>" +
            blockify::test::xml_escape(prose.sentence()) + "</t></is></c></row>";
  }
  return blockify::test::make_xlsx({{"Data", rows}}, strings);
}

std::string make_epub_file(Prose& prose) {
  std::vector<blockify::test::EpubChapter> chapters;
  int64_t size = 0;
  for (int c = 0; size < kFileBytes * 4; ++c) {
    std::string body = "<h1>Chapter " + std::to_string(c) + "</h1>";
    for (int i = 0; i < 40; ++i) body += "<p>" + blockify::test::xml_escape(prose.paragraph()) + "</p>";
    size += static_cast<int64_t>(body.size());
    chapters.push_back(
        {"ch" + std::to_string(c) + ".xhtml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
         "<body>" +
             body + "</body></html>"});
  }
  return blockify::test::make_epub(chapters);
}

// OCR pages per second: a few 1400 x 400 page images of prose, read with OCR.
void ocr_figures(const fs::path& dir, Prose& prose) {
  const int pages = 4;
  std::vector<fs::path> images;
  try {
    for (int i = 0; i < pages; ++i) {
      images.push_back(dir / ("ocr-" + std::to_string(i) + ".png"));
      std::vector<std::string> lines;
      for (int l = 0; l < 4; ++l) lines.push_back(prose.sentence().substr(0, 55));
      blockify::test::draw_text_image(images.back(), lines, 1400, 320);
    }
  } catch (const std::exception& e) {
    std::printf("\nOCR: skipped (%s)\n", e.what());
    return;
  }
  auto start = std::chrono::steady_clock::now();
  int read = 0;
  for (const auto& image : images) read += blockify::extract_file(image).ok();
  std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  std::printf("\nOCR: %d of %d page images read, %.2f pages/s (1400 x 320 px, 4 lines each, eng)\n", read,
              pages, pages / seconds.count());
}

struct Corpus {
  std::string format;
  std::vector<fs::path> files;
  int64_t bytes = 0;
};

fs::path corpus_file(const fs::path& dir, const std::string& format, int index) {
  return dir / (format + "-" + std::to_string(index) + "." + format);
}

void generate(const fs::path& dir, const std::string& format, std::string (*make)(Prose&), unsigned seed) {
  Prose prose(seed);
  for (int i = 0; i < kFilesPerFormat; ++i)
    std::ofstream(corpus_file(dir, format, i), std::ios::binary) << make(prose);
}

Corpus load(const fs::path& dir, const std::string& format) {
  Corpus corpus{format, {}, 0};
  for (int i = 0; i < kFilesPerFormat; ++i) {
    corpus.files.push_back(corpus_file(dir, format, i));
    corpus.bytes += static_cast<int64_t>(fs::file_size(corpus.files.back()));
  }
  return corpus;
}

double peak_rss_mb(int who = RUSAGE_SELF) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KB
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const fs::path dir = fs::temp_directory_path() / ("blockify-extract-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);

  // A child process writes the corpus, so the peak RSS printed below is extraction's alone.
  pid_t generator = fork();
  if (generator == 0) {
    generate(dir, "txt", make_txt, 1);
    generate(dir, "html", make_html, 2);
    generate(dir, "docx", make_docx_file, 3);
    generate(dir, "pdf", make_pdf_file, 4);
    generate(dir, "xlsx", make_xlsx_file, 5);
    generate(dir, "epub", make_epub_file, 6);
    std::_Exit(0);
  }
  int status = 0;
  if (generator < 0 || waitpid(generator, &status, 0) != generator || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "generating the corpus failed\n");
    return 1;
  }
  std::vector<Corpus> corpora;
  int64_t total = 0;
  for (const char* format : {"txt", "html", "docx", "pdf", "xlsx", "epub"}) {
    corpora.push_back(load(dir, format));
    total += corpora.back().bytes;
  }
  std::printf("corpus: %.1f MB in %s (generator peak RSS %.1f MB), %d runs per format\n\n",
              static_cast<double>(total) / (1 << 20), dir.c_str(), peak_rss_mb(RUSAGE_CHILDREN), runs);
  std::printf("%-6s %5s %9s %9s %13s %9s %9s %12s\n", "format", "files", "input MB", "text MB", "median MB/s",
              "min", "max", "RSS so far MB");

  for (const auto& corpus : corpora) {
    std::vector<double> rates;
    int64_t text_bytes = 0;
    int failures = 0;
    for (int run = 0; run < runs; ++run) {
      text_bytes = 0;
      auto start = std::chrono::steady_clock::now();
      for (const auto& file : corpus.files) {
        blockify::ExtractResult result = blockify::extract_file(file);
        failures += !result.ok();
        text_bytes += static_cast<int64_t>(result.text.size());
      }
      std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
      rates.push_back(static_cast<double>(corpus.bytes) / (1 << 20) / seconds.count());
    }
    std::sort(rates.begin(), rates.end());
    std::printf("%-6s %5zu %9.1f %9.1f %13.1f %9.1f %9.1f %12.1f%s\n", corpus.format.c_str(),
                corpus.files.size(), static_cast<double>(corpus.bytes) / (1 << 20),
                static_cast<double>(text_bytes) / (1 << 20), rates[rates.size() / 2], rates.front(),
                rates.back(), peak_rss_mb(), failures ? "  (some files failed!)" : "");
    std::fflush(stdout);
  }
  Prose ocr_prose(7);
  ocr_figures(dir, ocr_prose);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
