#include "tests/support/bomb_writer.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <stdexcept>

namespace blockify::test {

void write_inflating_zip(const std::filesystem::path& path, const std::vector<InflatingMember>& members) {
  archive* writer = archive_write_new();
  archive_write_set_format_zip(writer);
  archive_write_set_options(writer, "zip:compression=deflate,zip:compression-level=1");
  if (archive_write_open_filename(writer, path.c_str()) != ARCHIVE_OK) {
    archive_write_free(writer);
    throw std::runtime_error("cannot write " + path.string());
  }
  for (const auto& member : members) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, member.name.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, member.size);
    archive_write_header(writer, entry);
    archive_entry_free(entry);
    int64_t left = member.size - static_cast<int64_t>(member.head.size() + member.tail.size());
    archive_write_data(writer, member.head.data(), member.head.size());
    // Whole repeats in 1 MB blocks, so no tag is ever cut in half.
    std::string block;
    while (block.size() + member.repeat.size() <= (1u << 20)) block += member.repeat;
    while (left >= static_cast<int64_t>(member.repeat.size())) {
      size_t repeats = static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(block.size())) /
                                           static_cast<int64_t>(member.repeat.size()));
      size_t bytes = repeats * member.repeat.size();
      archive_write_data(writer, block.data(), bytes);
      left -= static_cast<int64_t>(bytes);
    }
    std::string pad(static_cast<size_t>(std::max<int64_t>(left, 0)), ' ');
    archive_write_data(writer, pad.data(), pad.size());
    archive_write_data(writer, member.tail.data(), member.tail.size());
  }
  archive_write_close(writer);
  archive_write_free(writer);
}

void write_inflating_pptx(const std::filesystem::path& path, int slides, int64_t slide_bytes) {
  std::vector<InflatingMember> members;
  members.push_back({"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>", "", "", 29});
  std::string presentation = "<?xml version=\"1.0\"?><p:presentation xmlns:p=\"p\"/>";
  members.push_back({"ppt/presentation.xml", presentation, "", "", static_cast<int64_t>(presentation.size())});
  for (int i = 1; i <= slides; ++i) {
    members.push_back({"ppt/slides/slide" + std::to_string(i) + ".xml",
                       "<?xml version=\"1.0\"?><p:sld xmlns:p=\"p\" xmlns:a=\"a\"><p:cSld><p:spTree>",
                       "<a:p><a:r><a:t>Slides that inflate without end.</a:t></a:r></a:p>",
                       "</p:spTree></p:cSld></p:sld>", slide_bytes});
  }
  write_inflating_zip(path, members);
}

void write_inflating_docx(const std::filesystem::path& path, int64_t body_bytes) {
  std::vector<InflatingMember> members;
  members.push_back({"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>", "", "", 29});
  members.push_back({"word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>",
                     "<w:p><w:r><w:t>A body that inflates without end.</w:t></w:r></w:p>",
                     "</w:body></w:document>", body_bytes});
  write_inflating_zip(path, members);
}

}  // namespace blockify::test
