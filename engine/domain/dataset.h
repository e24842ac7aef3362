#pragma once
// A dataset as it is listed: what the store keeps of it (totals kept by triggers).
#include <cstdint>
#include <string>

#include "engine/domain/job.h"

namespace blockify {

struct DatasetSummary {
  std::string name;
  int64_t blocks = 0;  // representative blocks (merged ones excluded)
  int64_t jobs = 0;
  TimeMs updated_at = 0;
};

}  // namespace blockify
