#include "tests/support/zip_writer.h"

#include <archive.h>
#include <archive_entry.h>

#include <stdexcept>

#include "engine/pipeline/ideablock_xml.h"

namespace blockify::test {

namespace {

la_ssize_t append_to_string(struct archive*, void* out, const void* data, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

void check(struct archive* writer, int status, const char* what) {
  if (status < ARCHIVE_WARN) {
    throw std::runtime_error(std::string("zip writer: ") + what + ": " + archive_error_string(writer));
  }
}

const char* const kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>)"
    R"(</Types>)";

std::string package_rels(const std::string& main_part) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target=")" +
         main_part + R"("/></Relationships>)";
}

std::string slide_xml(const std::vector<std::string>& paragraphs) {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                    R"(<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" )"
                    R"(xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">)"
                    R"(<p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>)";
  for (const auto& paragraph : paragraphs)
    xml += "<a:p><a:r><a:t>" + xml_escape(paragraph) + "</a:t></a:r></a:p>";
  xml += "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
  return xml;
}

}  // namespace

std::string make_zip(const std::vector<ZipMember>& members, const ZipOptions& options) {
  std::string out;
  struct archive* writer = archive_write_new();
  try {
    check(writer, archive_write_set_format_zip(writer), "format");
    if (!options.compress) check(writer, archive_write_set_options(writer, "zip:compression=store"), "store");
    if (!options.password.empty()) {
      check(writer, archive_write_set_options(writer, "zip:encryption=zipcrypt"), "encryption");
      check(writer, archive_write_set_passphrase(writer, options.password.c_str()), "passphrase");
    }
    // Without this libarchive pads the output to 10 KB blocks, which no zip tool does.
    check(writer, archive_write_set_bytes_in_last_block(writer, 1), "block size");
    check(writer, archive_write_open(writer, &out, nullptr, append_to_string, nullptr), "open");
    for (const auto& member : members) {
      struct archive_entry* entry = archive_entry_new();
      bool folder = !member.name.empty() && member.name.back() == '/';
      archive_entry_set_pathname(entry, member.name.c_str());
      archive_entry_set_filetype(entry, folder ? AE_IFDIR : AE_IFREG);
      archive_entry_set_perm(entry, folder ? 0755 : 0644);
      archive_entry_set_size(entry, folder ? 0 : static_cast<la_int64_t>(member.content.size()));
      int status = archive_write_header(writer, entry);
      archive_entry_free(entry);
      check(writer, status, "header");
      if (!folder && !member.content.empty()) {
        la_ssize_t written = archive_write_data(writer, member.content.data(), member.content.size());
        if (written < 0) check(writer, static_cast<int>(written), "data");
      }
    }
    check(writer, archive_write_close(writer), "close");
  } catch (...) {
    archive_write_free(writer);
    throw;
  }
  archive_write_free(writer);
  return out;
}

std::string xml_escape(const std::string& text) {
  std::string out;
  append_xml_escaped(out, text);
  return out;
}

std::string make_docx_with_body(const std::string& body_xml) {
  std::string document =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
      R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>)" +
      body_xml + "<w:sectPr/></w:body></w:document>";
  return make_zip({{"[Content_Types].xml", kContentTypes},
                   {"_rels/.rels", package_rels("word/document.xml")},
                   {"word/document.xml", document}});
}

std::string make_docx(const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const auto& paragraph : paragraphs) {
    body += R"(<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">)" +
            xml_escape(paragraph) + "</w:t></w:r></w:p>";
  }
  return make_docx_with_body(body);
}

std::string make_pptx(const std::vector<std::vector<std::string>>& slides) {
  std::vector<ZipMember> members = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", package_rels("ppt/presentation.xml")},
      {"ppt/presentation.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
       R"(<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>)"}};
  for (size_t i = slides.size(); i > 0; --i) {
    members.push_back({"ppt/slides/slide" + std::to_string(i) + ".xml", slide_xml(slides[i - 1])});
  }
  return make_zip(members);
}

}  // namespace blockify::test
