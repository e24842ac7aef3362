#pragma once
// The engine a test starts: on the test's own database file, with a chosen number of
// workers. Everything else is the default unless the test sets it on what this returns.
#include <filesystem>

#include "engine/core/engine.h"

namespace blockify::test {

// Options for an engine on `database` with `workers` workers (0: the engine thread alone,
// for tests of commands, settings and views that run no job).
inline EngineOptions engine_options(const std::filesystem::path& database, int workers = 1) {
  EngineOptions options;
  options.database = database;
  options.workers = workers;
  return options;
}

}  // namespace blockify::test
