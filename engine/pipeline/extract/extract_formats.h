#pragma once
// Internal to the Extract stage: one reader per format, and the helpers they share to
// build error values and paragraph text. Not part of the engine's public API.
//
// Every reader takes `display`, the way messages name the input: a file name
// ("report.pdf") or an archive entry ("docs/a.txt in bundle.zip"). Readers never throw.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/domain/error.h"
#include "engine/domain/human_size.h"
#include "engine/pipeline/cancel.h"
#include "engine/pipeline/extract/extract.h"

struct archive;

namespace blockify::extract_internal {

class ParagraphWriter;

// --- Readers, one per format -----------------------------------------------------------

// .txt and .md: strict UTF-8, line endings normalised, blank-line runs collapsed.
ExtractResult extract_plain_text(std::string_view display, std::string_view bytes);
// .csv: every data row becomes one line "Header: value; Header: value"; rows are
// separate paragraphs so a chunk never cuts a record in half.
ExtractResult extract_csv(std::string_view display, std::string_view bytes);
// .json: keys and values as readable "key: value" lines; objects inside arrays become
// separate paragraphs. Invalid JSON is CORRUPT.
ExtractResult extract_json(std::string_view display, std::string_view bytes);
// .html/.htm: visible text only, block elements become paragraph breaks.
ExtractResult extract_html(std::string_view display, std::string_view bytes);
// .docx: the body's paragraphs in document order.
ExtractResult extract_docx(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                           const CancelToken* cancel = nullptr);
// .pptx: slides in numeric order, each slide's paragraphs in order.
// Parts are read and parsed one at a time; the cancel token is checked between them.
ExtractResult extract_pptx(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                           const CancelToken* cancel = nullptr);
// .pdf: text page by page; the cancel token is checked between pages. Pages without a
// text layer are OCRed when limits.ocr.enabled.
ExtractResult extract_pdf(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                          const CancelToken* cancel);
// .zip: each file entry extracted on its own into ExtractResult::entries.
ExtractResult extract_zip(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                          const CancelToken* cancel);

// .xlsx: every sheet in workbook order; each row one paragraph, "Header: value · ..."
// when the sheet has a header row; shared and inline strings, numbers as shown.
ExtractResult extract_xlsx(std::string_view display, std::string_view bytes, const ExtractLimits& limits);
// .ods: like .xlsx, from the OpenDocument spreadsheet's content.xml.
ExtractResult extract_ods(std::string_view display, std::string_view bytes, const ExtractLimits& limits);
// .odt: paragraphs, headings, list items and table rows in document order.
ExtractResult extract_odt(std::string_view display, std::string_view bytes, const ExtractLimits& limits);
// .odp: slides in order, each slide's paragraphs in order.
ExtractResult extract_odp(std::string_view display, std::string_view bytes, const ExtractLimits& limits);
// .epub: the chapters in spine order, each XHTML chapter read like an HTML page.
ExtractResult extract_epub(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                           const CancelToken* cancel);
// .eml (one message) and .mbox (many): Subject/From/Date as the first paragraph, then the
// text (or HTML) body; attachments become ExtractResult::entries, read by their own
// readers within the archive limits.
ExtractResult extract_mail(std::string_view display, std::string_view bytes, bool mbox,
                           const ExtractLimits& limits, const CancelToken* cancel);
// Images (.png .jpg .jpeg .tif .tiff .bmp .webp): the text OCR finds, page by page for a
// multi-page TIFF. Fails NO_TEXT when OCR is off.
ExtractResult extract_image(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                            const CancelToken* cancel);

// One row of a sheet: its cells with text, as (zero-based column, text) in column order.
// Empty cells are not held, so a row costs what it shows however far its columns reach.
using SheetRow = std::vector<std::pair<size_t, std::string>>;

// Characters one file's sheets will hold, counted while their rows are read (a cell's
// text times the columns and rows that repeat it, and each header label a row repeats),
// so a small file that repeats a long cell a million times fails TOO_LARGE before its
// text is built, not after it has filled memory.
class SheetBudget {
 public:
  explicit SheetBudget(const ExtractLimits& limits) : limit_(limits.max_text_chars) {}
  // Counts `characters` shown `times` times; false once the file is past the limit.
  bool spend(int64_t characters, int64_t times = 1);
  bool exceeded() const { return used_ > limit_; }
  // Characters counted so far (at least the limit + 1 once exceeded).
  int64_t used() const { return used_; }

 private:
  int64_t limit_;
  int64_t used_ = 0;
};

// Writes one sheet: its name as a paragraph, then every non-empty row as a paragraph,
// cells joined by " · " and labelled "Header: value" when the first row is all text.
// Stops, returning false, when the labels take `budget` past its limit.
bool write_sheet(std::string_view sheet_name, std::vector<SheetRow> rows, ParagraphWriter& out,
                 SheetBudget& budget);

// The format `bytes` hold, by magic bytes and container manifest, as an extension
// (".pdf", ".xlsx", ".epub", ".png", ".eml", ".html", ...); "" when nothing is recognised.
std::string sniff_format(std::string_view bytes);

// The format whose reader gets `bytes` named with `extension` (lower case, with the
// dot): the content decides when it is unmistakable (a magic number, a container
// manifest), the name otherwise. When they disagree, `note` gets the sentence the file's
// row shows: "Named .txt but is a Word document; read as a Word document."
std::string choose_format(std::string_view extension, std::string_view bytes, std::string& note);

// Reads `bytes` with the reader for `format` (from choose_format) and adds `note` to the
// result's encoding; an unknown format yields UNSUPPORTED_FORMAT naming `display`.
ExtractResult extract_as(std::string_view format, const std::string& note, std::string_view display,
                         std::string_view bytes, const ExtractLimits& limits, const CancelToken* cancel);

// choose_format, then extract_as: what every input, entry and attachment goes through.
ExtractResult extract_by_extension(std::string_view extension, std::string_view display,
                                   std::string_view bytes, const ExtractLimits& limits,
                                   const CancelToken* cancel);

// Appends a note ("Named .pdf but is a PNG image; ...") to a result's encoding column.
void add_note(ExtractResult& result, const std::string& note);

// --- Shared helpers ---------------------------------------------------------------------

// A libarchive reader over an in-memory zip (central directory first, as unzip tools do).
struct ArchiveReaderDeleter {
  void operator()(struct archive* reader) const;
};
using ArchiveReader = std::unique_ptr<struct archive, ArchiveReaderDeleter>;

// Opens `bytes` as a zip; nullptr when it is not one (or is damaged beyond reading).
// `bytes` must outlive the reader.
ArchiveReader open_zip(std::string_view bytes);

// One file's unpack budget (ExtractLimits): every member read through it counts toward
// the file's total, so six slides of 100 MB each break a 512 MB budget like one 600 MB
// slide would. `code` is the error a broken limit gives (ARCHIVE_LIMIT for .zip,
// TOO_LARGE for documents).
class UnpackBudget {
 public:
  UnpackBudget(std::string_view display, int64_t packed_bytes, const ExtractLimits& limits, const char* code)
      : display_(display), packed_bytes_(packed_bytes), limits_(limits), code_(code) {}

  // Checks the sizes the archive declares for its members (read from its central
  // directory before any content): the entry count, the unpacked total and the ratio.
  // Empty when within budget.
  ErrorInfo check_declared(int64_t entries, int64_t declared_total) const;
  // What reading one member gave: nothing wrong, the member at fault (damaged, or
  // larger than its header says), or the whole file past its budget.
  struct MemberRead {
    ErrorInfo error;
    bool whole_file = false;  // the budget broke: the file fails, not just this member
    bool ok() const { return error.empty(); }
  };
  // Reads the current member into `out`, counting it against the budget; a member is
  // never read past its declared size (`declared` < 0: not declared). `member` names it
  // in messages ("word/document.xml", "docs/a.txt in bundle.zip").
  MemberRead read_member(struct archive* reader, int64_t declared, std::string_view member, std::string& out);
  // Reads at most `count` bytes of the current member into `out` (its first bytes, to
  // tell its format), counting them against the budget; read_member then reads the
  // rest, with `declared` lowered by what this read.
  MemberRead read_head(struct archive* reader, size_t count, std::string_view member, std::string& out);
  // Unpacked bytes read so far.
  int64_t used() const { return used_; }

 private:
  ErrorInfo total_exceeded() const;
  ErrorInfo ratio_exceeded(int64_t unpacked) const;
  bool ratio_too_high(int64_t unpacked) const;

  std::string display_;
  int64_t packed_bytes_;
  const ExtractLimits& limits_;
  const char* code_;
  int64_t used_ = 0;
};

// Characters (code points) in UTF-8 text.
int64_t count_characters(std::string_view text);
// TOO_LARGE: `display` holds `characters` characters, past the limit.
ErrorInfo text_limit_error(std::string_view display, int64_t characters, const ExtractLimits& limits);
// TOO_LARGE when `text` holds more characters (code points) than the limit allows.
ErrorInfo check_text_size(std::string_view display, std::string_view text, const ExtractLimits& limits);

// TOO_LARGE for elements nested deeper than the limit, naming the part they are in.
ErrorInfo nesting_too_deep(std::string_view display, std::string_view part, const ExtractLimits& limits);

// HTML nested deeper than `max_depth` (in elements that can nest): writes into
// `flattened` the same page with the tags past that depth dropped and returns true; false
// (and `flattened` untouched) when the page is within the depth. Linear in the input.
bool flatten_deep_html(std::string_view html, int max_depth, std::string& flattened);

// "100,000": counts the way a user reads them.
std::string format_count(int64_t count);

// One part of a zip-based document (an XML part, a chapter).
struct Part {
  std::string name;
  std::string xml;
};

// Reads the parts of a zip-based document whose names `wanted` accepts, in zip order.
// Fails CORRUPT when the file is not a zip, ENCRYPTED when a part is encrypted, TOO_LARGE
// when a part unpacks past the limits.
ExtractResult read_parts(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                         const std::function<bool(std::string_view)>& wanted, std::vector<Part>& parts);
// The same, one part at a time: `use` gets each part and it is freed before the next, so
// a document's memory is one part; the cancel token is checked between parts.
ExtractResult read_parts(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                         const CancelToken* cancel, const std::function<bool(std::string_view)>& wanted,
                         const std::function<ExtractResult(Part&)>& use);

enum class EntryRead { kOk, kTooLarge, kDamaged };
// Reads the current entry's content into `out`, stopping past `cap` bytes: a zip's
// declared sizes can lie, so the cap holds whatever the header says.
EntryRead read_entry_content(struct archive* reader, int64_t cap, std::string& out);

// True when `bytes` is an OLE compound file: what Office writes for password-protected
// documents (and for legacy .doc/.ppt files).
bool is_ole_compound_file(std::string_view bytes);

// The extension of a file or entry name, lower case with the dot ("" when there is none).
std::string lower_extension(std::string_view name);

// A failed result carrying one error.
ExtractResult failure(const char* code, std::string message, std::string hint);
ExtractResult failure(ErrorInfo error);

// The result for a cancel seen mid-extraction.
ExtractResult interrupted(std::string_view display);

// Text is returned as is, unless it holds nothing but whitespace: then NO_TEXT with
// `no_text_message` (a sentence) and `no_text_hint`.
ExtractResult text_or_no_text(std::string text, std::string no_text_message, std::string no_text_hint);

// An XML element's name without its namespace prefix ("w:p" → "p"): the Office, OpenDocument
// and EPUB readers match elements by it, whatever prefix a producer chose.
std::string_view local_name(const char* qualified);

// Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points past U+10FFFF are rejected), or npos when all is valid.
size_t first_invalid_utf8(std::string_view bytes);

// Checks that `bytes` is UTF-8 text. On success returns true and narrows `bytes` past a
// UTF-8 byte order mark; otherwise fills `error` with BAD_ENCODING naming `display` and
// the byte offset of the first bad byte (a UTF-16/32 byte order mark counts as offset 0).
bool require_utf8(std::string_view display, std::string_view& bytes, ErrorInfo& error);

// Builds paragraph text from pieces of inline text, the way a reader sees it: runs of
// whitespace collapse to one space, and paragraphs are separated by one blank line.
class ParagraphWriter {
 public:
  // Appends inline text; whitespace (including U+00A0) collapses with its neighbours.
  void append(std::string_view text);
  // A line break inside the current paragraph (docx <w:br/>, pptx <a:br/>).
  void line_break();
  // Closes the current paragraph; empty paragraphs leave no trace.
  void end_paragraph();
  // Ends the last paragraph and hands over the text.
  std::string finish();

 private:
  // Paragraphs are written straight into text_: the separator goes in only when a
  // paragraph gets its first visible character, so empty ones leave no trace.
  std::string text_;
  bool in_paragraph_ = false;     // the current paragraph has visible text
  bool pending_space_ = false;    // whitespace seen since the last visible character
  bool pending_newline_ = false;  // a line break seen since the last visible character
};

}  // namespace blockify::extract_internal
