#pragma once
// The jobs highlighted in the table: a bitmap keyed by job id, in pages of 4,096 ids.
// Selecting a range of 100,000 jobs, asking whether a row is selected and counting cost
// a bit each, so a big selection never makes a frame slow.
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <vector>

namespace blockify::gui {

class JobSelection {
 public:
  JobSelection() = default;
  JobSelection(std::initializer_list<int64_t> ids);

  bool contains(int64_t job_id) const;
  // Adds a job; false when it was already selected (ids <= 0 are never selected).
  bool insert(int64_t job_id);
  // Removes a job; false when it was not selected.
  bool erase(int64_t job_id);
  void clear();
  // Number of selected jobs. O(1).
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  // The selected ids, ascending.
  std::vector<int64_t> ids() const;
  // The highest selected id, or 0 when empty.
  int64_t highest() const;

 private:
  static constexpr int64_t kPageBits = 4096;
  using Page = std::array<uint64_t, kPageBits / 64>;
  std::map<int64_t, Page> pages_;  // page number (id / 4096) → bits; empty pages are dropped
  size_t count_ = 0;
};

}  // namespace blockify::gui
