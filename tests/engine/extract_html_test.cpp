// Extract: .html/.htm give the text a reader sees in the browser, as paragraphs.
#include <doctest/doctest.h>

#include <string>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/extract_checks.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::extract_ok;

TEST_CASE("html gives visible text with block elements as paragraphs, in order") {
  const std::string page = R"(<!DOCTYPE html>
<html><head><title>Tab title</title><style>body { color: red; }</style>
<script>var secret = "SCRIPT_TEXT";</script></head>
<body>
  <h1>Retry   a
      job</h1>
  <p>Open the <b>failed</b> job&nbsp;and click <a href="#">Retry</a>.</p>
  <div>First div</div><div>Second div</div>
  <ul><li>One</li><li>Two</li></ul>
  <p>Line one<br>Line two</p>
  <table><tr><td>Name</td><td>Status</td></tr><tr><td>Job 7</td><td>Failed</td></tr></table>
  <noscript>NOSCRIPT_TEXT</noscript>
  <template><p>TEMPLATE_TEXT</p></template>
  <p hidden>HIDDEN_TEXT</p>
  <script>document.write("LATE_SCRIPT")</script>
  <section><article>Caf&eacute; &amp; &lt;tea&gt;</article></section>
</body></html>)";
  ExtractResult result = extract_ok("help.html", page);
  CHECK(result.text ==
        "Retry a job\n\n"
        "Open the failed job and click Retry.\n\n"
        "First div\n\nSecond div\n\n"
        "One\n\nTwo\n\n"
        "Line one\n\nLine two\n\n"
        "Name Status\n\nJob 7 Failed\n\n"
        "Caf\xC3\xA9 & <tea>");
  for (const char* hidden : {"SCRIPT_TEXT", "LATE_SCRIPT", "NOSCRIPT_TEXT", "TEMPLATE_TEXT", "HIDDEN_TEXT",
                             "color", "Tab title"}) {
    CHECK_MESSAGE(result.text.find(hidden) == std::string::npos, hidden);
  }
}

TEST_CASE("an .htm file on disk is read the same way, and broken markup is still read") {
  blockify::test::TempDir dir;
  ExtractResult result = extract_file(dir.write("old.HTM", "<p>unclosed <b>bold<p>next</i></div> end"));
  REQUIRE(result.ok());
  CHECK(result.text == "unclosed bold\n\nnext end");
}

TEST_CASE("html with only scripts and markup fails NO_TEXT naming the file") {
  ExtractResult result = extract_bytes(
      "app.html", "<html><head><script>render()</script></head><body><div id=root></div></body></html>");
  CHECK(result.error.code == error_code::kNoText);
  CHECK(result.error.message.find("app.html") != std::string::npos);
  CHECK(!result.error.hint.empty());
}

TEST_CASE("html that is not UTF-8 and declares nothing is detected; binary junk fails BAD_ENCODING") {
  ExtractResult result = extract_ok("legacy.html",
                                    "<p>Caf\xE9 au lait et cr\xE8me br\xFBl\xE9"
                                    "e</p>");
  CHECK(result.text ==
        "Caf\xC3\xA9 au lait et cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
        "e");
  CHECK(result.encoding.find("(detected)") != std::string::npos);
  ExtractResult junk = extract_bytes("junk.html", std::string(300, '\x01'));
  CHECK(junk.error.code == error_code::kBadEncoding);
  CHECK(junk.error.message.find("junk.html") != std::string::npos);
}

TEST_CASE("deeply nested html does not exhaust the stack") {
  std::string page;
  for (int i = 0; i < 20000; ++i) page += "<span>";
  page += "deep text";
  ExtractResult result = extract_ok("deep.html", page);
  CHECK(result.text == "deep text");
}
