// The Extract stage's per-file budgets: unpacked bytes across all members, compression
// ratio, entry count, nesting depth and characters (see ExtractLimits).
#include <archive.h>

#include <algorithm>
#include <cstdio>

#include "engine/pipeline/extract/extract_formats.h"

namespace blockify::extract_internal {

namespace {

const char* const kUnpackHint =
    "Unpack the file with a trusted tool and add its contents directly, or split it.";

// Below this many unpacked bytes the ratio is not judged: a small, very repetitive file
// is harmless whatever its ratio.
constexpr int64_t kRatioFloorBytes = 1 << 20;

std::string format_ratio(double ratio) {
  char figure[32];
  std::snprintf(figure, sizeof figure, "%.0f", ratio);
  return figure;
}

}  // namespace

std::string format_count(int64_t count) {
  std::string digits = std::to_string(count < 0 ? -count : count);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return count < 0 ? "-" + out : out;
}

bool UnpackBudget::ratio_too_high(int64_t unpacked) const {
  if (unpacked <= kRatioFloorBytes) return false;
  return static_cast<double>(unpacked) >
         limits_.max_compression_ratio * static_cast<double>(std::max<int64_t>(packed_bytes_, 1));
}

ErrorInfo UnpackBudget::total_exceeded() const {
  return ErrorInfo{code_,
                   display_ + " unpacks to more than " + human_size(limits_.max_archive_total_bytes) +
                       " with all its parts together, the limit for one file, so it is not read.",
                   kUnpackHint};
}

ErrorInfo UnpackBudget::ratio_exceeded(int64_t unpacked) const {
  double ratio = static_cast<double>(unpacked) / static_cast<double>(std::max<int64_t>(packed_bytes_, 1));
  return ErrorInfo{code_,
                   display_ + " unpacks to " + human_size(unpacked) + ", " + format_ratio(ratio) +
                       " times its own size, past the compression ratio limit of " +
                       format_ratio(limits_.max_compression_ratio) +
                       "; it looks like a zip bomb, so it is not read.",
                   kUnpackHint};
}

ErrorInfo UnpackBudget::check_declared(int64_t entries, int64_t declared_total) const {
  if (entries > limits_.max_archive_entries) {
    return ErrorInfo{code_,
                     display_ + " has more than " + format_count(limits_.max_archive_entries) +
                         " entries, the limit for one file, so it is not read.",
                     kUnpackHint};
  }
  if (declared_total > limits_.max_archive_total_bytes) return total_exceeded();
  if (ratio_too_high(declared_total)) return ratio_exceeded(declared_total);
  return {};
}

UnpackBudget::MemberRead UnpackBudget::read_member(struct archive* reader, int64_t declared,
                                                   std::string_view member, std::string& out) {
  const int64_t remaining = limits_.max_archive_total_bytes - used_;
  // Stop one block past whichever comes first: the declared size or the file's budget.
  const int64_t cap = declared >= 0 ? std::min(declared, remaining) : remaining;
  if (declared > 0 && declared <= remaining) out.reserve(out.size() + static_cast<size_t>(declared));
  const size_t start = out.size();
  EntryRead read = read_entry_content(reader, cap, out);
  const int64_t got = static_cast<int64_t>(out.size() - start);
  used_ += got;
  if (read == EntryRead::kDamaged) {
    return {ErrorInfo{error_code::kCorrupt, std::string(member) + " is damaged and cannot be unpacked.",
                      "Download or create the file again, then retry."},
            false};
  }
  if (read == EntryRead::kTooLarge) {
    if (declared >= 0 && got > declared && declared <= remaining) {
      return {ErrorInfo{code_,
                        std::string(member) + " unpacks to more than its header declares, so it is not read.",
                        kUnpackHint},
              false};
    }
    return {total_exceeded(), true};
  }
  if (ratio_too_high(used_)) return {ratio_exceeded(used_), true};
  return {};
}

UnpackBudget::MemberRead UnpackBudget::read_head(struct archive* reader, size_t count,
                                                 std::string_view member, std::string& out) {
  const size_t start = out.size();
  const int64_t remaining = limits_.max_archive_total_bytes - used_;
  count =
      static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(count), std::max<int64_t>(remaining, 0)));
  out.resize(start + count);
  size_t got = 0;
  while (got < count) {
    la_ssize_t read = archive_read_data(reader, out.data() + start + got, count - got);
    if (read < 0) {
      out.resize(start + got);
      return {ErrorInfo{error_code::kCorrupt, std::string(member) + " is damaged and cannot be unpacked.",
                        "Download or create the file again, then retry."},
              false};
    }
    if (read == 0) break;
    got += static_cast<size_t>(read);
  }
  out.resize(start + got);
  used_ += static_cast<int64_t>(got);
  return {};
}

int64_t count_characters(std::string_view text) {
  int64_t characters = 0;
  for (unsigned char c : text) characters += (c & 0xC0) != 0x80;
  return characters;
}

ErrorInfo text_limit_error(std::string_view display, int64_t characters, const ExtractLimits& limits) {
  return ErrorInfo{error_code::kTooLarge,
                   std::string(display) + " holds " + format_count(characters) +
                       " characters of text or more, past the limit of " +
                       format_count(limits.max_text_chars) + " characters for one file.",
                   "Split the file into smaller files, then retry."};
}

ErrorInfo check_text_size(std::string_view display, std::string_view text, const ExtractLimits& limits) {
  if (static_cast<int64_t>(text.size()) <= limits.max_text_chars) return {};  // bytes >= characters
  int64_t characters = count_characters(text);
  if (characters <= limits.max_text_chars) return {};
  return text_limit_error(display, characters, limits);
}

ErrorInfo nesting_too_deep(std::string_view display, std::string_view part, const ExtractLimits& limits) {
  return ErrorInfo{
      error_code::kTooLarge,
      std::string(display) + " nests elements more than " + format_count(limits.max_nesting_depth) +
          " levels deep in " + std::string(part) + ", past the limit for one file, so it is not read.",
      "Open the file in its application and save it again (or simplify its structure), then retry."};
}

}  // namespace blockify::extract_internal
