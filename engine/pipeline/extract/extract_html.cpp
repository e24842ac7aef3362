// Reader for .html/.htm: the text a browser would show, as paragraphs.
#include <gumbo.h>

#include <memory>
#include <vector>

#include "engine/pipeline/extract/extract_formats.h"

namespace blockify::extract_internal {

namespace {

// Subtrees whose text a browser never shows.
bool is_hidden(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEMPLATE) return true;
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  switch (node->v.element.tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:  // its content is fallback markup, not shown
      return true;
    default:
      return gumbo_get_attribute(&node->v.element.attributes, "hidden") != nullptr;
  }
}

// Elements that start and end a paragraph of their own.
bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_XMP:
      return true;
    default:
      return false;
  }
}

// Table cells sit side by side: a space keeps "Name" and "Age" from running together.
bool is_cell(GumboTag tag) { return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH; }

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

// gumbo 0.10 turns a numeric character reference past 32 bits ("&#x7FFFFFFF1;") into
// bytes that are not UTF-8. Each such byte becomes U+FFFD, the replacement character a
// browser shows, so the extracted text stays UTF-8.
std::string_view as_utf8(const char* text, std::string& scratch) {
  std::string_view rest(text);
  size_t bad = first_invalid_utf8(rest);
  if (bad == std::string_view::npos) return rest;
  scratch.clear();
  for (; bad != std::string_view::npos; bad = first_invalid_utf8(rest)) {
    scratch.append(rest.substr(0, bad));
    scratch += "\xEF\xBF\xBD";
    rest.remove_prefix(bad + 1);
  }
  scratch.append(rest);
  return scratch;
}

// Walks the tree with an explicit stack: hostile pages nest tens of thousands deep.
void collect_text(const GumboNode* root, ParagraphWriter& out) {
  struct Step {
    const GumboNode* node;
    bool leaving;
  };
  std::vector<Step> stack{{root, false}};
  std::string scratch;
  while (!stack.empty()) {
    Step step = stack.back();
    stack.pop_back();
    const GumboNode* node = step.node;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
      out.append(as_utf8(node->v.text.text, scratch));
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
    if (is_hidden(node)) continue;
    const GumboVector& children =
        node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
    if (node->type == GUMBO_NODE_ELEMENT) {
      GumboTag tag = node->v.element.tag;
      if (is_block(tag)) out.end_paragraph();
      if (is_cell(tag)) out.append(" ");
      if (step.leaving) continue;
      stack.push_back({node, true});
    }
    for (unsigned i = children.length; i > 0; --i) {
      stack.push_back({static_cast<const GumboNode*>(children.data[i - 1]), false});
    }
  }
}

}  // namespace

ExtractResult extract_html(std::string_view display, std::string_view bytes) {
  ExtractResult bad;
  if (!require_utf8(display, bytes, bad.error)) return bad;
  // Deeper than the nesting budget, the page is flattened first: the parser's time grows
  // with the square of the depth, and nobody reads text 200,000 elements deep.
  std::string flattened;
  if (flatten_deep_html(bytes, ExtractLimits{}.max_nesting_depth, flattened)) bytes = flattened;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // the parse errors are of no use here and cost memory
  std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
      gumbo_parse_with_options(&options, bytes.data(), bytes.size()));
  if (!output) {
    return failure(error_code::kCorrupt, std::string(display) + " could not be read as HTML.",
                   "Open the page in a browser and save it again, then retry.");
  }
  ParagraphWriter out;
  collect_text(output->document, out);
  return text_or_no_text(
      out.finish(), std::string(display) + " has no visible text.",
      "Check that the page contains text (not only images or scripts), or remove it from the job.");
}

}  // namespace blockify::extract_internal
