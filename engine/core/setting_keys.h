#pragma once
// The one table of settings: every key the database may hold, its default, and the label
// and sentence that the Settings view and `blockify settings list` show for it. Plain data
// with no store behind it, so the GUI can read it without reaching for SQLite.
#include <string>
#include <string_view>
#include <vector>

namespace blockify::settings {

struct SettingInfo {
  const char* key;
  // As stored. Where a typed struct carries the setting (EndpointSettings, BackoffPolicy,
  // OcrSettings, EmbeddingSettings) this is that struct's default written out, so a default
  // is set in one place.
  std::string default_value;
  const char* label;        // "Endpoint URL"
  const char* description;  // what it does, in a sentence
};

// Every known key, in display order.
const std::vector<SettingInfo>& known_settings();
// The entry for `key`; nullptr for a key that is not known.
const SettingInfo* find_setting(std::string_view key);

}  // namespace blockify::settings
