#pragma once
// Brief toasts for the engine's notices (refusals with their reason above all), in the
// bottom-right corner, fading out after a few seconds.
#include <cstdint>
#include <map>

#include "app/gui/view_context.h"

namespace blockify {

struct NoticesViewState {
  std::map<uint64_t, double> first_seen;  // notice id → time_s it first appeared
};

inline constexpr double kNoticeSeconds = 5.0;

// Draws the notices of the snapshot that appeared less than kNoticeSeconds ago (notices
// older than that by the wall clock when first seen are not shown at all). Records
// "notice/<id>" with its text. Sets ctx.ui.animating while any toast is visible.
void draw_notices(ViewContext& ctx, NoticesViewState& state);

}  // namespace blockify
