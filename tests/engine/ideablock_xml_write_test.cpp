// to_ideablock_xml: the exact shape of PRODUCT.md's example, escaping, indentation.
#include <doctest/doctest.h>

#include <pugixml.hpp>
#include <string>

#include "engine/pipeline/ideablock_xml.h"
#include "tests/support/sample_blocks.h"

using namespace blockify;

TEST_CASE("to_ideablock_xml writes PRODUCT.md's example byte for byte") {
  CHECK(to_ideablock_xml(example_ideablock()) == test::kRetryPolicyXml + "\n");
}

TEST_CASE("to_ideablock_xml indents every line by the requested amount") {
  const std::string xml = to_ideablock_xml(example_ideablock(), 4);
  CHECK(xml.rfind("    <ideablock>\n", 0) == 0);
  CHECK(xml.find("\n      <name>Retry Policy</name>\n") != std::string::npos);
  CHECK(xml.size() >= 17);
  CHECK(xml.substr(xml.size() - 17) == "    </ideablock>\n");
  size_t lines = 0;
  size_t start = 0;
  while (start < xml.size()) {
    const size_t end = xml.find('\n', start);
    CHECK(xml.compare(start, 4, "    ") == 0);
    ++lines;
    start = end + 1;
  }
  CHECK(lines == 8);
}

TEST_CASE("to_ideablock_xml writes one entity element per entity and empty lists as empty elements") {
  IdeaBlock b;
  b.name = "Vendors";
  b.entities = {{"ACME", "ORGANIZATION"}, {"Jane Doe", "PERSON"}};
  const std::string xml = to_ideablock_xml(b);
  CHECK(
      xml.find("  <entity><entity_name>ACME</entity_name><entity_type>ORGANIZATION</entity_type></entity>\n"
               "  <entity><entity_name>Jane Doe</entity_name><entity_type>PERSON</entity_type></entity>\n") !=
      std::string::npos);
  CHECK(xml.find("<tags></tags>") != std::string::npos);
  CHECK(xml.find("<keywords></keywords>") != std::string::npos);
  CHECK(xml.find("<trusted_answer></trusted_answer>") != std::string::npos);
}

TEST_CASE("to_ideablock_xml escapes markup so any text survives an XML parser") {
  IdeaBlock b;
  b.name = "Tom & Jerry <draft>";
  b.critical_question = "Is \"a < b\" when 'b > a'?";
  b.trusted_answer = "Use &amp; literally; a bell\x07 and a NUL-free\x01 byte are dropped.\nSecond line.";
  b.tags = {"R&D"};
  b.entities = {{"<AT&T>", "ORGANIZATION"}};
  b.keywords = {"a<b", "\"quoted\""};
  const std::string xml = to_ideablock_xml(b);
  CHECK(xml.find("<name>Tom &amp; Jerry &lt;draft&gt;</name>") != std::string::npos);
  CHECK(xml.find("&quot;a &lt; b&quot; when &apos;b &gt; a&apos;") != std::string::npos);

  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_string(xml.c_str());
  REQUIRE_MESSAGE(parsed, parsed.description());
  const pugi::xml_node block = doc.child("ideablock");
  CHECK(std::string(block.child_value("name")) == b.name);
  CHECK(std::string(block.child_value("critical_question")) == b.critical_question);
  CHECK(std::string(block.child_value("trusted_answer")) ==
        "Use &amp; literally; a bell and a NUL-free byte are dropped.\nSecond line.");
  CHECK(std::string(block.child_value("tags")) == "R&D");
  CHECK(std::string(block.child("entity").child_value("entity_name")) == "<AT&T>");
  CHECK(std::string(block.child_value("keywords")) == "a<b, \"quoted\"");
}

TEST_CASE("to_ideablock_xml writes a carriage return as a reference, so a parser reads it back") {
  IdeaBlock b;
  b.trusted_answer = "Line one\r\nLine two\r";
  const std::string xml = to_ideablock_xml(b);
  CHECK(xml.find("<trusted_answer>Line one&#13;\nLine two&#13;</trusted_answer>") != std::string::npos);
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_string(xml.c_str());
  REQUIRE_MESSAGE(parsed, parsed.description());
  CHECK(std::string(doc.child("ideablock").child_value("trusted_answer")) == b.trusted_answer);
}

TEST_CASE("to_ideablock_xml keeps UTF-8 text unchanged") {
  IdeaBlock b;
  b.name = "Überprüfung – 検証";
  const std::string xml = to_ideablock_xml(b);
  CHECK(xml.find("<name>Überprüfung – 検証</name>") != std::string::npos);
}
