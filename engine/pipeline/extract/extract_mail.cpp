// Reader for mail: .eml (one message) and .mbox (many), parsed by GMime. Each message
// reads as its Subject/From/Date, then its text (or HTML) body; attachments become child
// entries read by their own readers, within the same limits as zip entries.
#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/extract/text_encoding.h"

namespace blockify::extract_internal {

namespace {

struct ObjectUnref {
  void operator()(void* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, ObjectUnref>;

struct GFreeString {
  void operator()(char* text) const { g_free(text); }
};

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// A part's content with its transfer encoding (base64, quoted-printable) undone.
std::string decoded_content(GMimePart* part) {
  GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
  if (wrapper == nullptr) return {};
  GObjectPtr<GMimeStream> sink(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(wrapper, sink.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(sink.get()));
  return array ? std::string(reinterpret_cast<const char*>(array->data), array->len) : std::string();
}

struct MessageParts {
  std::vector<GMimePart*> plain, html, attachments;
};

void sort_part(GMimeObject*, GMimeObject* object, gpointer data) {
  auto& parts = *static_cast<MessageParts*>(data);
  if (!GMIME_IS_PART(object)) return;  // multiparts are containers; their leaves come too
  GMimePart* part = GMIME_PART(object);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  bool attachment = g_mime_part_is_attachment(part) || g_mime_part_get_filename(part) != nullptr;
  if (!attachment && g_mime_content_type_is_type(type, "text", "plain")) {
    parts.plain.push_back(part);
  } else if (!attachment && g_mime_content_type_is_type(type, "text", "html")) {
    parts.html.push_back(part);
  } else if (attachment) {
    parts.attachments.push_back(part);
  }
}

// "Subject: ...", "From: ...", "Date: ..." lines: what a reader sees first in a mail app.
void write_headers(GMimeMessage* message, ParagraphWriter& out) {
  if (const char* subject = g_mime_message_get_subject(message)) {
    out.append(std::string("Subject: ") + subject);
    out.line_break();
  }
  if (InternetAddressList* from = g_mime_message_get_from(message)) {
    std::unique_ptr<char, GFreeString> text(internet_address_list_to_string(from, nullptr, FALSE));
    if (text && *text) {
      out.append(std::string("From: ") + text.get());
      out.line_break();
    }
  }
  if (GDateTime* date = g_mime_message_get_date(message)) {
    std::unique_ptr<char, GFreeString> text(g_date_time_format(date, "%Y-%m-%d %H:%M %z"));
    if (text) out.append(std::string("Date: ") + text.get());
  }
  out.end_paragraph();
}

// Appends a body part's text, decoded from the charset it declares.
void write_body(GMimePart* part, bool html, bool mbox, const std::string& display, ParagraphWriter& out,
                std::string& encoding) {
  std::string bytes = decoded_content(part);
  const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  DecodedText decoded = decode_text(display, bytes, charset ? charset : "");
  if (!decoded.ok()) return;  // an undecodable body part leaves the headers and the rest
  if (encoding.empty()) encoding = decoded.encoding;
  if (html) {
    ExtractResult page = extract_html(display, decoded.text);
    if (!page.ok()) return;
    decoded.text = std::move(page.text);
  }
  // The body's own blank lines separate its paragraphs.
  size_t pos = 0;
  while (pos <= decoded.text.size()) {
    size_t end = decoded.text.find('\n', pos);
    if (end == std::string::npos) end = decoded.text.size();
    std::string_view line = std::string_view(decoded.text).substr(pos, end - pos);
    // An mbox file escapes body lines starting "From " as ">From " (">>From " for one
    // already escaped); the reader sees the line as written.
    size_t quoted = line.find_first_not_of('>');
    if (mbox && quoted != std::string_view::npos && quoted > 0 && line.substr(quoted, 5) == "From ") {
      line.remove_prefix(1);
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      out.end_paragraph();
    } else {
      out.append(line);
      out.line_break();
    }
    pos = end + 1;
  }
  out.end_paragraph();
}

const char* const kUnpackHint =
    "Save the attachments from your mail program and add them to the job directly.";

// Reads one message: the body into `body`, attachments into `entries` (names prefixed
// with `prefix`). Fails only when the limits are broken.
ExtractResult read_message(GMimeMessage* message, bool mbox, const std::string& display,
                           const std::string& prefix, const ExtractLimits& limits, const CancelToken* cancel,
                           ExtractResult& body, std::vector<ArchiveEntry>& entries, int64_t& unpacked) {
  MessageParts parts;
  g_mime_message_foreach(message, &sort_part, &parts);
  ParagraphWriter out;
  write_headers(message, out);
  std::string encoding;
  for (GMimePart* part : parts.plain) write_body(part, false, mbox, display, out, encoding);
  if (parts.plain.empty()) {
    for (GMimePart* part : parts.html) write_body(part, true, mbox, display, out, encoding);
  }
  body = text_or_no_text(out.finish(), display + " has no text.", "Remove the message from the job.");
  body.encoding = encoding;
  int index = 0;
  for (GMimePart* part : parts.attachments) {
    ++index;
    if (cancel != nullptr && cancel->cancelled()) return interrupted(display);
    const char* filename = g_mime_part_get_filename(part);
    std::string name = filename && *filename ? filename : "attachment " + std::to_string(index);
    for (size_t bad = first_invalid_utf8(name); bad != std::string::npos; bad = first_invalid_utf8(name))
      name[bad] = '?';
    for (char& c : name) c = c == '/' || c == '\\' ? '_' : c;  // a name, never a path
    if (static_cast<int>(entries.size()) + 1 > limits.max_archive_entries) {
      return failure(error_code::kArchiveLimit,
                     display + " has more than " + std::to_string(limits.max_archive_entries) +
                         " attachments, the limit for one file.",
                     kUnpackHint);
    }
    ArchiveEntry entry;
    entry.name = prefix + name;
    std::string content = decoded_content(part);
    entry.size = static_cast<int64_t>(content.size());
    unpacked += entry.size;
    if (unpacked > limits.max_archive_total_bytes) {
      return failure(error_code::kArchiveLimit,
                     display + " unpacks to more than " + human_size(limits.max_archive_total_bytes) +
                         " of attachments, the limit for one file.",
                     kUnpackHint);
    }
    const std::string extension = lower_extension(name);
    const std::string entry_display = name + " in " + display;
    // By what the attachment is, not by its name: "report.zip" may well be a workbook.
    std::string note;
    std::string format = choose_format(extension, content, note);
    if (format == ".zip" || format == ".eml" || format == ".mbox") {
      entry.result = failure(error_code::kUnsupportedFormat,
                             entry_display + " is an archive or a mail inside a mail, which is not read.",
                             "Save the attachment and add its files to the job, then retry.");
      add_note(entry.result, note);
    } else {
      entry.result = extract_as(format, note, entry_display, content, limits, cancel);
      if (entry.result.is_archive) {  // content that turned out to be a zip: one level only
        entry.result = failure(error_code::kUnsupportedFormat,
                               entry_display + " is an archive inside a mail, which is not read.",
                               "Save the attachment and add its files to the job, then retry.");
      }
    }
    entries.push_back(std::move(entry));
  }
  return {};
}

}  // namespace

ExtractResult extract_mail(std::string_view display, std::string_view bytes, bool mbox,
                           const ExtractLimits& limits, const CancelToken* cancel) {
  init_gmime();
  const std::string name(display);
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  if (mbox) g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MBOX);
  ExtractResult result;
  int64_t unpacked = 0;
  int count = 0;
  while (!g_mime_parser_eos(parser.get())) {
    if (cancel != nullptr && cancel->cancelled()) return interrupted(display);
    GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!message) break;
    ++count;
    std::string prefix = mbox ? "message " + std::to_string(count) + "/" : std::string();
    ExtractResult body;
    std::vector<ArchiveEntry> attachments;
    ExtractResult read =
        read_message(message.get(), mbox, mbox ? name + ", message " + std::to_string(count) : name, prefix,
                     limits, cancel, body, attachments, unpacked);
    if (!read.ok()) {
      read.is_archive = mbox;
      return read;
    }
    if (!mbox && attachments.empty()) return body;  // a plain message reads like a document
    if (static_cast<int>(result.entries.size() + attachments.size()) + 1 > limits.max_archive_entries) {
      return failure(error_code::kArchiveLimit,
                     name + " holds more than " + std::to_string(limits.max_archive_entries) +
                         " messages and attachments, the limit for one file.",
                     kUnpackHint);
    }
    ArchiveEntry text;
    text.name = mbox ? "message " + std::to_string(count) : "message";
    text.size = static_cast<int64_t>(body.text.size());
    text.result = std::move(body);
    result.entries.push_back(std::move(text));
    for (auto& attachment : attachments) result.entries.push_back(std::move(attachment));
    if (!mbox) break;
  }
  if (result.entries.empty()) {
    return failure(error_code::kCorrupt,
                   name + (mbox ? " holds no mail messages." : " is not a readable mail message."),
                   "Export the mail again from your mail program (as .eml or .mbox), then retry.");
  }
  result.is_archive = true;
  return result;
}

}  // namespace blockify::extract_internal
