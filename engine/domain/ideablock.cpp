#include "engine/domain/ideablock.h"

#include "engine/domain/text_parts.h"

namespace blockify {

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
    constexpr std::string_view kSpace = " \t\n\r";
    size_t b = item.find_first_not_of(kSpace);
    if (b == std::string_view::npos) return;
    out.emplace_back(item.substr(b, item.find_last_not_of(kSpace) + 1 - b));
  });
  return out;
}

}  // namespace blockify
