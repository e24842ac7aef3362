// Flattening of HTML nested deeper than the nesting budget, before the HTML parser sees
// it. An HTML5 parser looks through the stack of open elements for most tags it reads,
// so 200,000 nested <div>s cost it time proportional to the square of the depth. One
// linear scan here finds the depth; past the limit, start and end tags deeper than it are
// dropped (their text stays), so the parser never works on a stack deeper than the limit.
#include <cctype>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/pipeline/extract/extract_formats.h"

namespace blockify::extract_internal {

namespace {

bool is_one_of(std::string_view name, std::initializer_list<const char*> names) {
  for (const char* candidate : names) {
    if (name.size() == std::strlen(candidate) && std::equal(name.begin(), name.end(), candidate)) return true;
  }
  return false;
}

// Elements that never hold children, or whose end tag is implied by the next sibling: a
// page of a thousand unclosed <p> or <li> is not deep, so they do not count.
bool never_nests(std::string_view name) {
  return is_one_of(name, {"area",     "base",    "br",    "col",    "embed", "hr",    "img",    "input",
                          "link",     "meta",    "param", "source", "track", "wbr",   "keygen", "frame",
                          "basefont", "bgsound", "image", "p",      "li",    "dt",    "dd",     "option",
                          "optgroup", "tr",      "td",    "th",     "thead", "tbody", "tfoot",  "colgroup",
                          "caption",  "rb",      "rt",    "rtc",    "rp",    "html",  "head",   "body"});
}

// Elements whose content is text up to their own end tag, whatever it looks like.
bool holds_raw_text(std::string_view name) {
  return is_one_of(
      name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"});
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

// The lower-case tag name starting at `at`.
std::string tag_name(std::string_view html, size_t at) {
  std::string name;
  while (at < html.size() && is_name_char(html[at]) && name.size() < 32) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[at++])));
  }
  return name;
}

// Position just past the '>' closing the tag that starts at `at`; quoted attribute values
// may hold '>'.
size_t tag_end(std::string_view html, size_t at) {
  char quote = 0;
  for (size_t i = at; i < html.size(); ++i) {
    char c = html[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return html.size();
}

// Position of "</name" (any case) at or after `from`, or the end.
size_t raw_text_end(std::string_view html, size_t from, std::string_view name) {
  for (size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (tag_name(html, i + 2) == name) return i;
  }
  return html.size();
}

// Walks the tags, calling keep(begin, end) for each stretch of input that stays and
// drop(begin, end) for each tag deeper than `max_depth`. Returns the deepest depth seen.
// An end tag closes the innermost open element of its name and every element opened
// inside it, as the parser does; an end tag whose element is not open is ignored by the
// parser, so it must not lower the depth either ("<div></x>" repeated nests as deep as
// "<div>" repeated).
template <typename Keep, typename Drop>
int walk(std::string_view html, int max_depth, Keep keep, Drop drop) {
  std::vector<std::string> open;                      // counted elements still open, outermost first
  std::unordered_map<std::string, int> open_by_name;  // how many of each name are in `open`
  int deepest = 0;
  size_t kept_from = 0;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    size_t begin = i;
    if (html.substr(i, 4) == "<!--") {
      size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      continue;
    }
    char next = i + 1 < html.size() ? html[i + 1] : '\0';
    if (next == '!' || next == '?') {  // "<!DOCTYPE", "<![CDATA[", "<?xml"
      i = tag_end(html, i);
      continue;
    }
    bool closing = next == '/';
    size_t name_at = i + (closing ? 2 : 1);
    if (name_at >= html.size() || !std::isalpha(static_cast<unsigned char>(html[name_at]))) {
      i = i + 1;  // a lone '<' in text
      continue;
    }
    std::string name = tag_name(html, name_at);
    size_t end = tag_end(html, name_at);
    i = end;
    if (name == "plaintext" && !closing) break;  // everything after is text
    if (!closing && holds_raw_text(name)) {
      size_t close = raw_text_end(html, end, name);
      i = close < html.size() ? tag_end(html, close) : close;  // its end tag was never counted
      continue;
    }
    bool self_closing = !closing && end >= 2 && html[end - 2] == '/';
    if (never_nests(name) || self_closing) continue;
    bool too_deep;
    if (closing) {
      auto count = open_by_name.find(name);
      if (count == open_by_name.end() || count->second == 0) continue;  // nothing to close
      // The element it closes was dropped when it sat deeper than the limit.
      size_t at = open.size();
      while (open[at - 1] != name) --at;
      too_deep = static_cast<int>(at) > max_depth;
      for (; open.size() >= at; open.pop_back()) --open_by_name[open.back()];
    } else {
      open.push_back(name);
      ++open_by_name[name];
      deepest = std::max(deepest, static_cast<int>(open.size()));
      too_deep = static_cast<int>(open.size()) > max_depth;
    }
    if (too_deep) {
      keep(kept_from, begin);
      drop(begin, end);
      kept_from = end;
    }
  }
  keep(kept_from, html.size());
  return deepest;
}

}  // namespace

bool flatten_deep_html(std::string_view html, int max_depth, std::string& flattened) {
  auto nothing = [](size_t, size_t) {};
  if (walk(html, max_depth, nothing, nothing) <= max_depth) return false;
  flattened.clear();
  flattened.reserve(html.size());
  walk(
      html, max_depth, [&](size_t begin, size_t end) { flattened.append(html.substr(begin, end - begin)); },
      // A space where a tag was keeps the words on either side apart.
      [&](size_t, size_t) { flattened += ' '; });
  return true;
}

}  // namespace blockify::extract_internal
