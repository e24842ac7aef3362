// Writes the seed corpora for the fuzz targets into <root>/<target>/ (fuzz/make_corpus.sh
// passes fuzz/corpus). Every seed is a small, real instance of its format, generated here
// (Office files and PDFs with the tests' own writers) instead of copied from elsewhere,
// so libFuzzer starts from inputs that already reach deep into each parser.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/pdf_writer.h"
#include "tests/support/zip_writer.h"

namespace {

namespace fs = std::filesystem;
using blockify::test::make_docx;
using blockify::test::make_docx_with_body;
using blockify::test::make_pptx;
using blockify::test::make_text_pdf;
using blockify::test::make_zip;

fs::path g_root;
int g_written = 0;

void seed(const std::string& target, const std::string& name, const std::string& bytes) {
  const fs::path dir = g_root / target;
  fs::create_directories(dir);
  std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("could not write " + (dir / name).string());
  ++g_written;
}

// The chunk target reads size and overlap from its first four bytes (little endian).
std::string chunk_seed(unsigned size, unsigned overlap, const std::string& text) {
  std::string out;
  for (unsigned v : {size, overlap}) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
  }
  return out + text;
}

// The endpoint target: status byte, Retry-After length, Retry-After, body.
std::string reply_seed(unsigned char status_byte, const std::string& retry_after, const std::string& body) {
  return std::string(1, static_cast<char>(status_byte)) + static_cast<char>(retry_after.size()) +
         retry_after + body;
}

const std::string kProse =
    "Blockify turns documents into IdeaBlocks. Each block answers one question.\n\n"
    "A job reads every file, splits the text into chunks and sends each chunk to the model. "
    "Failed files keep their reason and a hint!\n\nRetry? Yes: the job restarts from the beginning.\n";

const std::string kBlocks =
    "<ideablock>\n  <name>Retry Policy</name>\n  <critical_question>What happens when a job is "
    "retried?</critical_question>\n"
    "  <trusted_answer>The job restarts &amp; keeps its history.</trusted_answer>\n  <tags>IMPORTANT, "
    "PROCESS</tags>\n"
    "  <entity><entity_name>BLOCKIFY</entity_name><entity_type>PRODUCT</entity_type></entity>\n"
    "  <keywords>retry, job</keywords>\n</ideablock>\n";

void text_seeds() {
  seed("extract_text", "prose.txt", kProse);
  seed("extract_text", "headings.md",
       "# Title\n\nSome *emphasis* and `code`.\n\n- item one\n- item two\n\n```\nfenced\n```\n");
  seed("extract_text", "bom_crlf.txt",
       "\xEF\xBB\xBFLine one\r\nLine two\r\n\r\nParagraph \xC3\xA9t\xC3\xA9.\r\n");
  seed("extract_text", "cjk.txt",
       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x80\x82\xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x81\n\n\xF0\x9F\x98"
       "\x80 emoji");
  seed("extract_text", "latin1.txt",
       "Caf\xE9 cr\xE8"
       "me br\xFB"
       "l\xE9"
       "e, na\xEF"
       "ve fa\xE7"
       "ade.\n");
  seed("extract_text", "utf16le_bom.txt", std::string("\xFF\xFEH\0i\0 \0t\0h\0e\0r\0e\0\n\0", 20));
  seed("extract_text", "utf16be_bom.txt", std::string("\xFE\xFF\0H\0i\0\n", 8));
  seed("extract_text", "windows1252.txt", "\x93Smart quotes\x94 and \x85 an ellipsis \x80 euro.\n");
  seed("extract_text", "blank.txt", " \n\t\n");

  seed("extract_csv", "comma.csv", "name,role,city\nAda,engineer,London\nGrace,admiral,\"New York, NY\"\n");
  seed("extract_csv", "semicolon.csv", "Name;Preis;Menge\nApfel;1,20;3\nBirne;0,90;\n");
  seed("extract_csv", "tabs.csv", "id\tnote\n1\t\"multi\nline\"\n2\t\"quoted \"\"quote\"\"\"\n");
  seed("extract_csv", "ragged.csv", "a,b\n1,2,3\n4\n\n\"unterminated,5\n");

  seed("extract_json", "object.json",
       R"({"title":"Manual","version":2,"tags":["a","b"],"owner":{"name":"Ada","active":true}})");
  seed("extract_json", "array.json",
       R"([{"q":"What is it?","a":"A tool."},{"q":"Why?","a":null,"n":1.5e3}])");
  seed("extract_json", "escapes.json", R"({"text":"line\nbreak \u00e9 \ud83d\ude00 \"quoted\""})");
  seed("extract_json", "scalar.json", "\"just a string\"");

  seed("extract_html", "page.html",
       "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>T</title><style>p{}</style>"
       "<script>var x = '<p>';</script></head><body><h1>Heading</h1><p>First <b>bold</b>&nbsp;text &amp; "
       "more.</p>"
       "<ul><li>one</li><li>two</li></ul><table><tr><td>cell</td><td>cell 2</td></tr></table>"
       "<br><pre>  keep\n  lines</pre><!-- comment --></body></html>");
  seed("extract_html", "latin1.html",
       "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
       "</head><body><p>Caf\xE9</p></body></html>");
  seed("extract_html", "fragment.htm",
       "<div>unclosed <p>para <span>span</div> &#x41;&#66;&bogus; <img alt=x>");
}

void office_seeds() {
  seed("extract_docx", "paragraphs.docx",
       make_docx({"First paragraph.", "Second paragraph with \xC3\xA9.", ""}));
  seed("extract_docx", "body.docx",
       make_docx_with_body(
           "<w:p><w:r><w:t xml:space=\"preserve\">Run one </w:t></w:r><w:r><w:br/><w:t>after break</w:t>"
           "</w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
           "<w:p><w:r><w:tab/><w:t>tabbed</w:t></w:r></w:p>"));
  seed("extract_pptx", "slides.pptx",
       make_pptx({{"Title slide", "Subtitle"}, {"Second slide"}, {}, {"Fourth"}}));
  seed("extract_pptx", "one.pptx", make_pptx({{"Only slide \xE2\x9C\x93"}}));
}

void pdf_seeds() {
  seed("extract_pdf", "text.pdf",
       make_text_pdf({{"Page one line one.", "", "New paragraph."}, {"Page two."}}));
  seed("extract_pdf", "no_text.pdf", blockify::test::make_pdf_without_text(2));
  seed("extract_pdf", "locked.pdf", blockify::test::make_locked_pdf({{"Secret."}}));
}

void zip_seeds() {
  seed("extract_zip", "mixed.zip",
       make_zip({{"docs/", ""},
                 {"docs/a.txt", kProse},
                 {"b.csv", "x,y\n1,2\n"},
                 {"c.json", "{\"k\":\"v\"}"},
                 {"d.html", "<p>hello</p>"},
                 {"e.bin", "\x01\x02"}}));
  seed("extract_zip", "stored.zip",
       make_zip({{"a.md", "# Heading\n\ntext"}}, {.compress = false, .password = ""}));
  seed("extract_zip", "nested.zip",
       make_zip(
           {{"inner.zip", make_zip({{"deep.txt", "deep text"}})}, {"doc.docx", make_docx({"in a zip"})}}));
  seed("extract_zip", "encrypted.zip",
       make_zip({{"secret.txt", "hidden"}}, {.compress = true, .password = "pw"}));
}

void model_reply_seeds() {
  seed("ideablock_xml", "one_block.xml", kBlocks);
  seed("ideablock_xml", "chatter.txt",
       "Sure! Here are the blocks:\n```xml\n" + kBlocks + kBlocks + "```\nAnything else?");
  seed("ideablock_xml", "variants.xml",
       "<IdeaBlock><name><![CDATA[A < B]]></name><trusted_answer>Yes &#x2713; &#233; & done</trusted_answer>"
       "<entity><name>X</name><type>concept</type></entity><tags/></IdeaBlock>"
       "<ideablock><name>broken</ideablock><ideablock ><critical_question>Q?</critical_question></ideablock "
       ">");

  const std::string content = R"(<ideablock><name>N</name><trusted_answer>A.</trusted_answer></ideablock>)";
  seed("endpoint_reply", "completion.bin",
       reply_seed(0, "",
                  R"({"choices":[{"message":{"role":"assistant","content":")" + content +
                      R"("},"finish_reason":"stop"}],"usage":{"completion_tokens":17}})"));
  seed("endpoint_reply", "cut_off.bin",
       reply_seed(0, "", R"({"choices":[{"message":{"content":"no xml"},"finish_reason":"length"}]})"));
  seed("endpoint_reply", "no_choices.bin", reply_seed(1, "", R"({"choices":[]})"));
  seed("endpoint_reply", "busy.bin", reply_seed(10, "5", R"({"error":{"message":"Rate limit reached"}})"));
  seed("endpoint_reply", "busy_date.bin",
       reply_seed(11, "Wed, 21 Oct 2015 07:28:00 GMT", "Service Unavailable"));
  seed(
      "endpoint_reply", "context.bin",
      reply_seed(
          4, "",
          R"({"error":{"message":"This model's maximum context length is 4096 tokens","code":"context_length_exceeded"}})"));
  seed("endpoint_reply", "auth.bin", reply_seed(5, "", R"({"detail":"invalid api key"})"));

  seed(
      "remote_command", "create.json",
      R"({"op":"create","name":"Q3","dataset":"manuals","config":{"mode":"chunk","chunk_size":1500,"overlap_percent":10,"backend":"offline","distill_threshold":0.8},"files":["/a.pdf","/b.txt"]})");
  seed("remote_command", "retry.json", R"({"op":"retry","id":7,"kind":"resume"})");
  seed("remote_command", "delete.json", R"({"op":"delete","id":3,"cancel_first":true})");
  seed("remote_command", "replace.json", R"({"op":"replace-file","id":2,"file":5,"path":"/new.pdf"})");
  seed("remote_command", "setting.json",
       R"({"op":"set-setting","key":"endpoint.url","value":"http://127.0.0.1:8080/v1"})");
  seed("remote_command", "unknown.json", R"({"op":"explode","id":-1})");
}

void chunk_seeds() {
  seed("chunk", "default.bin", chunk_seed(2000, 200, kProse + kProse + kProse));
  seed("chunk", "small.bin", chunk_seed(40, 10, kProse));
  seed("chunk", "tiny.bin", chunk_seed(3, 5, "abc def"));
  seed("chunk", "no_spaces.bin", chunk_seed(17, 8, std::string(200, 'x')));
  seed("chunk", "utf8.bin",
       chunk_seed(
           20, 8,
           "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x80\x82 \xF0\x9F\x98\x80\xF0\x9F\x98\x80 caf\xC3\xA9 "
           "\xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x81\xE4\xB8\xAD\xE6\x96\x87"));
  seed("chunk", "paragraphs.bin",
       chunk_seed(64, 32, "one.\n\ntwo two two.\n\nthree three three three.\n\n\n\nfour"));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_ROOT\n", argv[0]);
    return 2;
  }
  try {
    g_root = argv[1];
    text_seeds();
    office_seeds();
    pdf_seeds();
    zip_seeds();
    model_reply_seeds();
    chunk_seeds();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_corpus: %s\n", e.what());
    return 1;
  }
  std::printf("wrote %d seed files under %s\n", g_written, argv[1]);
  return 0;
}
