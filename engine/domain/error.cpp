#include "engine/domain/error.h"

#include <map>

namespace blockify {

std::string default_hint(const std::string& code) {
  static const std::map<std::string, std::string> hints = {
      {error_code::kFileNotFound, "Restore or replace the missing file, then retry."},
      {error_code::kPermissionDenied, "Give your user read access to the file, then retry."},
      {error_code::kUnsupportedFormat,
       "Convert the file to a supported format (see the README's table of formats) or remove it from the "
       "job."},
      {error_code::kBadEncoding, "Save the file as UTF-8, then retry."},
      {error_code::kNoText, "If the document is scanned, turn on OCR in Settings, then retry."},
      {error_code::kOcrUnavailable, "Install the Tesseract language pack named in the message, then retry."},
      {error_code::kEncrypted, "Remove the password protection from the file, then retry."},
      {error_code::kCorrupt, "Re-export or re-download the file, then retry."},
      {error_code::kTooLarge, "Split the file into smaller files, then retry."},
      {error_code::kArchiveLimit, "Unpack the archive and add its files directly, or split it."},
      {error_code::kDiskFull, "Free disk space or choose another location, then retry."},
      {error_code::kFilesFailed, "Open the job's details to see which files failed and why."},
      {error_code::kInterrupted, "The job was interrupted; retry it to run it again."},
      {error_code::kTransient, "The endpoint had a temporary problem; retry in a moment."},
      {error_code::kAuth, "Check the API key in Settings."},
      {error_code::kModelNotFound, "Check the model name in Settings."},
      {error_code::kContextTooLong, "Use a smaller chunk size."},
      {error_code::kRequestRejected, "Check the endpoint settings and the server's log."},
      {error_code::kBadModelOutput, "Use a model trained to produce IdeaBlock XML, or retry."},
      {error_code::kVectorsIncomplete, "Resume the Re-embed job to embed the blocks still without a vector."},
  };
  auto it = hints.find(code);
  return it == hints.end() ? std::string("Check the log for details, then retry.") : it->second;
}

}  // namespace blockify
