#pragma once
// An error as the user sees it: a stable code for scripts, a sentence that says what
// happened, and a hint that says what to do about it.
#include <string>

namespace blockify {

struct ErrorInfo {
  std::string code;     // e.g. "FILE_NOT_FOUND"; empty means "no error"
  std::string message;  // one full sentence naming the thing that failed
  std::string hint;     // one full sentence saying what to do

  bool empty() const { return code.empty(); }
};

// Stable error codes. Scripts read these from `job show --json`; never rename one.
namespace error_code {
inline constexpr const char* kFileNotFound = "FILE_NOT_FOUND";
inline constexpr const char* kPermissionDenied = "PERMISSION_DENIED";
inline constexpr const char* kUnsupportedFormat = "UNSUPPORTED_FORMAT";
inline constexpr const char* kBadEncoding = "BAD_ENCODING";
inline constexpr const char* kNoText = "NO_TEXT";
inline constexpr const char* kEncrypted = "ENCRYPTED";
inline constexpr const char* kCorrupt = "CORRUPT";
inline constexpr const char* kTooLarge = "TOO_LARGE";
inline constexpr const char* kArchiveLimit = "ARCHIVE_LIMIT";
inline constexpr const char* kDiskFull = "DISK_FULL";
inline constexpr const char* kFilesFailed = "FILES_FAILED";
inline constexpr const char* kInterrupted = "INTERRUPTED";
inline constexpr const char* kInternal = "INTERNAL";
inline constexpr const char* kOcrUnavailable = "OCR_UNAVAILABLE";  // a language pack is missing
// Endpoint (OpenAI-compatible) errors.
inline constexpr const char* kTransient = "TRANSIENT";
inline constexpr const char* kAuth = "AUTH";
inline constexpr const char* kModelNotFound = "MODEL_NOT_FOUND";
inline constexpr const char* kContextTooLong = "CONTEXT_TOO_LONG";
inline constexpr const char* kRequestRejected = "REQUEST_REJECTED";
inline constexpr const char* kBadModelOutput = "BAD_MODEL_OUTPUT";
// A Re-embed finished its pass, but some blocks of the dataset still have no vector.
inline constexpr const char* kVectorsIncomplete = "VECTORS_INCOMPLETE";
}  // namespace error_code

// A short suggestion of what to do for an error code, for the detail panel's
// "what to do" section when the error itself carries no hint.
std::string default_hint(const std::string& code);

}  // namespace blockify
