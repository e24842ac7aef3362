#include "app/cli/command_client.h"

#include <chrono>
#include <thread>

#include "engine/core/engine.h"
#include "engine/core/remote_command.h"
#include "engine/platform/instance_lock.h"
#include "engine/store/job_store.h"

namespace blockify::cli {

CommandResult apply_command(const std::filesystem::path& database, const Command& command, int timeout_ms) {
  std::string holder;
  // Probe the lock: free means no engine runs, so a local one (with no workers) applies it.
  if (auto probe = platform::InstanceLock::try_acquire(database, "command", &holder)) {
    probe.reset();
    try {
      EngineOptions options;
      options.database = database;
      options.workers = 0;
      options.watch_command_table = false;
      Engine engine(options);
      return engine.submit(command).get();
    } catch (const std::runtime_error& e) {
      // Lost a race with an engine starting up: fall through to the commands table.
      if (std::string(e.what()).find("is already processing") == std::string::npos)
        return {ResultCode::Failure, e.what(), 0};
    }
  }
  store::JobStore store(database);
  int64_t id = store.queue_command(remote_command_json(command), store::now_ms());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto result = store.command_result(id)) return parse_remote_result(result->first, result->second);
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return {ResultCode::Failure,
          "The running Blockify (" + holder + ") did not apply the command within " + std::to_string(timeout_ms / 1000) +
              " s; it stays queued and will be applied when that engine catches up.",
          0};
}

}  // namespace blockify::cli
