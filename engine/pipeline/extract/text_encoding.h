#pragma once
// Text encodings: turning the bytes of a text file (or a mail part) into UTF-8.
//
// Order, first match wins: a byte order mark (UTF-8/16/32) → the encoding the document
// declares (HTML <meta charset>, an XML declaration, a mail header) → UTF-16 without a
// mark (NUL bytes in every other position) → valid UTF-8 → detection with uchardet
// → conversion with iconv. NUL bytes never survive; bytes that no encoding explains
// (binary data named .txt) fail BAD_ENCODING.
#include <string>
#include <string_view>

#include "engine/domain/error.h"

namespace blockify {

// The outcome of decode_text.
struct DecodedText {
  std::string text;      // UTF-8, without byte order mark or NUL bytes
  std::string encoding;  // how it was read: "UTF-8", "UTF-16LE (BOM)", "ISO-8859-1 (declared)",
                         // "WINDOWS-1252 (detected)"
  ErrorInfo error;       // BAD_ENCODING naming `display` when nothing explains the bytes
  bool ok() const { return error.empty(); }
};

// Decodes `bytes` to UTF-8. `declared` is the encoding the container names (a mail
// part's charset, an HTML meta tag); empty when there is none. A declared encoding that
// does not fit the bytes is ignored rather than trusted.
DecodedText decode_text(std::string_view display, std::string_view bytes, std::string_view declared = {});

// The charset an HTML page declares in its first 4 KB: <meta charset=...>,
// <meta http-equiv="Content-Type" content="...; charset=...">, or an XML declaration.
// Empty when there is none.
std::string declared_html_charset(std::string_view bytes);

// The encoding="..." of an XML declaration at the start of `bytes`; empty when absent.
std::string declared_xml_encoding(std::string_view bytes);

// Converts `bytes` from `encoding` (an iconv name) to UTF-8. False when iconv does not
// know the name or the bytes are not valid in it.
bool convert_to_utf8(std::string_view bytes, const std::string& encoding, std::string& out);

}  // namespace blockify
