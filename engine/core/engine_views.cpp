// Engine-side data for the Datasets and Settings views, exports, the endpoint test and
// "what changed since the failure". Slow work (writing an export, calling the endpoint,
// hashing an input) runs on a background thread and reports back as a task on the
// engine thread.
#include <fstream>
#include <map>

#include "engine/core/engine_impl.h"
#include "engine/core/settings.h"
#include "engine/jobs/file_fingerprint.h"
#include "engine/pipeline/export.h"
#include "engine/platform/files.h"
#include "engine/platform/paths.h"

namespace blockify {

void EngineImpl::run_in_background(std::function<void()> work, std::function<void()> if_not_saved) {
  // Started only once the command that asked for it is committed.
  auto start = [this, work = std::move(work)]() REQUIRES(engine_thread_) { start_in_background(work); };
  unit_.after_commit(std::move(start), std::move(if_not_saved));
}

void EngineImpl::start_in_background(std::function<void()> work) {
  MutexLock lock(background_mutex_);
  // Threads that are done are joined here, so a long session does not pile them up.
  std::erase_if(background_, [](BackgroundThread& t) {
    if (!t.finished->load()) return false;
    t.thread.join();
    return true;
  });
  auto finished = std::make_shared<std::atomic<bool>>(false);
  std::thread thread([work = std::move(work), finished] {
    work();
    finished->store(true);
  });
  background_.push_back({std::move(thread), std::move(finished)});
}

void EngineImpl::refresh_views() {
  if (datasets_dirty_) {
    auto view = std::make_shared<DatasetsView>();
    int64_t browsed_total = -1;
    for (const auto& d : store_->list_datasets()) {
      DatasetRow row;
      static_cast<DatasetSummary&>(row) = d;
      fill_vector_state(row);
      view->datasets.push_back(std::move(row));
      if (d.name == browsed_dataset_) browsed_total = d.blocks;
    }
    view->browsed = browsed_dataset_;
    view->search = browse_search_;
    view->offset = browse_offset_;
    if (page_dirty_) {
      page_ = browsed_dataset_.empty()
                  ? nullptr
                  : std::make_shared<const std::vector<IdeaBlock>>(load_browsed_page(browsed_total));
      page_dirty_ = false;
    }
    if (page_) view->blocks = *page_;
    datasets_view_ = std::move(view);
    datasets_dirty_ = false;
    changed_ = true;
  }
  if (settings_dirty_) {
    auto view = std::make_shared<SettingsView>();
    for (const auto& info : settings::known_settings())
      view->values.emplace_back(info.key, settings::get(*store_, info.key));
    view->api_key_masked = settings::masked_key(settings::endpoint_settings(*store_).api_key);
    settings_view_ = std::move(view);
    settings_dirty_ = false;
    changed_ = true;
  }
}

std::vector<IdeaBlock> EngineImpl::load_browsed_page(int64_t total) {
  // Prev, Next and a refresh start from the page on screen (its first or last block id),
  // so page 20,000 of a million blocks costs what page 1 does. Another jump counts from
  // whichever end of the dataset is nearer.
  constexpr int64_t kPage = kBlocksPageSize;
  const ShownPage& was = shown_page_;
  bool same_list = was.count > 0 && was.dataset == browsed_dataset_ && was.search == browse_search_;
  store::PageFrom from = store::PageFrom::Offset;
  int64_t value = browse_offset_, limit = kPage;
  if (same_list && browse_offset_ == was.offset + kPage && was.count == kPage) {
    from = store::PageFrom::After;
    value = was.last_id;
  } else if (same_list && browse_offset_ + kPage == was.offset) {
    from = store::PageFrom::Before;
    value = was.first_id;
  } else if (same_list && browse_offset_ == was.offset) {
    from = store::PageFrom::AtOrAfter;
    value = was.first_id;
  } else if (browse_search_.empty() && total >= 0 && browse_offset_ > total / 2) {
    from = store::PageFrom::FromEnd;
    limit = std::max<int64_t>(0, std::min(kPage, total - browse_offset_));
    value = std::max<int64_t>(0, total - browse_offset_ - limit);
  }
  auto page = limit > 0 ? store_->load_dataset_page(browsed_dataset_, browse_search_, from, value, limit)
                        : std::vector<IdeaBlock>{};
  shown_page_ = {browsed_dataset_,
                 browse_search_,
                 browse_offset_,
                 page.empty() ? 0 : page.front().id,
                 page.empty() ? 0 : page.back().id,
                 static_cast<int64_t>(page.size())};
  return page;
}

CommandResult EngineImpl::browse_dataset(const BrowseDataset& c) {
  browsed_dataset_ = c.name;
  browse_search_ = c.search;
  browse_offset_ = std::max<int64_t>(0, c.offset);
  datasets_dirty_ = page_dirty_ = true;
  return {ResultCode::Ok, {}, 0};
}

CommandResult EngineImpl::export_dataset(const ExportDataset& c) {
  if (export_status_ && export_status_->running)
    return {ResultCode::Refused, "An export is already running; wait until it finishes.", 0};
  bool exists = false;
  for (const auto& d : store_->list_datasets()) exists |= d.name == c.name;
  if (!exists) return {ResultCode::NotFound, "There is no dataset \"" + c.name + "\".", 0};
  if (c.path.empty()) return {ResultCode::Usage, "Choose a file to export to.", 0};
  export_status_ = std::make_shared<ExportStatus>(ExportStatus{true, "Exporting " + c.name + "…", false});
  changed_ = true;
  run_in_background(
      [this, c, database = options_.database] {
        // Blocks stream from a read-only connection of the export's own: a dataset of any
        // size exports in constant memory, and the engine thread never waits for it.
        ExportResult r = export_stream(
            [&](const ExportVisit& visit) {
              store::JobStore reader(database, store::JobStore::Access::kRead);
              reader.for_each_dataset_block_with_vector(c.name, visit);
            },
            c.name, c.format, c.path);
        post_task([this, c, r]() REQUIRES(engine_thread_) {
          std::string message = r.ok() ? "Exported " + std::to_string(r.blocks_written) + " IdeaBlocks of " +
                                             c.name + " to " + c.path + "." +
                                             (r.note.empty() ? "" : " " + r.note)
                                       : r.error.message + " " + r.error.hint;
          export_status_ = std::make_shared<ExportStatus>(ExportStatus{false, message, !r.ok()});
          notice(message, !r.ok());
          log_->info("export of {} to {}: {}", c.name, c.path, message);
        });
      },
      [this]() REQUIRES(engine_thread_) { export_status_ = nullptr; });
  return {ResultCode::Ok, "Exporting " + c.name + " to " + c.path + ".", 0};
}

CommandResult EngineImpl::set_setting(const SetSetting& c) {
  std::string why = settings::set(*store_, c.key, c.value);
  if (!why.empty()) return {ResultCode::Usage, why, 0};
  settings_dirty_ = true;
  log_->info("setting {} changed", c.key);
  return {ResultCode::Ok, c.key + " is now " + c.value + ".", 0};
}

CommandResult EngineImpl::save_api_key(const SaveApiKey& c) {
  auto path = platform::config_dir() / "api_key";
  std::string why;
  if (!platform::write_private_file(path, c.key + "\n", &why)) {  // 0600 from its first byte
    return {ResultCode::Failure,
            "The API key was not saved. " + why + " Check that folder, then save it again.", 0};
  }
  settings_dirty_ = true;
  log_->info("API key saved ({})", settings::masked_key(c.key));
  return {ResultCode::Ok, "The API key was saved.", 0};
}

CommandResult EngineImpl::test_endpoint() {
  if (endpoint_test_ && endpoint_test_->running)
    return {ResultCode::Refused, "A model test is already running; wait for its reply.", 0};
  EndpointSettings endpoint = settings::endpoint_settings(*store_);
  auto running = std::make_shared<EndpointTestView>();
  running->running = true;
  running->url = endpoint.url;
  running->model = endpoint.ingest_model;
  endpoint_test_ = running;
  changed_ = true;
  run_in_background(
      [this, endpoint] {
        EndpointReply r = blockify_via_endpoint(endpoint, kEndpointTestText);
        post_task([this, endpoint, r]() REQUIRES(engine_thread_) {
          auto view = std::make_shared<EndpointTestView>();
          view->url = endpoint.url;
          view->model = endpoint.ingest_model;
          view->raw = r.raw;
          view->blocks = r.blocks;
          view->latency_s = r.latency_s;
          view->tokens_per_s = r.latency_s > 0 ? static_cast<double>(r.completion_tokens) / r.latency_s : 0;
          view->error = r.error;
          endpoint_test_ = std::move(view);
          changed_ = true;
        });
      },
      [this]() REQUIRES(engine_thread_) { endpoint_test_ = nullptr; });
  return {ResultCode::Ok, "Testing the model at " + endpoint.url + ".", 0};
}

const std::string* EngineImpl::known_content_hash(const std::string& path, int64_t size,
                                                  std::vector<FileToHash>& to_hash) {
  // The focused failed job is re-checked every 2 s: hash a file again only when its size
  // or modification time moved, not on every check.
  std::error_code ec;
  auto mtime = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
  auto& entry = hash_cache_[path];
  if (entry.hashed && entry.size == size && entry.mtime == mtime) return &entry.hash;
  if (!entry.hashing) {
    entry.hashing = true;
    to_hash.push_back({path, size, mtime});
  }
  return nullptr;
}

void EngineImpl::hash_in_background(std::vector<FileToHash> files) {
  // A multi-GB input takes a while to read: the engine goes on meanwhile, and the detail
  // says the file is being checked until its hash comes back.
  start_in_background([this, files = std::move(files), before_hash = options_.before_hash] {
    for (const auto& f : files) {
      if (before_hash) before_hash(f.path);
      std::string hash = content_hash_of(f.path, [this] { return stop_background_.cancelled(); });
      if (stop_background_.cancelled()) return;
      post_task([this, f, hash = std::move(hash)]() REQUIRES(engine_thread_) {
        hash_cache_[f.path] = {f.size, f.mtime, hash, true, false};
        Job* job = find(focus_id_);
        if (job && (job->status == JobStatus::Failed || job->status == JobStatus::Cancelled))
          detail_dirty_ = true;
      });
    }
  });
}

ChangesSinceFailure EngineImpl::changes_since_failure(const Job& job) {
  ChangesSinceFailure c;
  auto attempts = store_->load_attempts(job.id);
  if (attempts.empty()) return c;
  const Attempt& last = attempts.back();
  auto before = store_->load_fingerprints(last.id);
  if (before.empty()) return c;
  c.checked = true;
  c.free_disk_then = last.free_disk_bytes;
  c.free_disk_now = platform::free_space_at(options_.database.parent_path());
  bool any_change = false;
  std::vector<FileToHash> to_hash;
  for (const auto& f : store_->load_files(job.id)) {
    if (f.parent_id != 0) continue;
    InputChange change;
    change.path = f.path;
    const store::FileFingerprint* old = nullptr;
    for (const auto& b : before)
      if (b.path == f.path) old = &b;
    std::error_code ec;
    const bool exists = std::filesystem::is_regular_file(f.path, ec);
    const int64_t size = exists ? static_cast<int64_t>(std::filesystem::file_size(f.path, ec)) : 0;
    if (!old) {
      change.state = InputState::New;
    } else {
      change.failed_before = old->status == FileStatus::Failed;
      bool was_missing = old->error_code == error_code::kFileNotFound;
      if (!exists) {
        change.state = InputState::Missing;
      } else if (was_missing) {
        change.state = InputState::Restored;
      } else if (size != old->size) {
        change.state = InputState::Modified;  // a different size needs no hash
      } else if (old->content_hash.empty()) {
        change.state = InputState::Unchanged;  // nothing to compare the content with
      } else {
        // Same size: the content hash tells a real edit from a touch; "checking" until
        // a background task has taken it.
        const std::string* hash = known_content_hash(f.path, size, to_hash);
        change.state = !hash                        ? InputState::Checking
                       : *hash != old->content_hash ? InputState::Modified
                                                    : InputState::Unchanged;
      }
    }
    // An input still being checked may have changed: no "nothing changed" warning yet.
    any_change |= change.state != InputState::Unchanged && change.state != InputState::Missing;
    c.inputs.push_back(std::move(change));
  }
  if (!to_hash.empty()) hash_in_background(std::move(to_hash));
  // Settings the job depends on, line by line against what the attempt ran with.
  std::string now_settings = settings::settings_fingerprint(*store_, job.config.backend);
  if (!last.settings.empty() && now_settings != last.settings) {
    auto lines = [](const std::string& text) {
      std::map<std::string, std::string> out;
      size_t start = 0;
      while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        size_t eq = line.find('=');
        if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
        start = end + 1;
      }
      return out;
    };
    auto then = lines(last.settings);
    for (const auto& [key, value] : lines(now_settings))
      if (then.count(key) && then[key] != value)
        c.settings_changed.push_back(key + ": " + then[key] + " → " + value);
    any_change |= !c.settings_changed.empty();
  }
  // A disk that had under 100 MB free then and has clearly more now counts as a change.
  constexpr int64_t kLowDisk = 100ll << 20;
  if (c.free_disk_then < kLowDisk && c.free_disk_now > c.free_disk_then + kLowDisk) any_change = true;
  c.nothing_changed = !any_change;
  return c;
}

}  // namespace blockify
