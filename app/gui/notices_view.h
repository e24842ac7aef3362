#pragma once
// Brief toasts for the engine's notices (refusals with their reason above all) and the
// UI's own (bulk action counts), in the bottom-right corner, fading out after a few seconds.
#include <cstdint>
#include <map>

#include "app/gui/view_context.h"

namespace blockify::gui {

struct NoticesViewState {
  std::map<uint64_t, double> first_seen;  // engine notice id → time_s it first appeared
};

inline constexpr double kNoticeSeconds = 5.0;

// Draws the snapshot's notices that appeared less than kNoticeSeconds ago (notices older
// than that by the wall clock when first seen are not shown at all) and ctx.ui.notices
// raised less than kNoticeSeconds ago (older ones are dropped), newest at the bottom, at
// most four. Records "notice/<id>" and "ui-notice/<id>" with their text. Sets
// ctx.ui.animating while any toast is visible.
void draw_notices(ViewContext& ctx, NoticesViewState& state);

}  // namespace blockify::gui
