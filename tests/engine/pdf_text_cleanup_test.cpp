// PDF text quality on page lines as OCR gives them (line ends and their hyphens kept):
// a word broken at a line end is joined again, a compound keeps its hyphen.
#include "engine/pipeline/extract/pdf_text_cleanup.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using blockify::extract_internal::clean_page_text;

TEST_CASE("line-end hyphens in OCR lines: broken words joined, compounds keep their hyphen") {
  std::string text = clean_page_text({{
      "Our well-",
      "known method is an exam-",
      "ple of care for the data-",
      "driven team, whose 20-",
      "year plan we re-",
      "ceive by e-",
      "mail from the Franco-",
      "German office: a high-",
      "er and self-",
      "ish state-of-the-",
      "art desk with a cross-",
      "border high-",
      "light.",
      "",
      "Every data-driven highlight counts.",
  }});
  CHECK(
      text ==
      "Our well-known method is an example of care for the data-driven team, whose 20-year plan we receive "
      "by "
      "e-mail from the Franco-German office: a higher and selfish state-of-the-art desk with a cross-border "
      "highlight.\n\n"
      "Every data-driven highlight counts.");
}

TEST_CASE("a capitalised word broken at a line end joins when the document writes it whole") {
  CHECK(clean_page_text({{"Mark the field OP-", "TIONAL, as every OPTIONAL field is."}}) ==
        "Mark the field OPTIONAL, as every OPTIONAL field is.");
  CHECK(clean_page_text({{"Mark the field OP-", "TIONAL."}}) ==
        "Mark the field OP-TIONAL.");  // nothing says otherwise
}

TEST_CASE("a dash set off by spaces at a line end is not a hyphen") {
  CHECK(clean_page_text({{"The plan -", "as agreed - holds."}}) == "The plan - as agreed - holds.");
}
