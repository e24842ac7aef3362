#pragma once
// An IdeaBlock: one idea from a document, in the shape of PRODUCT.md.
#include <cstdint>
#include <string>
#include <vector>

namespace blockify {

struct Entity {
  std::string name;
  std::string type;  // PRODUCT, ORGANIZATION, PERSON, METRIC, TECHNOLOGY, CONCEPT, LOCATION, DATE, OTHER
  bool operator==(const Entity&) const = default;
};

struct IdeaBlock {
  int64_t id = 0;  // store id; 0 until stored
  std::string name;
  std::string critical_question;
  std::string trusted_answer;
  std::vector<std::string> tags;
  std::vector<Entity> entities;
  std::vector<std::string> keywords;
  // Where it came from.
  int64_t file_id = 0;
  std::string source_file;
  int chunk_index = 0;
  // Distill: 0 when this block is a representative (or not merged), else the id of the
  // block that represents it.
  int64_t merged_into = 0;
  // The job that made it, where a reader filled it in (a dataset's browsed page); else 0.
  int64_t job_id = 0;
};

// PRODUCT.md's example block, "Retry Policy": the prompt shows it to a model as the
// format to reply in, and tests check the writer and the reader against it.
IdeaBlock example_ideablock();

// Joins list fields the way IdeaBlock XML writes them: "a, b, c".
std::string join_list(const std::vector<std::string>& items);
// Splits "a, b, c" back into trimmed, non-empty items.
std::vector<std::string> split_list(const std::string& text);

}  // namespace blockify
