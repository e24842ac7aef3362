// Export: the content of each format, and the atomic, space-checked write.
#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/pipeline/export.h"
#include "tests/support/sample_blocks.h"
#include "tests/support/temp_dir.h"

#if !defined(_WIN32)
#include <sys/resource.h>
#endif

using namespace blockify;
using blockify::test::read_file;
using blockify::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::vector<IdeaBlock> sample_blocks() {
  IdeaBlock retry = blockify::example_ideablock();
  retry.id = 11;
  retry.source_file = "manual.pdf";
  retry.chunk_index = 3;

  IdeaBlock merged = retry;  // represented by block 11, so not exported
  merged.id = 12;
  merged.name = "Retry Policy (copy)";
  merged.merged_into = 11;

  IdeaBlock quoting;
  quoting.id = 13;
  quoting.name = "R&D <\"quotes\"> * _md_";
  quoting.critical_question = "Is \"a < b\"?";
  quoting.trusted_answer = "Yes & no.\nSecond line # not a heading.";
  quoting.tags = {"TECHNICAL"};
  quoting.entities = {{"AT&T", "ORGANIZATION"}, {"Jane Doe", "PERSON"}};
  quoting.keywords = {"a<b"};
  quoting.source_file = "notes/é.txt";
  quoting.chunk_index = 0;
  return {retry, merged, quoting};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("export formats have names that parse back") {
  for (ExportFormat f : {ExportFormat::Xml, ExportFormat::Jsonl, ExportFormat::Markdown}) {
    ExportFormat parsed = ExportFormat::Xml;
    CHECK(parse_export_format(to_string(f), parsed));
    CHECK(parsed == f);
  }
  ExportFormat parsed = ExportFormat::Xml;
  CHECK(parse_export_format("markdown", parsed));
  CHECK(parsed == ExportFormat::Markdown);
  CHECK(parse_export_format("JSONL", parsed));
  CHECK(parsed == ExportFormat::Jsonl);
  CHECK_FALSE(parse_export_format("csv", parsed));
  CHECK_FALSE(parse_export_format("", parsed));
}

TEST_CASE("XML export is a well-formed <ideablocks> document holding every represented block") {
  const std::string xml = render_blocks(sample_blocks(), "manuals & more", ExportFormat::Xml);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ideablocks dataset=\"manuals &amp; more\">\n",
                  0) == 0);
  CHECK(xml.find("\n  <ideablock>\n    <name>Retry Policy</name>\n") != std::string::npos);

  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_string(xml.c_str());
  REQUIRE_MESSAGE(parsed, parsed.description());
  const pugi::xml_node root = doc.child("ideablocks");
  CHECK(std::string(root.attribute("dataset").value()) == "manuals & more");
  std::vector<std::string> names;
  for (pugi::xml_node block : root.children("ideablock")) names.push_back(block.child_value("name"));
  CHECK(names == std::vector<std::string>{"Retry Policy", "R&D <\"quotes\"> * _md_"});
  pugi::xml_node quoting = root.child("ideablock").next_sibling("ideablock");
  CHECK(std::string(quoting.child_value("trusted_answer")) == "Yes & no.\nSecond line # not a heading.");
  CHECK(std::string(quoting.child("entity").child_value("entity_name")) == "AT&T");
  CHECK(std::string(quoting.child_value("keywords")) == "a<b");
}

TEST_CASE("XML export keeps a dataset name's quotes, tabs and line breaks through an XML parser") {
  const std::string dataset = "Bob's \"notes\"\tQ3\nand\r<more>\x01";
  const std::string xml = render_blocks(sample_blocks(), dataset, ExportFormat::Xml);
  CHECK(xml.find("<ideablocks dataset=\"Bob&apos;s &quot;notes&quot;&#9;Q3&#10;and&#13;&lt;more&gt;\">\n") !=
        std::string::npos);
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_string(xml.c_str());
  REQUIRE_MESSAGE(parsed, parsed.description());
  // The control character XML 1.0 forbids is dropped; everything else comes back.
  CHECK(std::string(doc.child("ideablocks").attribute("dataset").value()) ==
        "Bob's \"notes\"\tQ3\nand\r<more>");
}

TEST_CASE("JSONL export has one object per represented block with every field") {
  const std::string jsonl = render_blocks(sample_blocks(), "manuals", ExportFormat::Jsonl);
  const std::vector<std::string> lines = lines_of(jsonl);
  REQUIRE(lines.size() == 2);
  CHECK(jsonl.back() == '\n');

  const auto first = nlohmann::json::parse(lines[0]);
  CHECK(first["id"] == 11);
  CHECK(first["name"] == "Retry Policy");
  CHECK(first["critical_question"] == "What happens when a job is retried?");
  CHECK(first["trusted_answer"] == "The job restarts from the beginning with the same configuration.");
  CHECK(first["tags"] == nlohmann::json::array({"IMPORTANT", "PROCESS"}));
  CHECK(first["keywords"] == nlohmann::json::array({"retry", "job", "configuration"}));
  CHECK(first["entities"] == nlohmann::json::parse(R"([{"name":"BLOCKIFY","type":"PRODUCT"}])"));
  CHECK(first["source_file"] == "manual.pdf");
  CHECK(first["chunk_index"] == 3);

  const auto second = nlohmann::json::parse(lines[1]);
  CHECK(second["id"] == 13);
  CHECK(second["name"] == "R&D <\"quotes\"> * _md_");
  CHECK(second["trusted_answer"] == "Yes & no.\nSecond line # not a heading.");
  CHECK(second["entities"].size() == 2);
  CHECK(second["entities"][1]["name"] == "Jane Doe");
  CHECK(second["source_file"] == "notes/é.txt");
}

TEST_CASE("JSONL export survives text that is not valid UTF-8") {
  std::vector<IdeaBlock> blocks(1);
  blocks[0].name = std::string("Broken \xff\xfe bytes");
  const std::string jsonl = render_blocks(blocks, "d", ExportFormat::Jsonl);
  const auto parsed = nlohmann::json::parse(lines_of(jsonl).at(0));
  CHECK(parsed["name"].get<std::string>().rfind("Broken ", 0) == 0);
}

TEST_CASE("Markdown export shows each represented block under its own heading") {
  const std::string md = render_blocks(sample_blocks(), "manuals", ExportFormat::Markdown);
  CHECK(md.rfind("# manuals\n", 0) == 0);
  CHECK(md.find("\n## Retry Policy\n\n**What happens when a job is retried?**\n\n"
                "The job restarts from the beginning with the same configuration.\n\n"
                "- Tags: IMPORTANT, PROCESS\n"
                "- Keywords: retry, job, configuration\n"
                "- Entities: BLOCKIFY (PRODUCT)\n") != std::string::npos);
  CHECK(md.find("Retry Policy (copy)") == std::string::npos);
  // Markup characters in the text stay literal.
  CHECK(md.find("\n## R&D \\<\"quotes\"\\> \\* \\_md\\_\n") != std::string::npos);
  CHECK(md.find("Second line \\# not a heading.") != std::string::npos);
  CHECK(md.find("- Entities: AT&T (ORGANIZATION), Jane Doe (PERSON)\n") != std::string::npos);
}

TEST_CASE("every format leaves out blocks merged into another") {
  for (ExportFormat f : {ExportFormat::Xml, ExportFormat::Jsonl, ExportFormat::Markdown}) {
    const std::string text = render_blocks(sample_blocks(), "manuals", f);
    CHECK_MESSAGE(text.find("(copy)") == std::string::npos, to_string(f));
    CHECK_MESSAGE(text.find("Retry Policy") != std::string::npos, to_string(f));
  }
}

TEST_CASE("export_blocks writes the file and reports what it wrote") {
  TempDir dir;
  const fs::path out = dir / "manuals.jsonl";
  const ExportResult result = export_blocks(sample_blocks(), "manuals", ExportFormat::Jsonl, out);
  REQUIRE_MESSAGE(result.ok(), result.error.message);
  const std::string written = read_file(out);
  CHECK(written == render_blocks(sample_blocks(), "manuals", ExportFormat::Jsonl));
  CHECK(result.bytes_written == static_cast<int64_t>(written.size()));
  CHECK(result.blocks_written == 2);
  CHECK(files_in(dir.path()) == std::vector<std::string>{"manuals.jsonl"});
}

TEST_CASE("export_blocks replaces an existing file as a whole") {
  TempDir dir;
  const fs::path out = dir.write("manuals.xml", std::string(100000, 'o'));
  const ExportResult result = export_blocks(sample_blocks(), "manuals", ExportFormat::Xml, out);
  REQUIRE_MESSAGE(result.ok(), result.error.message);
  CHECK(read_file(out) == render_blocks(sample_blocks(), "manuals", ExportFormat::Xml));
  CHECK(files_in(dir.path()) == std::vector<std::string>{"manuals.xml"});
}

#if !defined(_WIN32)
TEST_CASE("export_blocks swaps a complete new file in instead of rewriting the old one in place") {
  TempDir dir;
  const fs::path out = dir.write("manuals.md", "previous export");
  std::ifstream reader_of_old_file(out, std::ios::binary);  // e.g. another program reading the last export
  REQUIRE(reader_of_old_file);
  const ExportResult result = export_blocks(sample_blocks(), "manuals", ExportFormat::Markdown, out);
  REQUIRE_MESSAGE(result.ok(), result.error.message);
  const std::string seen_by_reader{std::istreambuf_iterator<char>(reader_of_old_file),
                                   std::istreambuf_iterator<char>()};
  CHECK(seen_by_reader == "previous export");
  CHECK(read_file(out) == render_blocks(sample_blocks(), "manuals", ExportFormat::Markdown));
}

TEST_CASE("export_blocks that fails while writing keeps the old file and removes its temporary") {
  TempDir dir;
  const fs::path out = dir.write("manuals.xml", "previous export");
  std::vector<IdeaBlock> blocks = sample_blocks();
  blocks[0].trusted_answer = std::string(200000, 'a');
  // A file size limit makes the write fail part-way, as a disk error would (even for root).
  rlimit saved{};
  getrlimit(RLIMIT_FSIZE, &saved);
  auto* previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 4096;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  const ExportResult result = export_blocks(blocks, "manuals", ExportFormat::Xml, out);
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous_handler);

  CHECK_FALSE(result.ok());
  CHECK(result.error.message.find("Could not write dataset manuals to " + out.string()) == 0);
  CHECK_FALSE(result.error.hint.empty());
  CHECK(read_file(out) == "previous export");
  CHECK(files_in(dir.path()) == std::vector<std::string>{"manuals.xml"});
}
#endif

TEST_CASE("export_blocks refuses when the disk is too full and leaves the old file alone") {
  TempDir dir;
  const fs::path out = dir.write("manuals.md", "previous export");
  fs::path probed;
  auto nearly_full = [&](const fs::path& folder) -> int64_t {
    probed = folder;
    return 100;
  };
  const ExportResult result =
      export_blocks(sample_blocks(), "manuals", ExportFormat::Markdown, out, nearly_full);
  CHECK_FALSE(result.ok());
  CHECK(result.error.code == "DISK_FULL");
  CHECK(probed == dir.path());
  // Needed = the file (under 1 KB) + the 1 MiB margin.
  CHECK(result.error.message ==
        "Exporting dataset manuals needs 1.0 MB but only 100 bytes is free at " + dir.path().string() + ".");
  CHECK(result.error.hint.find("Free at least") != std::string::npos);
  CHECK(read_file(out) == "previous export");
  CHECK(files_in(dir.path()) == std::vector<std::string>{"manuals.md"});
  CHECK(result.bytes_written == 0);
}

TEST_CASE("export_blocks states sizes in human units") {
  TempDir dir;
  std::vector<IdeaBlock> big(1);
  big[0].trusted_answer = std::string(12 * 1024 * 1024, 'a');
  auto three_mb = [](const fs::path&) -> int64_t { return 3 * 1024 * 1024 + 100 * 1024; };
  const ExportResult result = export_blocks(big, "manuals", ExportFormat::Jsonl, dir / "out.jsonl", three_mb);
  REQUIRE(result.error.code == "DISK_FULL");
  CHECK(result.error.message.find("needs 13.0 MB but only 3.1 MB is free") != std::string::npos);
}

TEST_CASE("export_blocks into a missing folder fails with a clear error and creates nothing") {
  TempDir dir;
  const fs::path out = dir / "no-such-folder" / "manuals.xml";
  const ExportResult result = export_blocks(sample_blocks(), "manuals", ExportFormat::Xml, out);
  CHECK_FALSE(result.ok());
  CHECK(result.error.code == "FILE_NOT_FOUND");
  CHECK(result.error.message.find((dir / "no-such-folder").string()) != std::string::npos);
  CHECK(result.error.message.find("does not exist") != std::string::npos);
  CHECK_FALSE(result.error.hint.empty());
  CHECK(files_in(dir.path()).empty());
}

TEST_CASE("export_blocks onto a folder's name fails and leaves no temporary file") {
  TempDir dir;
  fs::create_directory(dir / "manuals.xml");
  const ExportResult result =
      export_blocks(sample_blocks(), "manuals", ExportFormat::Xml, dir / "manuals.xml");
  CHECK_FALSE(result.ok());
  CHECK(result.error.message.find("manuals.xml") != std::string::npos);
  CHECK(files_in(dir.path()) == std::vector<std::string>{"manuals.xml"});
  CHECK(fs::is_directory(dir / "manuals.xml"));
}

TEST_CASE("free_space_at reports the space of a real folder and -1 for a missing one") {
  TempDir dir;
  CHECK(free_space_at(dir.path()) > 0);
  CHECK(free_space_at(dir / "missing" / "deeper") == -1);
}
