// Helpers shared by the Extract stage's format readers: error values, UTF-8 checks and
// paragraph assembly.
#include <cctype>
#include <cstdio>
#include <cstring>

#include "engine/pipeline/extract/extract_formats.h"

namespace blockify::extract_internal {

namespace {

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string lower_extension(std::string_view name) {
  // Both separators count: archive entries written on Windows may use backslashes.
  size_t slash = name.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(base.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

ExtractResult failure(const char* code, std::string message, std::string hint) {
  ExtractResult result;
  result.error = ErrorInfo{code, std::move(message), std::move(hint)};
  return result;
}

ExtractResult failure(ErrorInfo error) {
  ExtractResult result;
  result.error = std::move(error);
  return result;
}

ExtractResult interrupted(std::string_view display) {
  return failure(error_code::kInterrupted,
                 "Reading " + std::string(display) + " stopped because the job was cancelled.",
                 "Retry the job to read the file again.");
}

ExtractResult text_or_no_text(std::string text, std::string no_text_message, std::string no_text_hint) {
  for (unsigned char c : text) {
    if (!is_ascii_space(c)) {
      ExtractResult result;
      result.text = std::move(text);
      return result;
    }
  }
  return failure(error_code::kNoText, std::move(no_text_message), std::move(no_text_hint));
}

std::string_view local_name(const char* qualified) {
  std::string_view name(qualified);
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

size_t first_invalid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // Most text is ASCII; testing eight bytes at once keeps the check near memory speed.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char lead = p[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    uint32_t code_point;
    uint32_t smallest;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, code_point = lead & 0x1F, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code_point = lead & 0x0F, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code_point = lead & 0x07, smallest = 0x10000;
    } else {
      return i;
    }
    if (i + length > n) return i;
    for (size_t k = 1; k < length; ++k) {
      unsigned char next = p[i + k];
      if ((next & 0xC0) != 0x80) return i;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < smallest || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
      return i;
    i += length;
  }
  return std::string_view::npos;
}

bool require_utf8(std::string_view display, std::string_view& bytes, ErrorInfo& error) {
  const std::string hint = "Save the file as UTF-8, then retry.";
  auto starts_with = [&](const char* prefix, size_t length) {
    return bytes.size() >= length && std::memcmp(bytes.data(), prefix, length) == 0;
  };
  if (starts_with("\xFF\xFE", 2) || starts_with("\xFE\xFF", 2) || starts_with("\x00\x00\xFE\xFF", 4)) {
    error = ErrorInfo{
        error_code::kBadEncoding,
        std::string(display) +
            " is saved as UTF-16 or UTF-32, not UTF-8 (it starts with a UTF-16/32 byte order mark at byte "
            "offset 0).",
        hint};
    return false;
  }
  size_t skipped = 0;
  if (starts_with("\xEF\xBB\xBF", 3)) skipped = 3;
  size_t bad = first_invalid_utf8(bytes.substr(skipped));
  if (bad != std::string_view::npos) {
    size_t offset = bad + skipped;
    size_t line = 1;
    for (size_t i = 0; i < offset; ++i) line += bytes[i] == '\n';
    error =
        ErrorInfo{error_code::kBadEncoding,
                  std::string(display) + " is not valid UTF-8 text: the first bad byte is at byte offset " +
                      std::to_string(offset) + " (line " + std::to_string(line) + ").",
                  hint};
    return false;
  }
  bytes.remove_prefix(skipped);
  return true;
}

void ParagraphWriter::append(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (is_ascii_space(p[i])) {
      pending_space_ = true;
      ++i;
      continue;
    }
    if (p[i] == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {  // no-break space reads as a space
      pending_space_ = true;
      i += 2;
      continue;
    }
    size_t run = i;
    while (run < n && !is_ascii_space(p[run]) && !(p[run] == 0xC2 && run + 1 < n && p[run + 1] == 0xA0))
      ++run;
    if (!in_paragraph_) {
      if (!text_.empty()) text_ += "\n\n";
      in_paragraph_ = true;
    } else if (pending_newline_) {
      text_ += '\n';
    } else if (pending_space_) {
      text_ += ' ';
    }
    pending_space_ = pending_newline_ = false;
    text_.append(text.substr(i, run - i));
    i = run;
  }
}

void ParagraphWriter::line_break() {
  if (in_paragraph_) pending_newline_ = true;
}

void ParagraphWriter::end_paragraph() { in_paragraph_ = pending_space_ = pending_newline_ = false; }

std::string ParagraphWriter::finish() {
  end_paragraph();
  return std::move(text_);
}

}  // namespace blockify::extract_internal
