#include "app/gui/jobs_index.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <tuple>

#include "app/gui/time_text.h"

namespace blockify {
namespace {

bool contains_folded(std::string_view text, std::string_view folded_needle) {
  if (folded_needle.empty()) return true;
  if (text.size() < folded_needle.size()) return false;
  for (size_t i = 0; i + folded_needle.size() <= text.size(); ++i) {
    size_t k = 0;
    while (k < folded_needle.size() &&
           std::tolower(static_cast<unsigned char>(text[i + k])) == folded_needle[k])
      ++k;
    if (k == folded_needle.size()) return true;
  }
  return false;
}

std::string fold(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Orders by the sort key ascending, ties by id, so the order is total and stable.
bool less_by(JobsSortKey key, const Job& a, const Job& b, TimeMs now) {
  switch (key) {
    case JobsSortKey::Id: break;
    case JobsSortKey::Name: {
      int c = a.name.compare(b.name);
      if (c != 0) return c < 0;
      break;
    }
    case JobsSortKey::Status:
      if (a.status != b.status) return a.status < b.status;
      break;
    case JobsSortKey::Files:
      if (a.files_total != b.files_total) return a.files_total < b.files_total;
      break;
    case JobsSortKey::Blocks:
      if (a.blocks != b.blocks) return a.blocks < b.blocks;
      break;
    case JobsSortKey::Progress:
      if (a.progress != b.progress) return a.progress < b.progress;
      break;
    case JobsSortKey::TotalTime: {
      TimeMs ta = total_time(a, now), tb = total_time(b, now);
      if (ta != tb) return ta < tb;
      break;
    }
    case JobsSortKey::Started: {
      // Never started sorts as newest: it is about to start.
      TimeMs sa = a.started_at > 0 ? a.started_at : INT64_MAX;
      TimeMs sb = b.started_at > 0 ? b.started_at : INT64_MAX;
      if (sa != sb) return sa < sb;
      break;
    }
  }
  return a.id < b.id;
}

}  // namespace

const char* display_name(StatusFilter f) {
  switch (f) {
    case StatusFilter::All: return "All";
    case StatusFilter::Pending: return "Pending";
    case StatusFilter::Processing: return "Processing";
    case StatusFilter::Completed: return "Completed";
    case StatusFilter::Failed: return "Failed";
    case StatusFilter::Cancelled: return "Cancelled";
  }
  return "All";
}

bool passes(StatusFilter f, JobStatus s) {
  switch (f) {
    case StatusFilter::All: return true;
    case StatusFilter::Pending: return s == JobStatus::Pending;
    case StatusFilter::Processing: return s == JobStatus::Processing || s == JobStatus::Cancelling;
    case StatusFilter::Completed: return s == JobStatus::Completed;
    case StatusFilter::Failed: return s == JobStatus::Failed;
    case StatusFilter::Cancelled: return s == JobStatus::Cancelled;
  }
  return true;
}

bool JobsIndex::update(const JobTable& table, uint64_t table_version, const JobsQuery& query, TimeMs now,
                       double time_s, double min_interval_s) {
  bool query_changed = !valid_ || !(query == query_);
  bool table_changed = table_version != table_version_ || table.slots() != table_slots_;
  if (!query_changed && !table_changed) return false;
  if (!query_changed && table.slots() > kCoalesceAbove && time_s - last_rebuild_s_ < min_interval_s)
    return false;
  rebuild(table, query, now);
  valid_ = true;
  query_ = query;
  table_version_ = table_version;
  table_slots_ = table.slots();
  last_rebuild_s_ = time_s;
  ++rebuilds_;
  return true;
}

void JobsIndex::rebuild(const JobTable& table, const JobsQuery& query, TimeMs now) {
  slots_.clear();
  std::string needle = fold(query.search);
  for (size_t i = 0; i < table.slots(); ++i) {
    const JobRow& row = table.at(i);
    if (!row) continue;
    if (!passes(query.status, row->status)) continue;
    if (query.active_only && !is_active(row->status)) continue;
    if (!needle.empty() && !contains_folded(row->name, needle) && !contains_folded(row->dataset, needle)) continue;
    slots_.push_back(static_cast<uint32_t>(i));
  }
  // The table is already in id order, so the default (newest first) needs no sort.
  if (query.sort == JobsSortKey::Id) {
    if (query.descending) std::reverse(slots_.begin(), slots_.end());
    return;
  }
  auto key = query.sort;
  if (query.descending) {
    std::stable_sort(slots_.begin(), slots_.end(),
                     [&](uint32_t a, uint32_t b) { return less_by(key, *table.at(b), *table.at(a), now); });
  } else {
    std::stable_sort(slots_.begin(), slots_.end(),
                     [&](uint32_t a, uint32_t b) { return less_by(key, *table.at(a), *table.at(b), now); });
  }
}

int JobsIndex::position_of(const JobTable& table, int64_t job_id) const {
  for (size_t i = 0; i < slots_.size(); ++i) {
    const JobRow& row = table.at(slots_[i]);
    if (row && row->id == job_id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace blockify
