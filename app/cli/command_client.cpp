#include "app/cli/command_client.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "engine/core/engine.h"
#include "engine/core/remote_command.h"
#include "engine/platform/instance_lock.h"
#include "engine/store/job_store.h"

namespace blockify::cli {

namespace {

// The store for queueing: with no engine running, created or upgraded under the lock;
// behind a running engine, opened as it is (that engine has upgraded it).
std::unique_ptr<store::JobStore> open_for_sending(const std::filesystem::path& database, bool* engine_running,
                                                  std::string* holder) {
  if (auto lock = platform::InstanceLock::try_acquire(database, "command", holder)) {
    *engine_running = false;
    return std::make_unique<store::JobStore>(database);
  }
  *engine_running = true;
  return std::make_unique<store::JobStore>(database, store::JobStore::Access::kSend);
}

// An engine of this process that applies queued commands and runs no job; null when an
// engine started elsewhere in the meantime (that one applies the command).
std::unique_ptr<Engine> start_command_engine(const std::filesystem::path& database, std::string* failure) {
  EngineOptions options;
  options.database = database;
  options.workers = 0;
  try {
    return std::make_unique<Engine>(options);
  } catch (const DatabaseInUse&) {
    return nullptr;
  } catch (const std::exception& e) {
    *failure = e.what();
    return nullptr;
  }
}

}  // namespace

std::string new_request_id() {
  std::random_device device;
  char text[33];
  std::snprintf(text, sizeof text, "%08x%08x%08x%08x", device(), device(), device(), device());
  return text;
}

CommandResult apply_command(const std::filesystem::path& database, const Command& command,
                            const std::string& request_id, int timeout_ms) {
  bool engine_running = false;
  std::string holder;
  std::unique_ptr<store::JobStore> store;
  try {
    store = open_for_sending(database, &engine_running, &holder);
  } catch (const std::exception& e) {
    return {ResultCode::Failure, e.what(), 0};
  }
  const int64_t id =
      store->queue_command(remote_command_json(command, request_id), request_id, store::now_ms());
  if (auto done = store->command_result(id)) return parse_remote_result(done->first, done->second);
  std::unique_ptr<Engine> engine;
  if (!engine_running) {
    std::string failure;
    engine = start_command_engine(database, &failure);
    if (!failure.empty()) return {ResultCode::Failure, failure, 0};
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto result = store->command_result(id)) return parse_remote_result(result->first, result->second);
    std::this_thread::sleep_for(std::chrono::milliseconds(engine ? 5 : 25));
  }
  if (holder.empty()) holder = platform::describe_lock_holder(database);
  return {
      ResultCode::Failure,
      "The running Blockify (" + holder + ") did not apply the command within " +
          std::to_string(timeout_ms / 1000) +
          " s; it stays queued and will be applied when that engine catches up. To wait for it again without "
          "applying it twice, repeat the command with --request-id " +
          request_id + ".",
      0};
}

std::unique_ptr<store::JobStore> open_for_reading(const std::filesystem::path& database) {
  if (auto lock = platform::InstanceLock::try_acquire(database, "command"))
    return std::make_unique<store::JobStore>(database);
  return std::make_unique<store::JobStore>(database, store::JobStore::Access::kRead);
}

}  // namespace blockify::cli
