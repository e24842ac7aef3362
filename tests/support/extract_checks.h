#pragma once
// What the extractor tests check of a result, written once: how a failure reads, that a
// file extracts, and finding an archive's entry by name.
#include <doctest/doctest.h>

#include <string>

#include "engine/pipeline/extract/extract.h"

namespace blockify::test {

// A file-level failure (what the user sees in the failed-files list): `code`, a sentence
// naming the file it is about (`file_name`, or "entry in archive"), and what to do.
inline void check_failure(const ExtractResult& result, const char* code, const std::string& file_name) {
  CHECK(result.error.code == code);
  CHECK(result.error.message.find(file_name) != std::string::npos);
  CHECK(!result.error.hint.empty());
}

// What a file called `name` holding `bytes` extracts to, when it must extract: the test
// stops here, with the error's sentence, when it does not.
inline ExtractResult extract_ok(const std::string& name, const std::string& bytes) {
  ExtractResult result = extract_bytes(name, bytes);
  REQUIRE_MESSAGE(result.ok(), name << " did not extract: " << result.error.message);
  return result;
}

// The entry of an archive (a zip, a mail's attachments) named `name`, or null.
inline const ArchiveEntry* find_entry(const ExtractResult& result, const std::string& name) {
  for (const auto& entry : result.entries) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

}  // namespace blockify::test
