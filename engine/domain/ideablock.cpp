#include "engine/domain/ideablock.h"

#include "engine/domain/text_parts.h"

namespace blockify {

IdeaBlock example_ideablock() {
  IdeaBlock b;
  b.name = "Retry Policy";
  b.critical_question = "What happens when a job is retried?";
  b.trusted_answer = "The job restarts from the beginning with the same configuration.";
  b.tags = {"IMPORTANT", "PROCESS"};
  b.entities = {{"BLOCKIFY", "PRODUCT"}};
  b.keywords = {"retry", "job", "configuration"};
  return b;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  for_each_part(text, ',', [&](std::string_view item) {
    item = trim_space(item);
    if (!item.empty()) out.emplace_back(item);
  });
  return out;
}

}  // namespace blockify
