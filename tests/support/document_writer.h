#pragma once
// Builds the zip-based documents beyond Office Word/PowerPoint in memory: .xlsx,
// OpenDocument (.odt/.ods/.odp) and .epub, so tests generate their inputs.
#include <string>
#include <vector>

namespace blockify::test {

struct XlsxSheet {
  std::string name;       // the tab's name
  std::string cells_xml;  // the <row> elements inside <sheetData>
};

// A .xlsx with `sheets` in workbook order. Worksheet parts are named in reverse
// (the first sheet is the highest-numbered part) and written to the zip in reverse, so a
// reader must follow the workbook's relationships to get the order right.
// `shared_strings` fill xl/sharedStrings.xml; `styles_xml` is the inside of
// <styleSheet> (numFmts, cellXfs), empty for none.
std::string make_xlsx(const std::vector<XlsxSheet>& sheets, const std::vector<std::string>& shared_strings,
                      const std::string& styles_xml = {});

// An OpenDocument package of `mimetype` ("application/vnd.oasis.opendocument.text", ...)
// whose content.xml holds `body_xml` inside <office:body> (prefixes office:, text:,
// table:, draw:, presentation: are declared).
std::string make_opendocument(const std::string& mimetype, const std::string& body_xml);

struct EpubChapter {
  std::string file;   // path under OEBPS/, e.g. "text/ch1.xhtml"; spaces become %20 in the manifest
  std::string xhtml;  // the whole XHTML document
};

// An .epub whose spine lists `chapters` in order; the zip holds them in reverse order
// and the package file sits in OEBPS/, as many books have it.
std::string make_epub(const std::vector<EpubChapter>& chapters);

}  // namespace blockify::test
