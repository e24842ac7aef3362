#pragma once
// Images of text for the OCR tests, drawn at run time with ImageMagick's `convert` in
// the DejaVu Sans font (Debian: imagemagick, fonts-dejavu-core), and "scanned" PDFs
// that hold such images instead of a text layer.
#include <filesystem>
#include <string>
#include <vector>

namespace blockify::test {

// Draws `lines` in black DejaVu Sans (40 px) on a white width × height canvas and writes
// it to `path`; the extension picks the format (.png, .jpg, .tif, .bmp, .gray = raw 8-bit
// grey pixels). Throws when convert fails.
void draw_text_image(const std::filesystem::path& path, const std::vector<std::string>& lines,
                     int width = 1400, int height = 400);

// Runs convert with `arguments` (e.g. to join images into a multi-page TIFF); throws
// when it fails. The process is waited for on every path.
void run_convert(const std::vector<std::string>& arguments);

// A PDF page: either text lines (a text layer, Helvetica) or a grey image (no text).
struct ScanPage {
  std::vector<std::string> text_lines;
  int width = 0, height = 0;  // pixels of `gray`, shown at 300 dpi
  std::string gray;           // width * height bytes, 8-bit grey
};

// A PDF with one page per entry, in order.
std::string make_scanned_pdf(const std::vector<ScanPage>& pages);

}  // namespace blockify::test
