#include "tests/support/document_writer.h"

#include "tests/support/zip_writer.h"

namespace blockify::test {

namespace {

const char* const kXmlHead = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";

}  // namespace

std::string make_xlsx(const std::vector<XlsxSheet>& sheets, const std::vector<std::string>& shared_strings,
                      const std::string& styles_xml) {
  std::string workbook =
      std::string(kXmlHead) +
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
      R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)";
  std::string rels =
      std::string(kXmlHead) +
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  std::vector<ZipMember> parts;
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string id = "rId" + std::to_string(i + 10);
    std::string part = "sheet" + std::to_string(sheets.size() - i) + ".xml";
    workbook += R"(<sheet name=")" + xml_escape(sheets[i].name) + R"(" sheetId=")" + std::to_string(i + 1) +
                R"(" r:id=")" + id + R"("/>)";
    rels +=
        R"(<Relationship Id=")" + id +
        R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/)" +
        part + R"("/>)";
    parts.push_back(
        {"xl/worksheets/" + part,
         std::string(kXmlHead) +
             R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
             sheets[i].cells_xml + "</sheetData></worksheet>"});
  }
  workbook += "</sheets></workbook>";
  rels += "</Relationships>";
  std::string strings =
      std::string(kXmlHead) + R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  for (const auto& s : shared_strings) strings += "<si><t>" + xml_escape(s) + "</t></si>";
  strings += "</sst>";
  std::vector<ZipMember> members = {
      {"[Content_Types].xml",
       std::string(kXmlHead) +
           R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
           R"(<Default Extension="xml" ContentType="application/xml"/></Types>)"},
      {"xl/workbook.xml", workbook},
      {"xl/_rels/workbook.xml.rels", rels},
      {"xl/sharedStrings.xml", strings}};
  if (!styles_xml.empty()) {
    members.push_back(
        {"xl/styles.xml",
         std::string(kXmlHead) +
             R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
             styles_xml + "</styleSheet>"});
  }
  for (size_t i = parts.size(); i > 0; --i) members.push_back(parts[i - 1]);
  return make_zip(members);
}

std::string make_opendocument(const std::string& mimetype, const std::string& body_xml) {
  std::string content =
      std::string(kXmlHead) +
      R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
      R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
      R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
      R"(xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" )"
      R"(xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" office:version="1.3">)"
      R"(<office:body>)" +
      body_xml + "</office:body></office:document-content>";
  std::string manifest =
      std::string(kXmlHead) +
      R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">)"
      R"(<manifest:file-entry manifest:full-path="/" manifest:media-type=")" +
      mimetype +
      R"("/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>)"
      R"(</manifest:manifest>)";
  return make_zip({{"mimetype", mimetype}, {"content.xml", content}, {"META-INF/manifest.xml", manifest}});
}

std::string make_epub(const std::vector<EpubChapter>& chapters) {
  std::string manifest, spine;
  for (size_t i = 0; i < chapters.size(); ++i) {
    std::string id = "c" + std::to_string(i);
    std::string href;
    for (char c : chapters[i].file) href += c == ' ' ? std::string("%20") : std::string(1, c);
    manifest += R"(<item id=")" + id + R"(" href=")" + href + R"(" media-type="application/xhtml+xml"/>)";
    spine += R"(<itemref idref=")" + id + R"("/>)";
  }
  std::string opf =
      std::string(kXmlHead) +
      R"(<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">)"
      R"(<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Book</dc:title></metadata>)"
      "<manifest>" +
      manifest + "</manifest><spine>" + spine + "</spine></package>";
  std::vector<ZipMember> members = {
      {"mimetype", "application/epub+zip"},
      {"META-INF/container.xml",
       std::string(kXmlHead) +
           R"(<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>)"
           R"(<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>)"
           R"(</rootfiles></container>)"},
      {"OEBPS/content.opf", opf}};
  for (size_t i = chapters.size(); i > 0; --i)
    members.push_back({"OEBPS/" + chapters[i - 1].file, chapters[i - 1].xhtml});
  return make_zip(members);
}

}  // namespace blockify::test
