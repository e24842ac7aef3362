#include "tests/support/image_writer.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "tests/support/pdf_builder.h"

namespace blockify::test {

void run_convert(const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  std::string program = "convert";
  argv.push_back(program.data());
  std::vector<std::string> copies = arguments;
  for (auto& argument : copies) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    execvp("convert", argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("convert failed (is imagemagick installed?)");
  }
}

void draw_text_image(const std::filesystem::path& path, const std::vector<std::string>& lines, int width,
                     int height) {
  std::vector<std::string> arguments = {"-size",       std::to_string(width) + "x" + std::to_string(height),
                                        "xc:white",    "-font",
                                        "DejaVu-Sans", "-pointsize",
                                        "40",          "-fill",
                                        "black"};
  int y = 70;
  for (const auto& line : lines) {
    arguments.insert(arguments.end(), {"-annotate", "+50+" + std::to_string(y), line});
    y += 70;
  }
  std::string target = path.string();
  if (path.extension() == ".gray") target = "gray:" + target;
  arguments.insert(arguments.end(), {"-depth", "8", target});
  run_convert(arguments);
}

std::string make_scanned_pdf(const std::vector<ScanPage>& pages) {
  PdfBuilder pdf;
  // Objects: 1 catalog, 2 page tree, 3 font, then per page: page, content, image.
  pdf.begin(pages.size(), 3);
  for (size_t i = 0; i < pages.size(); ++i) {
    const ScanPage& page = pages[i];
    size_t image = 6 + 3 * i;
    double w = page.width > 0 ? page.width * 72.0 / 300.0 : 612,
           h = page.height > 0 ? page.height * 72.0 / 300.0 : 792;
    char box[96];
    std::snprintf(box, sizeof box, "[0 0 %.2f %.2f]", w, h);
    pdf.object("<< /Type /Page /Parent 2 0 R /MediaBox " + std::string(box) +
               " /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 " + std::to_string(image) +
               " 0 R >> >> /Contents " + std::to_string(5 + 3 * i) + " 0 R >>");
    std::string content;
    if (page.gray.empty()) {
      content = "BT /F1 12 Tf 14 TL 72 " + std::to_string(static_cast<int>(h) - 60) + " Td\n";
      for (const auto& line : page.text_lines) content += "(" + line + ") Tj T*\n";
      content += "ET\n";
    } else {
      char draw[96];
      std::snprintf(draw, sizeof draw, "q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q\n", w, h);
      content = draw;
    }
    pdf.stream("", content);
    if (page.gray.empty()) {
      pdf.stream(
          "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
          "\xFF");
    } else {
      pdf.stream("/Type /XObject /Subtype /Image /Width " + std::to_string(page.width) + " /Height " +
                     std::to_string(page.height) + " /ColorSpace /DeviceGray /BitsPerComponent 8",
                 page.gray);
    }
  }
  return pdf.finish("");
}

}  // namespace blockify::test
