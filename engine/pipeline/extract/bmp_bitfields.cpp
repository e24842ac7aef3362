// BMP images whose pixels are described by bit masks (BI_BITFIELDS), as ImageMagick,
// screenshot tools and many Windows programs write 16- and 32-bit BMPs. Leptonica reads
// only uncompressed BMPs and calls these "compressed", so they are decoded here into a
// 32-bit Pix for OCR.
#include <leptonica/allheaders.h>

#include <cstdint>
#include <cstdlib>

#include "engine/pipeline/extract/extract_ocr.h"

namespace blockify::extract_internal {

namespace {

uint32_t read_u32(std::string_view bytes, size_t at) {
  auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + i])); };
  return b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
}

uint16_t read_u16(std::string_view bytes, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(bytes[at]) |
                               static_cast<unsigned char>(bytes[at + 1]) << 8);
}

// One colour channel: the bits `mask` selects, scaled to 0..255.
struct Channel {
  uint32_t mask = 0;
  int shift = 0;
  uint32_t max = 0;
  explicit Channel(uint32_t m) : mask(m) {
    if (mask == 0) return;
    while (((mask >> shift) & 1) == 0) ++shift;
    max = mask >> shift;
  }
  int value(uint32_t pixel) const {
    return max == 0 ? 0 : static_cast<int>(((pixel & mask) >> shift) * 255 / max);
  }
};

constexpr int64_t kMaxPixels = 200'000'000;  // far past any page scan; a hostile header stops here

}  // namespace

Pix* decode_bitfields_bmp(std::string_view bytes) {
  constexpr uint32_t kBitfields = 3, kAlphaBitfields = 6;
  if (bytes.size() < 66 || bytes.substr(0, 2) != "BM") return nullptr;
  const uint32_t pixels_at = read_u32(bytes, 10);
  const uint32_t header_size = read_u32(bytes, 14);
  const auto width = static_cast<int32_t>(read_u32(bytes, 18));
  const auto signed_height = static_cast<int32_t>(read_u32(bytes, 22));
  const uint16_t bits = read_u16(bytes, 28);
  const uint32_t compression = read_u32(bytes, 30);
  if ((compression != kBitfields && compression != kAlphaBitfields) || (bits != 16 && bits != 32))
    return nullptr;
  if (header_size < 40 || width <= 0 || signed_height == 0 || signed_height == INT32_MIN) return nullptr;
  const int64_t height = std::llabs(static_cast<int64_t>(signed_height));
  if (static_cast<int64_t>(width) * height > kMaxPixels) return nullptr;
  // The masks follow a 40-byte header, or sit inside a longer one, at the same offset.
  const Channel red(read_u32(bytes, 54)), green(read_u32(bytes, 58)), blue(read_u32(bytes, 62));
  const int64_t stride = (static_cast<int64_t>(width) * bits + 31) / 32 * 4;
  if (pixels_at > bytes.size() || static_cast<int64_t>(bytes.size() - pixels_at) < stride * height)
    return nullptr;

  Pix* pix = pixCreate(width, static_cast<l_int32>(height), 32);
  if (pix == nullptr) return nullptr;
  for (int64_t row = 0; row < height; ++row) {
    // Rows are stored bottom-up unless the height is negative.
    const int64_t y = signed_height > 0 ? height - 1 - row : row;
    const size_t start = pixels_at + static_cast<size_t>(row * stride);
    for (int32_t x = 0; x < width; ++x) {
      uint32_t pixel = bits == 32 ? read_u32(bytes, start + static_cast<size_t>(x) * 4)
                                  : read_u16(bytes, start + static_cast<size_t>(x) * 2);
      pixSetRGBPixel(pix, x, static_cast<l_int32>(y), red.value(pixel), green.value(pixel),
                     blue.value(pixel));
    }
  }
  return pix;
}

}  // namespace blockify::extract_internal
