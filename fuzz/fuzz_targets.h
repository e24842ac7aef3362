#pragma once
// The fuzz targets: one function per parser of hostile input, each taking the raw bytes
// of one input. libFuzzer drives them (fuzz/libfuzzer_main.cpp), and the regression test
// (tests/engine/fuzz_regressions_test.cpp) feeds every committed reproducer through the
// very same function, so a fixed crash stays fixed in the ordinary g++ build.
//
// A target returns normally when the engine behaved; a broken invariant aborts with a
// message (fuzz_check.h), which libFuzzer reports as a crash.
#include <string_view>
#include <vector>

namespace blockify::fuzz {

// Extractors, through extract_bytes() with the production ExtractLimits (OCR aside: 1 s a
// page, off for PDFs) and a live cancel token — the same dispatch the job runner reaches
// through extract_file().
void fuzz_extract_text(std::string_view input);  // .txt and .md
void fuzz_extract_csv(std::string_view input);
void fuzz_extract_json(std::string_view input);
void fuzz_extract_html(std::string_view input);
void fuzz_extract_docx(std::string_view input);
void fuzz_extract_pptx(std::string_view input);
void fuzz_extract_pdf(std::string_view input);
void fuzz_extract_zip(std::string_view input);
// Loads Tesseract once for the process, as an engine worker has it after its first scan:
// the extract targets call it before their first input, so the 2-second limit per input
// times the input, not the second or more that loading the language data takes.
void fuzz_load_ocr();

// IdeaBlock XML in a model reply; parsed blocks must survive a write/parse round trip.
void fuzz_ideablock_xml(std::string_view input);

// The endpoint's reading of an HTTP reply: byte 0 picks the status, byte 1 the length of
// a Retry-After value that follows, the rest is the body.
void fuzz_endpoint_reply(std::string_view input);

// A queued command (and a queued command's result) as JSON from the commands table.
void fuzz_remote_command(std::string_view input);

// The chunker: bytes 0-3 give size and overlap, the rest is the text; every promise of
// engine/pipeline/text/chunk.h is checked.
void fuzz_chunk(std::string_view input);

// A target by name, as scripts/fuzz and the regression test know it.
struct FuzzTarget {
  const char* name;
  void (*run)(std::string_view input);
};
const std::vector<FuzzTarget>& fuzz_targets();

}  // namespace blockify::fuzz
