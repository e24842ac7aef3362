#pragma once
// The one dark theme: colours for statuses and stages, and the fonts views may switch to.
#include <imgui.h>

#include <initializer_list>

#include "engine/domain/job.h"

namespace blockify::gui {

// Applies the dark style, scaled by `scale` (the monitor's content scale).
void apply_theme(float scale);

// Badge colour of a status, as PRODUCT.md names them (Pending yellow, Processing blue,
// Cancelling orange, Completed green, Failed red, Cancelled gray).
ImVec4 status_color(JobStatus status);
// Colour of a timeline segment (Extract..Export).
ImVec4 stage_color(Stage stage);

namespace theme {
inline const ImVec4 kErrorText{0.98f, 0.45f, 0.42f, 1.0f};
inline const ImVec4 kDimText{0.60f, 0.62f, 0.67f, 1.0f};
inline const ImVec4 kHintText{0.95f, 0.80f, 0.45f, 1.0f};
inline const ImVec4 kGoodText{0.45f, 0.82f, 0.50f, 1.0f};
inline const ImVec4 kErrorPanel{0.35f, 0.10f, 0.10f, 0.55f};
inline const ImVec4 kCardBackground{0.16f, 0.17f, 0.20f, 1.0f};
}  // namespace theme

// Fonts loaded by the app; null (the default font) in tests.
struct Fonts {
  ImFont* regular = nullptr;
  ImFont* small = nullptr;    // dataset names, captions
  ImFont* heading = nullptr;  // the detail's job name
};
Fonts& fonts();

// RAII: draws with `font` while alive (the current font when null).
class FontScope {
 public:
  explicit FontScope(ImFont* font) : pushed_(font != nullptr) {
    if (pushed_) ImGui::PushFont(font);
  }
  ~FontScope() {
    if (pushed_) ImGui::PopFont();
  }
  FontScope(const FontScope&) = delete;
  FontScope& operator=(const FontScope&) = delete;

 private:
  bool pushed_;
};

// A button drawn in the accent colour: the action the user most likely wants (Retry).
bool primary_button(const char* label);

// A small turning arc one text line high, as one item at the cursor (the caller keeps
// redrawing while it shows).
void spinner(double time_s);

// Continues the current line when `width` more pixels fit, else goes to the next line:
// toolbars wrap on a narrow window or at 200 % instead of running off the edge.
void same_line_if_fits(float width);
// Width of a button showing `label` (text up to "##" counts).
float button_width(const char* label);

// A column of a table: its header, and a fixed width in pixels (0: it stretches).
struct TableColumn {
  const char* name;
  float width = 0;
};
// Sets up the current table's columns with the header row frozen at the top while the rows
// scroll, and draws that header row.
void table_columns(std::initializer_list<TableColumn> columns);

// Begins the modal popup `name`, opening it on the first frame `open` asks for it
// (`opened` remembers that it did), centred and sized to `share` of the window's work area
// when it appears. False when it is not showing, and then `open` is cleared.
bool begin_modal(const char* name, bool& open, bool& opened, ImVec2 share);

// Text in one colour.
void colored_text(const ImVec4& color, const char* text);
// Wrapped at the current wrap position, or the window's (column's) edge when none is set.
void colored_text_wrapped(const ImVec4& color, const char* text);

}  // namespace blockify::gui
