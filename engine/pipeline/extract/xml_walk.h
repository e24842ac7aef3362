#pragma once
// Walking an XML subtree without recursion, for the Office and OpenDocument readers:
// hostile files nest deeply enough to exhaust a recursive walk's stack.
#include <climits>
#include <pugixml.hpp>

namespace blockify::extract_internal {

enum class Visit { kDescend, kSkip };

// Visits the subtree under `root` in document order: `enter(node)` says whether to descend
// into the node, `leave(node)` runs after its subtree. False, stopping there, when elements
// nest deeper than `max_depth`.
template <typename Enter, typename Leave>
bool walk(pugi::xml_node root, Enter enter, Leave leave, int max_depth = INT_MAX) {
  int depth = 0;
  pugi::xml_node node = root.first_child();
  while (node) {
    if (enter(node) == Visit::kDescend && node.first_child()) {
      if (++depth > max_depth) return false;
      node = node.first_child();
      continue;
    }
    for (;;) {
      leave(node);
      if (node.next_sibling()) {
        node = node.next_sibling();
        break;
      }
      node = node.parent();
      --depth;
      if (!node || node == root) return true;
    }
  }
  return true;
}

}  // namespace blockify::extract_internal
