#include "app/gui/jobs_index.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string_view>

#include "app/gui/time_text.h"
#include "engine/domain/enum_names.h"

namespace blockify::gui {
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

// Below, at or above zero as `a` sorts before, level with or after `b` by `key` alone.
// `ta` and `tb` are the rows' total times, used when sorting by them.
int compare_by(JobsSortKey key, const Job& a, TimeMs ta, const Job& b, TimeMs tb) {
  auto order = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  // Never started sorts as newest: it is about to start.
  auto started = [](const Job& j) { return j.started_at > 0 ? j.started_at : INT64_MAX; };
  switch (key) {
    case JobsSortKey::Id:
      return 0;
    case JobsSortKey::Name:
      return a.name.compare(b.name);
    case JobsSortKey::Status:
      return order(a.status, b.status);
    case JobsSortKey::Files:
      return order(a.files_total, b.files_total);
    case JobsSortKey::Blocks:
      return order(a.blocks, b.blocks);
    case JobsSortKey::Progress:
      return order(a.progress, b.progress);
    case JobsSortKey::TotalTime:
      return order(ta, tb);
    case JobsSortKey::Started:
      return order(started(a), started(b));
  }
  return 0;
}

// Orders by the sort key ascending, ties by id, so the order is total.
bool less_by(JobsSortKey key, const Job& a, TimeMs ta, const Job& b, TimeMs tb) {
  int c = compare_by(key, a, ta, b, tb);
  return c != 0 ? c < 0 : a.id < b.id;
}

// The status each filter but All shows, labelled by that status's own name. Processing
// also shows Cancelling jobs, which are still running.
constexpr EnumValue<StatusFilter, JobStatus> kFilterStatus[] = {
    {StatusFilter::Pending, JobStatus::Pending},
    {StatusFilter::Processing, JobStatus::Processing},
    {StatusFilter::Completed, JobStatus::Completed},
    {StatusFilter::Failed, JobStatus::Failed},
    {StatusFilter::Cancelled, JobStatus::Cancelled}};
}  // namespace

const char* display_name(StatusFilter f) {
  if (f == StatusFilter::All) return "All";
  return display_name(value_of(kFilterStatus, f, JobStatus::Pending));
}

bool passes(StatusFilter f, JobStatus s) {
  if (f == StatusFilter::All) return true;
  const JobStatus shown = value_of(kFilterStatus, f, s);
  return s == shown || (shown == JobStatus::Processing && s == JobStatus::Cancelling);
}

namespace {
// More changed rows than this are merged in one pass instead of placed one by one: each
// single placement moves the tail of the order, a merge moves it once.
constexpr size_t kPlaceOneByOne = 32;
}  // namespace

bool JobsIndex::matches(const Job* job) const {
  if (!job || !passes(query_.status, job->status)) return false;
  if (query_.active_only && !is_active(job->status)) return false;
  return needle_.empty() || contains_folded(job->name, needle_) || contains_folded(job->dataset, needle_);
}

bool JobsIndex::before(const Placed& a, const Placed& b) const {
  if (query_.descending) return less_by(query_.sort, *b.job, b.time, *a.job, a.time);
  return less_by(query_.sort, *a.job, a.time, *b.job, b.time);
}

JobsIndex::Placed JobsIndex::placed(const JobTable& table, uint32_t slot) const {
  int64_t time = query_.sort == JobsSortKey::TotalTime ? time_key_[slot] : 0;
  return {slot, table.at(slot).get(), time};
}

bool JobsIndex::update(const JobTable& table, const JobsQuery& query, TimeMs now) {
  deleted_.clear();
  if (!valid_ || !(query == query_) || table.slots() < seen_.slots()) {
    rebuild(table, query, now);
    return true;
  }
  size_t old_slots = seen_.slots(), new_slots = table.slots();
  bool by_time = query_.sort == JobsSortKey::TotalTime;
  if (by_time) time_key_.resize(new_slots, 0);
  std::vector<uint32_t> out, in;  // slots to take out of the order, and to put in
  bool any_chunk = false;
  for (size_t c = 0; c < table.chunk_count(); ++c) {
    if (c < seen_.chunk_count() && seen_.chunk(c) == table.chunk(c)) continue;  // same rows
    any_chunk = true;
    size_t begin = c * JobTable::kChunkSize, end = std::min(new_slots, begin + JobTable::kChunkSize);
    for (size_t s = begin; s < end; ++s) {
      const Job* was_row = s < old_slots ? seen_.at(s).get() : nullptr;
      const Job* row = table.at(s).get();
      if (s >= old_slots) slot_ids_.push_back(row ? row->id : slot_ids_.empty() ? 0 : slot_ids_.back());
      if (was_row == row) continue;
      if (was_row && !row) deleted_.push_back(was_row->id);
      bool was_in = matches(was_row), is_in = matches(row);
      auto slot = static_cast<uint32_t>(s);
      if (was_in && is_in) {
        // Progress ticks leave a row where it is (by id, always): nothing to move.
        int64_t time = by_time ? total_time(*row, now) : 0;
        Placed old_place{slot, was_row, by_time ? time_key_[s] : 0}, new_place{slot, row, time};
        if (!before(old_place, new_place) && !before(new_place, old_place)) continue;
      }
      if (was_in) out.push_back(slot);
      if (is_in) in.push_back(slot);
    }
  }
  if (!any_chunk) return false;
  if ((out.size() + in.size()) * 4 > new_slots) {
    rebuild(table, query, now);  // most rows changed (e.g. another database): start over
    return true;
  }
  take_out(out);
  seen_ = table;
  put_in(table, in, now);
  rows_placed_ += out.size() + in.size();
  return !out.empty() || !in.empty();
}

void JobsIndex::take_out(std::vector<uint32_t>& slots) {
  // The order was built from seen_'s rows, so they are what it is searched by.
  auto by_seen = [&](uint32_t shown, const Placed& p) { return before(placed(seen_, shown), p); };
  if (slots.size() <= kPlaceOneByOne) {
    for (uint32_t s : slots) {
      auto it = std::lower_bound(order_.begin(), order_.end(), placed(seen_, s), by_seen);
      if (it == order_.end() || *it != s) it = std::find(order_.begin(), order_.end(), s);  // never expected
      if (it != order_.end()) order_.erase(it);
    }
    return;
  }
  std::vector<char> leaving(seen_.slots(), 0);
  for (uint32_t s : slots) leaving[s] = 1;
  std::erase_if(order_, [&](uint32_t s) { return leaving[s] != 0; });
}

void JobsIndex::put_in(const JobTable& table, std::vector<uint32_t>& slots, TimeMs now) {
  if (query_.sort == JobsSortKey::TotalTime)
    for (uint32_t s : slots) time_key_[s] = total_time(*table.at(s), now);
  auto by_table = [&](uint32_t shown, const Placed& p) { return before(placed(table, shown), p); };
  if (slots.size() <= kPlaceOneByOne) {
    for (uint32_t s : slots) {
      auto it = std::lower_bound(order_.begin(), order_.end(), placed(table, s), by_table);
      order_.insert(it, s);
    }
    return;
  }
  auto less = [&](uint32_t a, uint32_t b) { return before(placed(table, a), placed(table, b)); };
  std::sort(slots.begin(), slots.end(), less);
  std::vector<uint32_t> merged;
  merged.reserve(order_.size() + slots.size());
  std::merge(order_.begin(), order_.end(), slots.begin(), slots.end(), std::back_inserter(merged), less);
  order_.swap(merged);
}

void JobsIndex::rebuild(const JobTable& table, const JobsQuery& query, TimeMs now) {
  query_ = query;
  needle_ = fold(query.search);
  valid_ = true;
  ++rebuilds_;
  seen_ = table;
  size_t slots = table.slots();
  slot_ids_.resize(slots);
  bool by_time = query.sort == JobsSortKey::TotalTime;
  if (by_time)
    time_key_.assign(slots, 0);
  else
    time_key_.clear();
  order_.clear();
  for (size_t i = 0; i < slots; ++i) {
    const Job* row = table.at(i).get();
    slot_ids_[i] = row ? row->id : i > 0 ? slot_ids_[i - 1] : 0;
    if (!matches(row)) continue;
    if (by_time) time_key_[i] = total_time(*row, now);
    order_.push_back(static_cast<uint32_t>(i));
  }
  // The table is already in id order, so the default (newest first) needs no sort.
  if (query.sort == JobsSortKey::Id) {
    if (query.descending) std::reverse(order_.begin(), order_.end());
    return;
  }
  std::sort(order_.begin(), order_.end(),
            [&](uint32_t a, uint32_t b) { return before(placed(table, a), placed(table, b)); });
}

const Job* JobsIndex::find(int64_t job_id) const {
  auto it = std::lower_bound(slot_ids_.begin(), slot_ids_.end(), job_id);
  if (it == slot_ids_.end() || *it != job_id) return nullptr;
  const Job* row = seen_.at(static_cast<size_t>(it - slot_ids_.begin())).get();
  return row && row->id == job_id ? row : nullptr;
}

int JobsIndex::position_of(int64_t job_id) const {
  auto it = std::lower_bound(slot_ids_.begin(), slot_ids_.end(), job_id);
  if (it == slot_ids_.end() || *it != job_id) return -1;
  auto slot = static_cast<uint32_t>(it - slot_ids_.begin());
  if (!matches(seen_.at(slot).get()) || seen_.at(slot)->id != job_id) return -1;
  auto by_seen = [&](uint32_t shown, const Placed& p) { return before(placed(seen_, shown), p); };
  auto pos = std::lower_bound(order_.begin(), order_.end(), placed(seen_, slot), by_seen);
  return pos != order_.end() && *pos == slot ? static_cast<int>(pos - order_.begin()) : -1;
}

}  // namespace blockify::gui
