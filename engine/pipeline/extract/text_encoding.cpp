// Text encodings: byte order marks, declared charsets, UTF-8, uchardet, iconv.
#include "engine/pipeline/extract/text_encoding.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <memory>
#include <vector>

#include "engine/pipeline/extract/extract_formats.h"

namespace blockify {

namespace {

using extract_internal::first_invalid_utf8;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// Characters a text never holds in any number: C0 controls other than whitespace, DEL,
// and the C1 block (what a wrong single-byte guess turns binary bytes into).
bool is_control(unsigned char lead, unsigned char next) {
  if (lead < 0x20) return lead != '\t' && lead != '\n' && lead != '\r' && lead != '\f' && lead != '\v';
  if (lead == 0x7F) return true;
  return lead == 0xC2 && next >= 0x80 && next <= 0x9F;
}

// The text as it reaches blocks: control characters (NUL above all) dropped. Fails when
// they are so many that the "text" is really binary data.
DecodedText finish(std::string_view display, std::string utf8, std::string encoding) {
  size_t characters = 0, controls = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    auto c = static_cast<unsigned char>(utf8[i]);
    if ((c & 0xC0) != 0x80) ++characters;
    unsigned char next = i + 1 < utf8.size() ? static_cast<unsigned char>(utf8[i + 1]) : 0;
    if (is_control(c, next)) ++controls;
  }
  DecodedText result;
  // One control character in twenty is far beyond any real text (form feeds and the odd
  // stray NUL stay well under it) and far below random binary data (about one in nine).
  if (controls > 0 && controls * 20 > characters) {
    result.error = ErrorInfo{
        error_code::kBadEncoding,
        std::string(display) +
            " does not hold text in any encoding: " + std::to_string(controls * 100 / characters) +
            " % of its characters are control codes, so it is probably binary data with a text file's name.",
        "Check that the file really is text (open it in a text editor); if it is, save it as UTF-8, then "
        "retry."};
    return result;
  }
  if (controls > 0) {
    std::string clean;
    clean.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size(); ++i) {
      auto c = static_cast<unsigned char>(utf8[i]);
      unsigned char next = i + 1 < utf8.size() ? static_cast<unsigned char>(utf8[i + 1]) : 0;
      if (!is_control(c, next)) {
        clean += utf8[i];
      } else if (c == 0xC2) {
        ++i;  // the C1 character's second byte goes with it
      }
    }
    utf8.swap(clean);
  }
  result.text = std::move(utf8);
  result.encoding = std::move(encoding);
  return result;
}

DecodedText not_text(std::string_view display, std::string_view bytes, size_t skipped, std::string_view why) {
  size_t bad = first_invalid_utf8(bytes.substr(skipped));
  size_t offset = (bad == std::string_view::npos ? 0 : bad) + skipped;
  size_t line =
      1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<long>(offset), '\n'));
  DecodedText result;
  result.error = ErrorInfo{error_code::kBadEncoding,
                           std::string(display) + " is not text in any encoding Blockify recognises" +
                               std::string(why) + ": the first byte that is not UTF-8 is at byte offset " +
                               std::to_string(offset) + " (line " + std::to_string(line) + ").",
                           "Save the file as UTF-8, then retry."};
  return result;
}

// The iconv name to read a declared label with. HTML treats ISO-8859-1 and ASCII labels
// as windows-1252 (what browsers do: pages that say Latin-1 often hold curly quotes).
std::vector<std::string> iconv_names_for(const std::string& declared) {
  std::string name = lower(declared);
  if (name == "iso-8859-1" || name == "iso8859-1" || name == "latin1" || name == "latin-1" ||
      name == "us-ascii" || name == "ascii" || name == "l1") {
    return {"WINDOWS-1252", "ISO-8859-1"};
  }
  return {upper(name)};
}

bool is_utf8_label(const std::string& name) {
  std::string l = lower(name);
  return l == "utf-8" || l == "utf8";
}

// UTF-16 without a byte order mark: text in Latin scripts has a NUL in every other byte.
const char* utf16_without_bom(std::string_view bytes) {
  size_t n = std::min<size_t>(bytes.size(), 4096) & ~size_t{1};
  if (n < 4) return nullptr;
  size_t even_zeros = 0, odd_zeros = 0;
  for (size_t i = 0; i < n; i += 2) {
    even_zeros += bytes[i] == '\0';
    odd_zeros += bytes[i + 1] == '\0';
  }
  size_t pairs = n / 2;
  if (odd_zeros * 10 > pairs * 6 && even_zeros * 20 < pairs) return "UTF-16LE";
  if (even_zeros * 10 > pairs * 6 && odd_zeros * 20 < pairs) return "UTF-16BE";
  return nullptr;
}

struct DetectorDeleter {
  void operator()(uchardet* detector) const { uchardet_delete(detector); }
};

// uchardet's best guess, upper case; empty when it has none.
std::string detect_charset(std::string_view bytes) {
  std::unique_ptr<uchardet, DetectorDeleter> detector(uchardet_new());
  if (!detector) return {};
  // The first megabyte decides: detection cost stays flat for large files.
  std::string_view sample = bytes.substr(0, 1 << 20);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* charset = uchardet_get_charset(detector.get());
  return charset ? upper(charset) : std::string();
}

// Finds `key` followed by optional spaces, '=', optional spaces and an optionally quoted
// value, in text already lower-cased. Returns the value or "".
std::string value_after(std::string_view text, std::string_view key) {
  size_t at = text.find(key);
  if (at == std::string_view::npos) return {};
  size_t i = at + key.size();
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size() || text[i] != '=') return {};
  ++i;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '"' || text[i] == '\'')) ++i;
  size_t end = i;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
                               text[end] == '_' || text[end] == '.' || text[end] == ':')) {
    ++end;
  }
  return std::string(text.substr(i, end - i));
}

}  // namespace

bool convert_to_utf8(std::string_view bytes, const std::string& encoding, std::string& out) {
  iconv_t converter = iconv_open("UTF-8", encoding.c_str());
  if (converter == reinterpret_cast<iconv_t>(-1)) return false;
  out.clear();
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write here
  size_t in_left = bytes.size();
  size_t written = 0;
  bool ok = true;
  while (in_left > 0) {
    char* dest = out.data() + written;
    size_t dest_left = out.size() - written;
    size_t status = iconv(converter, &in, &in_left, &dest, &dest_left);
    written = out.size() - dest_left;
    if (status != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    ok = false;  // EILSEQ (a byte not in the encoding) or EINVAL (cut off at the end)
    break;
  }
  iconv_close(converter);
  out.resize(ok ? written : 0);
  return ok;
}

DecodedText decode_text(std::string_view display, std::string_view bytes, std::string_view declared) {
  // 1. A byte order mark says it all.
  struct Mark {
    std::string_view bytes;
    const char* encoding;
  };
  static const Mark kMarks[] = {{std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
                                {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
                                {"\xEF\xBB\xBF", "UTF-8"},
                                {"\xFE\xFF", "UTF-16BE"},
                                {"\xFF\xFE", "UTF-16LE"}};
  for (const Mark& mark : kMarks) {
    if (!starts_with(bytes, mark.bytes)) continue;
    std::string_view body = bytes.substr(mark.bytes.size());
    std::string label = std::string(mark.encoding) + " (BOM)";
    if (std::string_view(mark.encoding) == "UTF-8") {
      if (first_invalid_utf8(body) != std::string_view::npos) {
        return not_text(display, bytes, mark.bytes.size(),
                        " although it starts with a UTF-8 byte order mark");
      }
      return finish(display, std::string(body), label);
    }
    std::string utf8;
    if (!convert_to_utf8(body, mark.encoding, utf8)) {
      DecodedText bad;
      bad.error = ErrorInfo{error_code::kBadEncoding,
                            std::string(display) + " starts with a " + mark.encoding +
                                " byte order mark, but its bytes are not valid " + mark.encoding + ".",
                            "Save the file as UTF-8, then retry."};
      return bad;
    }
    return finish(display, std::move(utf8), label);
  }

  // 2. What the document says about itself, when the bytes agree.
  if (!declared.empty()) {
    std::string name(declared);
    if (is_utf8_label(name)) {
      if (first_invalid_utf8(bytes) == std::string_view::npos)
        return finish(display, std::string(bytes), "UTF-8");
    } else {
      std::string utf8;
      for (const auto& iconv_name : iconv_names_for(name)) {
        if (convert_to_utf8(bytes, iconv_name, utf8))
          return finish(display, std::move(utf8), upper(name) + " (declared)");
      }
    }
  }

  // 3. UTF-16 saved without a byte order mark (some Windows tools do); ASCII
  // in UTF-16 is also valid UTF-8, so this comes first.
  if (const char* wide = utf16_without_bom(bytes)) {
    std::string utf8;
    if (convert_to_utf8(bytes, wide, utf8))
      return finish(display, std::move(utf8), std::string(wide) + " (detected)");
  }

  // 4. UTF-8, which includes plain ASCII.
  if (first_invalid_utf8(bytes) == std::string_view::npos)
    return finish(display, std::string(bytes), "UTF-8");

  // 5. Detection, then conversion.
  std::string detected = detect_charset(bytes);
  if (!detected.empty() && detected != "ASCII" && detected != "UTF-8") {
    // uchardet says ISO-8859-1 for text with curly quotes too; windows-1252 reads both,
    // where ISO-8859-1 would turn the quotes into invisible control codes.
    for (const auto& name : iconv_names_for(detected)) {
      std::string utf8;
      if (convert_to_utf8(bytes, name, utf8)) return finish(display, std::move(utf8), name + " (detected)");
    }
  }
  return not_text(display, bytes, 0, "");
}

std::string declared_xml_encoding(std::string_view bytes) {
  if (!starts_with(bytes, "<?xml")) return {};
  size_t end = bytes.find("?>");
  if (end == std::string_view::npos || end > 512) return {};
  return value_after(lower(bytes.substr(0, end)), "encoding");
}

std::string declared_html_charset(std::string_view bytes) {
  std::string head = lower(bytes.substr(0, 4096));
  std::string xml = declared_xml_encoding(head);
  if (!xml.empty()) return xml;
  for (size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    size_t end = head.find('>', at);
    std::string_view tag =
        std::string_view(head).substr(at, end == std::string::npos ? std::string::npos : end - at);
    // <meta charset="x"> and <meta http-equiv=... content="text/html; charset=x"> both
    // put the name after "charset=".
    std::string charset = value_after(tag, "charset");
    if (!charset.empty()) return charset;
  }
  return {};
}

}  // namespace blockify
