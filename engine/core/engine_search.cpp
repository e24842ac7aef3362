// The Datasets tab's search: run off the engine thread on a read-only connection of its
// own (embedding the query waits on the network, scoring a large dataset takes a while),
// its outcome published in Snapshot::dataset_search. The window never waits for it.
#include <algorithm>

#include "engine/jobs/dataset_search.h"
#include "engine/core/engine_impl.h"

namespace blockify {

CommandResult EngineImpl::search_dataset_command(const SearchDataset& c) {
  if (dataset_search_ && dataset_search_->running)
    return {ResultCode::Refused, "A search is already running; wait until it finishes.", 0};
  if (c.query.empty()) return {ResultCode::Usage, "Type what to search for.", 0};
  auto running = std::make_shared<DatasetSearchView>();
  running->dataset = c.name;
  running->query = c.query;
  running->running = true;
  dataset_search_ = running;
  changed_ = true;
  run_in_background(
      [this, c, database = options_.database, cache = search_cache_] {
        auto view = std::make_shared<DatasetSearchView>();
        view->dataset = c.name;
        view->query = c.query;
        try {
          store::JobStore reader(database, store::JobStore::Access::kRead);
          DatasetSearchResult r =
              search_dataset(reader, *cache, c.name, c.query,
                             static_cast<size_t>(std::clamp(c.top, 1, kMaxSearchTop)), c.by_meaning);
          view->by_meaning = r.by_meaning;
          view->is_error = !r.error.empty();
          view->message = view->is_error ? r.error.message + " " + r.error.hint : r.note;
          for (auto& hit : r.hits) view->hits.push_back({std::move(hit.block), hit.job_id, hit.score});
        } catch (const std::exception& e) {
          view->is_error = true;
          view->message = std::string("The search failed: ") + e.what() +
                          " Try again; if it fails again, report the log file.";
        }
        post_task([this, view]() REQUIRES(engine_thread_) {
          dataset_search_ = view;
          changed_ = true;
        });
      },
      [this]() REQUIRES(engine_thread_) { dataset_search_ = nullptr; });
  return {ResultCode::Ok, "Searching " + c.name + ".", 0};
}

}  // namespace blockify
