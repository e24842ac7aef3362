#include "app/gui/job_selection.h"

#include <bit>

namespace blockify::gui {
namespace {

bool page_empty(const std::array<uint64_t, 64>& page) {
  for (uint64_t word : page)
    if (word != 0) return false;
  return true;
}

}  // namespace

JobSelection::JobSelection(std::initializer_list<int64_t> ids) {
  for (int64_t id : ids) insert(id);
}

bool JobSelection::contains(int64_t job_id) const {
  if (job_id <= 0) return false;
  auto it = pages_.find(job_id / kPageBits);
  if (it == pages_.end()) return false;
  int64_t bit = job_id % kPageBits;
  return (it->second[static_cast<size_t>(bit / 64)] >> (bit % 64)) & 1u;
}

bool JobSelection::insert(int64_t job_id) {
  if (job_id <= 0) return false;
  Page& page = pages_[job_id / kPageBits];  // a new page starts all zero
  int64_t bit = job_id % kPageBits;
  uint64_t& word = page[static_cast<size_t>(bit / 64)];
  uint64_t mask = uint64_t{1} << (bit % 64);
  if (word & mask) return false;
  word |= mask;
  ++count_;
  return true;
}

bool JobSelection::erase(int64_t job_id) {
  if (job_id <= 0) return false;
  auto it = pages_.find(job_id / kPageBits);
  if (it == pages_.end()) return false;
  int64_t bit = job_id % kPageBits;
  uint64_t& word = it->second[static_cast<size_t>(bit / 64)];
  uint64_t mask = uint64_t{1} << (bit % 64);
  if (!(word & mask)) return false;
  word &= ~mask;
  --count_;
  if (page_empty(it->second)) pages_.erase(it);
  return true;
}

void JobSelection::clear() {
  pages_.clear();
  count_ = 0;
}

std::vector<int64_t> JobSelection::ids() const {
  std::vector<int64_t> out;
  out.reserve(count_);
  for (const auto& [number, page] : pages_)
    for (size_t w = 0; w < page.size(); ++w)
      for (uint64_t word = page[w]; word != 0; word &= word - 1)
        out.push_back(number * kPageBits + static_cast<int64_t>(w * 64) + std::countr_zero(word));
  return out;
}

int64_t JobSelection::highest() const {
  if (pages_.empty()) return 0;
  const auto& [number, page] = *pages_.rbegin();
  for (size_t w = page.size(); w-- > 0;)
    if (page[w] != 0)
      return number * kPageBits + static_cast<int64_t>(w * 64) + 63 - std::countl_zero(page[w]);
  return 0;
}

}  // namespace blockify::gui
