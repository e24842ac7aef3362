// A tolerant scanner for IdeaBlock XML in model replies. Models wrap blocks in chatter,
// Markdown fences and the odd unescaped "&", which a strict XML parser would reject as a
// whole; scanning block by block keeps every good block and skips only the broken ones.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/domain/text_parts.h"
#include "engine/pipeline/ideablock_xml.h"

namespace blockify {
namespace {

constexpr std::string_view kBlockTag = "ideablock";

char lower_ascii(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool starts_with_ci(std::string_view text, size_t pos, std::string_view prefix) {
  if (pos + prefix.size() > text.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (lower_ascii(text[pos + i]) != lower_ascii(prefix[i])) return false;
  }
  return true;
}

// A tag name ends at '>', '/' or whitespace; anything else means a longer name
// (<name> must not match <names> or <name_x>).
bool ends_tag_name(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  char c = text[pos];
  return c == '>' || c == '/' || std::isspace(static_cast<unsigned char>(c));
}

struct TagSpan {
  size_t open_begin = 0;  // '<' of the opening tag
  size_t content_begin = 0;
  size_t content_end = 0;
  size_t close_end = 0;  // one past the closing tag's '>'
};

enum class FindResult { kFound, kAbsent, kMalformed };

// Finds the first opening tag `<tag ...>` at or after `from`, returns its position or npos.
size_t find_open_tag(std::string_view text, std::string_view tag, size_t from) {
  for (size_t pos = text.find('<', from); pos != std::string_view::npos; pos = text.find('<', pos + 1)) {
    if (starts_with_ci(text, pos + 1, tag) && ends_tag_name(text, pos + 1 + tag.size())) return pos;
  }
  return std::string_view::npos;
}

size_t find_close_tag(std::string_view text, std::string_view tag, size_t from) {
  for (size_t pos = text.find("</", from); pos != std::string_view::npos; pos = text.find("</", pos + 1)) {
    size_t after = pos + 2 + tag.size();
    if (!starts_with_ci(text, pos + 2, tag)) continue;
    while (after < text.size() && std::isspace(static_cast<unsigned char>(text[after]))) ++after;
    if (after < text.size() && text[after] == '>') return pos;
  }
  return std::string_view::npos;
}

// Finds `<tag>content</tag>` (or `<tag/>`) starting at `from`. Callers pass one block's
// text only, so a field never borrows text from the next block.
FindResult find_element(std::string_view text, std::string_view tag, size_t from, TagSpan& span) {
  size_t open = find_open_tag(text, tag, from);
  if (open == std::string_view::npos) return FindResult::kAbsent;
  size_t open_end = text.find('>', open);
  if (open_end == std::string_view::npos) return FindResult::kMalformed;
  span.open_begin = open;
  if (text[open_end - 1] == '/') {  // <tag/>: present but empty
    span.content_begin = span.content_end = open_end + 1;
    span.close_end = open_end + 1;
    return FindResult::kFound;
  }
  span.content_begin = open_end + 1;
  size_t close = find_close_tag(text, tag, span.content_begin);
  if (close == std::string_view::npos) return FindResult::kMalformed;
  span.content_end = close;
  span.close_end = text.find('>', close) + 1;
  return FindResult::kFound;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one entity starting at text[pos] == '&'; returns its length, or 0 when it is
// not an entity (a bare "&" from a model is kept as written).
size_t decode_entity(std::string_view text, size_t pos, std::string& out) {
  size_t semi = text.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 10) return 0;
  std::string_view name = text.substr(pos + 1, semi - pos - 1);
  if (name == "amp")
    out += '&';
  else if (name == "lt")
    out += '<';
  else if (name == "gt")
    out += '>';
  else if (name == "quot")
    out += '"';
  else if (name == "apos")
    out += '\'';
  else if (name.size() >= 2 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    uint32_t cp = 0;
    for (char c : digits) {
      int v = std::isdigit(static_cast<unsigned char>(c))           ? c - '0'
              : hex && std::isxdigit(static_cast<unsigned char>(c)) ? lower_ascii(c) - 'a' + 10
                                                                    : -1;
      if (v < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      if (cp > 0x10FFFF) return 0;
    }
    append_utf8(out, cp);
  } else {
    return 0;
  }
  return semi - pos + 1;
}

// Element text: entities decoded, CDATA unwrapped, surrounding whitespace trimmed.
std::string element_text(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    if (raw.compare(i, 9, "<![CDATA[") == 0) {
      size_t end = raw.find("]]>", i + 9);
      if (end == std::string_view::npos) end = raw.size();
      out.append(raw.substr(i + 9, end - i - 9));
      i = std::min(raw.size(), end + 3);
    } else if (raw[i] == '&') {
      size_t used = decode_entity(raw, i, out);
      if (used == 0) out += '&';
      i += used == 0 ? 1 : used;
    } else {
      out += raw[i++];
    }
  }
  return std::string(trim_space(out));
}

std::string upper_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Reads a single-valued field; false when the field is opened but never closed.
bool read_field(std::string_view block, std::string_view tag, std::string& value) {
  TagSpan span;
  FindResult found = find_element(block, tag, 0, span);
  if (found == FindResult::kMalformed) return false;
  if (found == FindResult::kFound)
    value = element_text(block.substr(span.content_begin, span.content_end - span.content_begin));
  return true;
}

// Some models write <entity><name>..</name><type>..</type></entity>; accept both spellings.
bool read_entity(std::string_view inner, Entity& entity) {
  if (!read_field(inner, "entity_name", entity.name) || !read_field(inner, "entity_type", entity.type))
    return false;
  if (entity.name.empty() && !read_field(inner, "name", entity.name)) return false;
  if (entity.type.empty() && !read_field(inner, "type", entity.type)) return false;
  entity.type = upper_ascii(entity.type);
  return true;
}

// Collects the <entity> elements and returns the block's text without them, so a
// block-level <name> is never confused with an entity's.
std::optional<std::string> take_entities(std::string_view block, std::vector<Entity>& entities) {
  std::string rest;
  TagSpan span;
  for (size_t from = 0;;) {
    FindResult found = find_element(block, "entity", from, span);
    if (found == FindResult::kMalformed) return std::nullopt;
    if (found == FindResult::kAbsent) {
      rest.append(block.substr(from));
      return rest;
    }
    rest.append(block.substr(from, span.open_begin - from));
    Entity entity;
    if (!read_entity(block.substr(span.content_begin, span.content_end - span.content_begin), entity))
      return std::nullopt;
    if (!entity.name.empty()) entities.push_back(std::move(entity));
    from = span.close_end;
  }
}

// Parses the inside of one <ideablock>; nullopt when a field tag is left unclosed.
std::optional<IdeaBlock> parse_block(std::string_view block_text) {
  IdeaBlock block;
  std::optional<std::string> rest = take_entities(block_text, block.entities);
  if (!rest) return std::nullopt;
  std::string_view inner = *rest;
  std::string tags, keywords;
  if (!read_field(inner, "name", block.name) ||
      !read_field(inner, "critical_question", block.critical_question) ||
      !read_field(inner, "trusted_answer", block.trusted_answer) || !read_field(inner, "tags", tags) ||
      !read_field(inner, "keywords", keywords)) {
    return std::nullopt;
  }
  block.tags = split_list(tags);
  block.keywords = split_list(keywords);
  if (block.name.empty() && block.trusted_answer.empty()) return std::nullopt;
  return block;
}

}  // namespace

std::vector<IdeaBlock> parse_ideablock_xml(std::string_view text) {
  std::vector<IdeaBlock> blocks;
  size_t pos = find_open_tag(text, kBlockTag, 0);
  while (pos != std::string_view::npos) {
    size_t next_open = find_open_tag(text, kBlockTag, pos + 1);
    size_t open_end = text.find('>', pos);
    if (open_end == std::string_view::npos) break;
    size_t close = find_close_tag(text, kBlockTag, open_end + 1);
    // A block whose close tag is missing, or comes only after the next block opens, is
    // unclosed: skip it and resume at the next block so its neighbours survive.
    if (close == std::string_view::npos || (next_open != std::string_view::npos && next_open < close)) {
      pos = next_open;
      continue;
    }
    if (auto block = parse_block(text.substr(open_end + 1, close - open_end - 1)))
      blocks.push_back(std::move(*block));
    pos = find_open_tag(text, kBlockTag, close);
  }
  return blocks;
}

}  // namespace blockify
