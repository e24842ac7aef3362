// Reader for .epub: container.xml names the package (OPF); its spine gives the reading
// order of the XHTML chapters, each read by the HTML reader.
#include <map>
#include <pugixml.hpp>
#include <set>

#include "engine/domain/text_parts.h"
#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/extract/text_encoding.h"

namespace blockify::extract_internal {

namespace {

const char* const kReexportHint =
    "Open the book in an e-book editor (for example Calibre) and save it again, then retry.";

// The first descendant element whose local name is `name` (namespaces vary between books).
pugi::xml_node find_element(pugi::xml_node root, std::string_view name) {
  return root.find_node([&](pugi::xml_node node) {
    return node.type() == pugi::node_element && local_name(node.name()) == name;
  });
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A manifest href resolved against the package's folder: %XX decoded, "./" and "../"
// applied, the #fragment dropped. Empty when it climbs out of the book.
std::string resolve(std::string_view folder, std::string_view href) {
  std::string decoded;
  for (size_t i = 0; i < href.size() && href[i] != '#'; ++i) {
    if (href[i] == '%' && i + 2 < href.size() && hex_value(href[i + 1]) >= 0 && hex_value(href[i + 2]) >= 0) {
      decoded += static_cast<char>(hex_value(href[i + 1]) * 16 + hex_value(href[i + 2]));
      i += 2;
    } else {
      decoded += href[i];
    }
  }
  std::string joined =
      decoded.empty() || decoded[0] != '/' ? std::string(folder) + decoded : decoded.substr(1);
  std::vector<std::string> segments;
  bool climbs_out = false;
  for_each_part(joined, '/', [&](std::string_view segment) {
    if (segment == "..") {
      climbs_out = climbs_out || segments.empty();
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.emplace_back(segment);
    }
  });
  if (climbs_out) return {};
  std::string path;
  for (const auto& segment : segments) path += (path.empty() ? "" : "/") + segment;
  return path;
}

ExtractResult damaged(std::string_view display, const std::string& why) {
  return failure(error_code::kCorrupt, std::string(display) + " is damaged: " + why + ".", kReexportHint);
}

// Reads one named part and parses it as XML into `doc`.
ExtractResult load_xml_part(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                            const std::string& name, Part& part, pugi::xml_document& doc) {
  std::vector<Part> parts;
  ExtractResult read = read_parts(
      display, bytes, limits, [&](std::string_view n) { return n == name; }, parts);
  if (!read.ok()) return read;
  if (parts.empty()) return damaged(display, name + " is missing");
  part = std::move(parts.front());
  if (!doc.load_buffer_inplace(part.xml.data(), part.xml.size())) {
    return damaged(display, name + " is not well-formed XML");
  }
  return {};
}

}  // namespace

ExtractResult extract_epub(std::string_view display, std::string_view bytes, const ExtractLimits& limits,
                           const CancelToken* cancel) {
  Part container_part, package_part;
  pugi::xml_document container, package;
  ExtractResult loaded =
      load_xml_part(display, bytes, limits, "META-INF/container.xml", container_part, container);
  if (!loaded.ok()) return loaded;
  std::string opf = find_element(container, "rootfile").attribute("full-path").value();
  if (opf.empty()) return damaged(display, "META-INF/container.xml names no package file");
  loaded = load_xml_part(display, bytes, limits, opf, package_part, package);
  if (!loaded.ok()) return loaded;
  size_t slash = opf.rfind('/');
  std::string folder = slash == std::string::npos ? std::string() : opf.substr(0, slash + 1);

  std::map<std::string, std::string> manifest;  // item id -> part name
  for (pugi::xml_node item : find_element(package, "manifest").children()) {
    if (item.type() != pugi::node_element || local_name(item.name()) != "item") continue;
    manifest[item.attribute("id").value()] = resolve(folder, item.attribute("href").value());
  }
  std::vector<std::string> order;
  std::set<std::string> wanted;
  for (pugi::xml_node ref : find_element(package, "spine").children()) {
    if (ref.type() != pugi::node_element || local_name(ref.name()) != "itemref") continue;
    auto item = manifest.find(ref.attribute("idref").value());
    if (item == manifest.end() || item->second.empty() || wanted.count(item->second)) continue;
    order.push_back(item->second);
    wanted.insert(item->second);
  }
  if (order.empty()) return damaged(display, opf + " lists no chapters in its spine");

  std::vector<Part> chapters;
  ExtractResult read = read_parts(
      display, bytes, limits, [&](std::string_view name) { return wanted.count(std::string(name)) > 0; },
      chapters);
  if (!read.ok()) return read;
  std::map<std::string, Part*> by_name;
  for (Part& chapter : chapters) by_name[chapter.name] = &chapter;

  ParagraphWriter out;
  for (const auto& name : order) {
    if (cancel != nullptr && cancel->cancelled()) return interrupted(display);
    auto chapter = by_name.find(name);
    if (chapter == by_name.end()) continue;  // a spine entry the zip lacks: read the rest
    std::string chapter_display = name + " in " + std::string(display);
    DecodedText decoded =
        decode_text(chapter_display, chapter->second->xml, declared_xml_encoding(chapter->second->xml));
    if (!decoded.ok()) {
      ExtractResult failed;
      failed.error = decoded.error;
      return failed;
    }
    ExtractResult html = extract_html(chapter_display, decoded.text);
    std::string().swap(chapter->second->xml);
    if (!html.ok()) continue;  // a cover page or an image-only chapter has no text
    out.end_paragraph();
    // Chapters arrive as paragraph text already; re-adding them keeps one blank line
    // between paragraphs and between chapters.
    size_t pos = 0;
    while (pos < html.text.size()) {
      size_t end = html.text.find("\n\n", pos);
      if (end == std::string::npos) end = html.text.size();
      std::string_view paragraph = std::string_view(html.text).substr(pos, end - pos);
      size_t line_start = 0;
      while (line_start <= paragraph.size()) {
        size_t line_end = paragraph.find('\n', line_start);
        if (line_end == std::string_view::npos) line_end = paragraph.size();
        out.append(paragraph.substr(line_start, line_end - line_start));
        if (line_end < paragraph.size()) out.line_break();
        line_start = line_end + 1;
      }
      out.end_paragraph();
      pos = end + 2;
    }
  }
  return text_or_no_text(
      out.finish(), std::string(display) + " contains no text in any chapter.",
      "Check that the book holds text rather than only images, or remove it from the job.");
}

}  // namespace blockify::extract_internal
