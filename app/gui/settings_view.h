#pragma once
// The Settings view: the OpenAI-compatible endpoint and automatic retry settings, the API
// key (typed in, shown only masked), and "Test model" with the reply it got.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/gui/view_context.h"

namespace blockify::gui {

struct SettingsViewState {
  std::vector<std::pair<std::string, std::string>> edits;  // key → value as typed
  std::shared_ptr<const SettingsView> loaded_from;         // the published values the edits start from
  std::string api_key;                                     // as typed; wiped once posted
  bool key_posted = false;
  std::shared_ptr<const EndpointTestView> raw_for;  // the test whose reply `raw` copies
  std::string raw;                                  // read-only box contents
  // The tickets of the last Save's SetSetting commands, so a refusal that comes back
  // ("the language data for \"deu\" is not installed ...") stays shown under the form
  // until the next Save, rather than only as a passing toast.
  std::vector<Ticket> save_tickets;
};

// "Endpoint URL" for "endpoint.url"...; the key itself for keys it does not know.
std::string setting_label(const std::string& key);

// Draws the view in the space left. Save posts one SetSetting per value that differs from
// the published one; the engine's refusals of those (the answers on their tickets) show
// under the form. "Save key" posts SaveApiKey and
// forgets the typed key; "Test model" posts TestEndpoint. Records "setting/<key>" (the
// field, with its text), "setting-label/<key>", "settings-save", "settings-error/<i>", "api-key",
// "api-key-masked" (with its text), "save-key", "test-model", "test-status",
// "test-summary", "test-error", "test-hint", "test-block/<i>" (with name and question),
// "test-raw" (with the reply).
void draw_settings_view(ViewContext& ctx, SettingsViewState& state);

}  // namespace blockify::gui
