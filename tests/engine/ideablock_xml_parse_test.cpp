#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/pipeline/ideablock_xml.h"
#include "tests/support/sample_blocks.h"

using blockify::Entity;
using blockify::IdeaBlock;
using blockify::parse_ideablock_xml;

namespace {

const std::string& kProductExample = blockify::test::kRetryPolicyXml;

std::string simple_block(const std::string& name, const std::string& answer) {
  return "<ideablock><name>" + name + "</name><trusted_answer>" + answer + "</trusted_answer></ideablock>";
}

// The names of the blocks found, in order, joined by " | ": one comparison checks how many
// blocks there are and which, and a failure prints them.
std::string names(const std::vector<IdeaBlock>& blocks) {
  std::string joined;
  for (const auto& block : blocks) joined += (joined.empty() ? "" : " | ") + block.name;
  return joined;
}

}  // namespace

TEST_CASE("the PRODUCT.md example block is read with every field") {
  auto blocks = parse_ideablock_xml(kProductExample);
  REQUIRE(blocks.size() == 1);
  const IdeaBlock& block = blocks[0];
  CHECK(block.name == "Retry Policy");
  CHECK(block.critical_question == "What happens when a job is retried?");
  CHECK(block.trusted_answer == "The job restarts from the beginning with the same configuration.");
  CHECK(block.tags == std::vector<std::string>{"IMPORTANT", "PROCESS"});
  CHECK(block.entities == std::vector<Entity>{{"BLOCKIFY", "PRODUCT"}});
  CHECK(block.keywords == std::vector<std::string>{"retry", "job", "configuration"});
}

TEST_CASE("blocks are found among a model's chatter, in order") {
  std::string reply = "Here are your blocks:\n```xml\n" + simple_block("First", "One.") +
                      "\nand some text in between <b>bold</b>\n" + kProductExample + "\n" +
                      simple_block("Third", "Three.") + "\n```\nLet me know if you need more!";
  auto blocks = parse_ideablock_xml(reply);
  REQUIRE(names(blocks) == "First | Retry Policy | Third");
  CHECK(blocks[2].trusted_answer == "Three.");
}

TEST_CASE("several entities are kept, and entity types are upper-cased") {
  auto blocks = parse_ideablock_xml(
      "<ideablock><name>Team</name><trusted_answer>Ada works at Acme.</trusted_answer>"
      "<entity><entity_name>Ada</entity_name><entity_type>person</entity_type></entity>"
      "<entity>\n <entity_name> Acme </entity_name>\n <entity_type>ORGANIZATION</entity_type>\n</entity>"
      "</ideablock>");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].name == "Team");  // an entity's name never becomes the block's name
  CHECK(blocks[0].entities == std::vector<Entity>{{"Ada", "PERSON"}, {"Acme", "ORGANIZATION"}});
}

TEST_CASE("missing optional fields are left empty") {
  SUBCASE("only a name") {
    auto blocks = parse_ideablock_xml("<ideablock><name>Lonely</name></ideablock>");
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].name == "Lonely");
    CHECK(blocks[0].trusted_answer.empty());
    CHECK(blocks[0].tags.empty());
    CHECK(blocks[0].entities.empty());
    CHECK(blocks[0].keywords.empty());
  }
  SUBCASE("only a trusted answer, with empty tags") {
    auto blocks = parse_ideablock_xml(
        "<ideablock><trusted_answer>Just this.</trusted_answer><tags></tags><keywords/></ideablock>");
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].name.empty());
    CHECK(blocks[0].trusted_answer == "Just this.");
    CHECK(blocks[0].tags.empty());
  }
  SUBCASE("neither a name nor a trusted answer: dropped") {
    auto blocks = parse_ideablock_xml(
        "<ideablock><critical_question>Why?</critical_question><tags>X</tags></ideablock>" +
        simple_block("Kept", "Yes."));
    CHECK(names(blocks) == "Kept");
  }
}

TEST_CASE("a malformed block is skipped and its neighbours still parse") {
  SUBCASE("a block that is never closed") {
    auto blocks = parse_ideablock_xml(simple_block("Good one", "A.") + "\n<ideablock><name>Broken</name>\n" +
                                      simple_block("Good two", "B."));
    CHECK(names(blocks) == "Good one | Good two");
  }
  SUBCASE("a field that is never closed") {
    auto blocks =
        parse_ideablock_xml(simple_block("Good one", "A.") +
                            "<ideablock><name>Broken<trusted_answer>x</trusted_answer></ideablock>" +
                            simple_block("Good two", "B."));
    CHECK(names(blocks) == "Good one | Good two");
  }
  SUBCASE("the reply is cut off inside the last block") {
    auto blocks =
        parse_ideablock_xml(simple_block("Complete", "A.") + "<ideablock><name>Cut off</name><trusted_ans");
    CHECK(names(blocks) == "Complete");
  }
}

TEST_CASE("XML entities and CDATA are decoded; a bare ampersand is kept") {
  auto blocks = parse_ideablock_xml(
      "<ideablock><name>R&amp;D &lt;Budget&gt;</name>"
      "<trusted_answer>&quot;Costs&quot; fell 5&#37; &#x2014; it&apos;s true &#233;. AT&T "
      "agrees.</trusted_answer>"
      "<critical_question><![CDATA[Is 3 < 4 & 5 > 4?]]></critical_question>"
      "<tags>A&amp;B, C</tags></ideablock>");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].name == "R&D <Budget>");
  CHECK(blocks[0].trusted_answer == "\"Costs\" fell 5% \xE2\x80\x94 it's true \xC3\xA9. AT&T agrees.");
  CHECK(blocks[0].critical_question == "Is 3 < 4 & 5 > 4?");
  CHECK(blocks[0].tags == std::vector<std::string>{"A&B", "C"});
}

TEST_CASE("text without any block yields nothing") {
  CHECK(parse_ideablock_xml("").empty());
  CHECK(parse_ideablock_xml("I am sorry, I cannot help with that.").empty());
  CHECK(parse_ideablock_xml("<ideablocks><note>nothing</note></ideablocks>").empty());
}
