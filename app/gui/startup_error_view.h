#pragma once
// What the window shows when the engine cannot start (e.g. another Blockify already
// owns the database): the engine's sentence and a Close button, instead of a crash.
#include <string>

#include "app/gui/widget_rects.h"

namespace blockify::gui {

// Draws the message over the whole window. Returns true when the user clicked Close.
// Records "startup-error" (with the sentence) and "startup-close".
bool draw_startup_error(const std::string& sentence, WidgetRects& rects);

}  // namespace blockify::gui
