#pragma once
// Named screen rectangles of the widgets drawn this frame ("retry/7", "view/7",
// "create-samples"...), so tests and the end-to-end driver can aim clicks at them.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace blockify::gui {

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;  // window-relative pixels
  float center_x() const { return x + w / 2; }
  float center_y() const { return y + h / 2; }
  bool operator==(const WidgetRect&) const = default;
};

class WidgetRects {
 public:
  // Forgets last frame's rectangles; call before drawing a frame.
  void begin_frame();
  void record(const std::string& name, WidgetRect rect);
  // Records the rectangle of the last ImGui item (call right after the widget).
  void record_last_item(const std::string& name);
  // Like record_last_item, and also keeps the text the item shows, for tests.
  void record_last_item(const std::string& name, const std::string& text);

  std::optional<WidgetRect> find(const std::string& name) const;
  bool has(const std::string& name) const { return rects_.count(name) != 0; }
  // The text recorded with `name`, or empty.
  std::string text(const std::string& name) const;
  // Number of recorded names starting with `prefix`.
  size_t count_prefix(const std::string& prefix) const;
  const std::map<std::string, WidgetRect>& all() const { return rects_; }

  // {"retry/7": [x, y, w, h], ...} with whole pixels.
  std::string to_json() const;
  // Writes to_json() to `path` atomically (temp file + rename) when it differs from what
  // was last written. Returns false only when writing failed.
  bool write_if_changed(const std::filesystem::path& path);
  // Same, to the file named by $BLOCKIFY_UI_RECTS; does nothing when it is unset.
  bool write_to_env_file();

 private:
  std::map<std::string, WidgetRect> rects_;
  std::map<std::string, std::string> texts_;
  std::string last_written_;
};

}  // namespace blockify::gui
