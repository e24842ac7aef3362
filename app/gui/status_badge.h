#pragma once
// The coloured pill that names a job's status.
#include "engine/domain/job.h"

namespace blockify::gui {

// Draws the badge as one item at the cursor. `time_s` drives the Processing badge's
// moving stripe. Returns true when the badge animates (the caller keeps redrawing).
bool draw_status_badge(JobStatus status, double time_s);

// Width every badge takes, so a column of badges lines up.
float status_badge_width();

}  // namespace blockify::gui
