// Hostile zips without compressing gigabytes: a block of content is deflated once, as a
// raw deflate stream ended by a full flush (byte-aligned, no history carried over), so
// its compressed bytes can be written again and again and still inflate to the block
// each time. The CRC of the repeats is combined arithmetically. Sizes stay below 4 GB,
// so plain (not zip64) headers do.
#include "tests/support/bomb_writer.h"

#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace blockify::test {

namespace {

// Raw deflate of `data` ending in a full flush (not final), or the final empty block
// when `data` is empty and `final` is set.
std::string deflate_segment(const std::string& data, bool final) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&stream, data.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, final ? Z_FINISH : Z_FULL_FLUSH);
  if (rc != (final ? Z_STREAM_END : Z_OK)) throw std::runtime_error("deflate failed");
  out.resize(out.size() - stream.avail_out);
  deflateEnd(&stream);
  return out;
}

void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

struct Written {
  std::string name;
  uint32_t crc = 0, packed = 0, unpacked = 0, offset = 0;
};

}  // namespace

void write_inflating_zip(const std::filesystem::path& path, const std::vector<InflatingMember>& members) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw std::runtime_error("cannot write " + path.string());
  std::vector<Written> written;
  uint32_t offset = 0;
  for (const auto& member : members) {
    // The content: head, whole repeats in blocks of about 1 MB, the remainder, padding, tail.
    int64_t body = member.size - static_cast<int64_t>(member.head.size() + member.tail.size());
    std::string block;
    if (!member.repeat.empty())
      while (block.size() + member.repeat.size() <= (1u << 20)) block += member.repeat;
    int64_t blocks = block.empty() ? 0 : body / static_cast<int64_t>(block.size());
    int64_t rest = body - blocks * static_cast<int64_t>(block.size());
    std::string last;
    if (!member.repeat.empty())
      while (static_cast<int64_t>(last.size() + member.repeat.size()) <= rest) last += member.repeat;
    last += std::string(static_cast<size_t>(rest) - last.size(), ' ');

    const std::string head = deflate_segment(member.head, false);
    const std::string repeated = block.empty() ? std::string() : deflate_segment(block, false);
    const std::string closing = deflate_segment(last + member.tail, false) + deflate_segment("", true);
    uint32_t crc =
        crc32(0, reinterpret_cast<const Bytef*>(member.head.data()), static_cast<uInt>(member.head.size()));
    const uLong block_crc =
        crc32(0, reinterpret_cast<const Bytef*>(block.data()), static_cast<uInt>(block.size()));
    for (int64_t i = 0; i < blocks; ++i)
      crc = static_cast<uint32_t>(crc32_combine(crc, block_crc, static_cast<z_off_t>(block.size())));
    std::string ending = last + member.tail;
    crc = static_cast<uint32_t>(
        crc32(crc, reinterpret_cast<const Bytef*>(ending.data()), static_cast<uInt>(ending.size())));
    const uint64_t packed = head.size() + static_cast<uint64_t>(blocks) * repeated.size() + closing.size();

    const int64_t claimed = member.declared >= 0 ? member.declared : member.size;
    Written w{member.name, crc, static_cast<uint32_t>(packed), static_cast<uint32_t>(claimed), offset};
    std::string header;
    put32(header, 0x04034b50);
    put16(header, 20), put16(header, 0), put16(header, 8), put16(header, 0), put16(header, 0x21);
    put32(header, w.crc), put32(header, w.packed), put32(header, w.unpacked);
    put16(header, static_cast<uint32_t>(member.name.size())), put16(header, 0);
    header += member.name;
    file << header << head;
    for (int64_t i = 0; i < blocks; ++i) file << repeated;
    file << closing;
    offset += static_cast<uint32_t>(header.size() + packed);
    written.push_back(w);
  }
  std::string directory;
  for (const auto& w : written) {
    put32(directory, 0x02014b50);
    put16(directory, 20), put16(directory, 20), put16(directory, 0), put16(directory, 8);
    put16(directory, 0), put16(directory, 0x21);
    put32(directory, w.crc), put32(directory, w.packed), put32(directory, w.unpacked);
    put16(directory, static_cast<uint32_t>(w.name.size())), put16(directory, 0), put16(directory, 0);
    put16(directory, 0), put16(directory, 0), put32(directory, 0), put32(directory, w.offset);
    directory += w.name;
  }
  std::string end;
  put32(end, 0x06054b50);
  put16(end, 0), put16(end, 0);
  put16(end, static_cast<uint32_t>(written.size())), put16(end, static_cast<uint32_t>(written.size()));
  put32(end, static_cast<uint32_t>(directory.size())), put32(end, offset), put16(end, 0);
  file << directory << end;
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

void write_inflating_pptx(const std::filesystem::path& path, int slides, int64_t slide_bytes) {
  std::vector<InflatingMember> members;
  members.push_back({"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>", "", "", 29});
  std::string presentation = "<?xml version=\"1.0\"?><p:presentation xmlns:p=\"p\"/>";
  members.push_back(
      {"ppt/presentation.xml", presentation, "", "", static_cast<int64_t>(presentation.size())});
  for (int i = 1; i <= slides; ++i) {
    members.push_back({"ppt/slides/slide" + std::to_string(i) + ".xml",
                       "<?xml version=\"1.0\"?><p:sld xmlns:p=\"p\" xmlns:a=\"a\"><p:cSld><p:spTree>",
                       "<a:p><a:r><a:t>Slides that inflate without end.</a:t></a:r></a:p>",
                       "</p:spTree></p:cSld></p:sld>", slide_bytes});
  }
  write_inflating_zip(path, members);
}

void write_inflating_docx(const std::filesystem::path& path, int64_t body_bytes, int64_t declared_bytes) {
  std::vector<InflatingMember> members;
  members.push_back({"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>", "", "", 29});
  members.push_back({"word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>",
                     "<w:p><w:r><w:t>A body that inflates without end.</w:t></w:r></w:p>",
                     "</w:body></w:document>", body_bytes, declared_bytes});
  write_inflating_zip(path, members);
}

}  // namespace blockify::test
