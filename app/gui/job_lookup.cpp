#include "app/gui/job_lookup.h"

namespace blockify::gui {
namespace {

// The id at slot i, looking right past deleted rows; -1 when none remain.
int64_t id_at_or_after(const JobTable& table, size_t i, size_t end, size_t* found) {
  for (; i < end; ++i) {
    if (const auto& row = table.at(i)) {
      *found = i;
      return row->id;
    }
  }
  return -1;
}

}  // namespace

const Job* find_job(const JobTable& table, int64_t job_id) {
  size_t lo = 0, hi = table.slots();
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    size_t slot = 0;
    int64_t id = id_at_or_after(table, mid, hi, &slot);
    if (id < 0 || id > job_id) {
      hi = mid;
    } else if (id < job_id) {
      lo = slot + 1;
    } else {
      return table.at(slot).get();
    }
  }
  return nullptr;
}

}  // namespace blockify::gui
