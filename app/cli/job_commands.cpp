// `blockify job create|list|show|retry|cancel|delete`.
#include <nlohmann/json.hpp>

#include <charconv>
#include <iomanip>

#include "app/cli/cli_context.h"
#include "app/cli/command_client.h"
#include "app/cli/terminal_text.h"
#include "engine/domain/job_json.h"
#include "engine/store/job_store.h"

namespace blockify::cli {
namespace {

// Checks a whole-number option with the engine's own rule (engine/domain/job.h), so the
// command line refuses exactly what the engine would, in the engine's words.
CLI::Validator engine_rule(std::string (*rule)(int)) {
  return CLI::Validator(
      [rule](std::string& text) {
        int value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size())
          return "Expected a whole number, not '" + text + "'.";
        return rule(value);
      },
      "");
}

void print_job_line(const Job& j) {
  std::cout << std::left << std::setw(6) << j.id << std::setw(12) << display_name(j.status) << std::setw(8)
            << (std::to_string(static_cast<int>(j.progress * 100)) + "%") << std::setw(10)
            << (std::to_string(j.files_done) + "/" + std::to_string(j.files_total)) << std::setw(9)
            << j.blocks << terminal_text(j.name) << " [" << terminal_text(j.dataset) << "]";
  if (!j.error.empty()) std::cout << "  — " << terminal_text(j.error.message);
  std::cout << "\n";
}

void print_job_detail(const Job& j, const std::vector<JobFile>& files, const std::vector<Attempt>& attempts) {
  std::cout << "Job " << j.id << ": " << terminal_text(j.name) << "\n"
            << "  dataset:   " << terminal_text(j.dataset) << "\n"
            << "  status:    " << display_name(j.status) << "\n"
            << "  stage:     " << display_name(j.stage) << "\n"
            << "  progress:  " << static_cast<int>(j.progress * 100) << " %\n"
            << "  attempt:   " << j.attempt << "\n"
            << "  files:     " << j.files_done << " of " << j.files_total << " done, " << j.files_failed
            << " failed\n"
            << "  blocks:    " << j.blocks << "\n";
  if (!j.error.empty()) {
    std::cout << "  error:     " << j.error.code << ": " << terminal_text(j.error.message) << "\n"
              << "  what to do: " << terminal_text(j.error.hint) << "\n";
  }
  std::cout << "  files:\n";
  for (const auto& f : files) {
    std::cout << "    " << (f.parent_id ? "  " : "") << std::left << std::setw(11) << to_string(f.status)
              << terminal_text(f.path);
    if (!f.error.empty()) std::cout << "  — " << f.error.code << ": " << terminal_text(f.error.message);
    std::cout << "\n";
  }
  std::cout << "  attempts:\n";
  for (const auto& a : attempts) {
    std::cout << "    #" << a.number << " " << to_string(a.kind) << " " << to_string(a.outcome) << " "
              << iso_time(a.started_at);
    if (!a.error.empty()) std::cout << "  — " << a.error.code << ": " << terminal_text(a.error.message);
    std::cout << "\n";
  }
}

// A bulk command's outcome: the sentence ("Queued 30000 retries; 0 refused."), or with
// --json the counts and the distinct refusal reasons.
int report_bulk(const CommandResult& r, bool json) {
  if (!json || (r.code != ResultCode::Ok && r.code != ResultCode::Refused)) return report(r);
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& [reason, count] : r.bulk.reasons)
    reasons.push_back({{"reason", reason}, {"count", count}});
  std::cout << nlohmann::json{{"applied", r.bulk.applied}, {"refused", r.bulk.refused}, {"reasons", reasons}}
                   .dump(2)
            << "\n";
  return static_cast<int>(r.code);
}

// What `job retry` and `job cancel` take: one job by ID, or every job of a kind with
// `all_flag`, narrowed by --dataset and answered as JSON with --json. Shared pointers, since
// the callback that reads them outlives the function that adds the options.
struct OneOrAllJobs {
  std::shared_ptr<int64_t> id = std::make_shared<int64_t>(0);
  std::shared_ptr<bool> all = std::make_shared<bool>(false);
  std::shared_ptr<std::string> dataset = std::make_shared<std::string>();
  std::shared_ptr<bool> json = std::make_shared<bool>(false);
  CLI::Option* id_option = nullptr;
};

OneOrAllJobs add_one_or_all_jobs(CLI::App* command, const std::string& all_flag,
                                 const std::string& all_help) {
  OneOrAllJobs jobs;
  jobs.id_option = command->add_option("ID", *jobs.id, "Job id");
  auto* all = command->add_flag(all_flag, *jobs.all, all_help)->excludes(jobs.id_option);
  command->add_option("--dataset", *jobs.dataset, "With " + all_flag + ": only jobs of this dataset")
      ->needs(all);
  command->add_flag("--json", *jobs.json, "With " + all_flag + ": print the counts as JSON")->needs(all);
  return jobs;
}

// Sends `many` when the all-flag was given, else `one`; with neither an ID nor the flag,
// answers `usage` (a sentence naming both).
int send_one_or_all(Context& ctx, const OneOrAllJobs& jobs, const Command& many, const Command& one,
                    const char* usage) {
  if (*jobs.all) return report_bulk(apply_command(ctx.database(), many, ctx.request_id()), *jobs.json);
  if (jobs.id_option->count() == 0) return report({ResultCode::Usage, usage, 0});
  return report(apply_command(ctx.database(), one, ctx.request_id()));
}

}  // namespace

void add_job_commands(CLI::App& app, Context& ctx) {
  auto* job = app.add_subcommand("job", "Create, list, inspect, retry, cancel and delete jobs");
  job->require_subcommand(1);

  // create
  auto* create = job->add_subcommand("create", "Create a job over files; prints the new id");
  auto c = std::make_shared<CreateJob>();
  auto mode = std::make_shared<std::string>(to_string(JobMode::Blockify));
  auto backend = std::make_shared<std::string>(to_string(Backend::Offline));
  create->add_option("--name", c->name, "Job name")->required();
  create->add_option("--dataset", c->dataset, "Target dataset (created when new)");
  create->add_option("--mode", *mode, "Make IdeaBlocks, or only chunks")
      ->check(one_of<JobMode>({JobMode::Blockify, JobMode::ChunkOnly}));
  create->add_option("--chunk-size", c->config.chunk_size, "Characters per chunk (1000–4000)")
      ->check(engine_rule(validate_chunk_size));
  create->add_option("--overlap", c->config.overlap_percent, "Overlap in percent of the chunk size")
      ->check(engine_rule(validate_overlap));
  create->add_option("--backend", *backend, "Where blocks are made: here, or by the endpoint")
      ->check(one_of<Backend>({Backend::Offline, Backend::OpenAI}));
  create->add_option("--distill-threshold", c->config.distill_threshold,
                     "Similarity at which blocks merge (0.5–1.0, default 0.8)");
  create->add_option("FILE", c->files, "Input files")->required();
  create->callback([&ctx, c, mode, backend] {
    c->config.mode = parse_job_mode(*mode).value_or(JobMode::Blockify);
    c->config.backend = parse_backend(*backend).value_or(Backend::Offline);
    CommandResult r = apply_command(ctx.database(), *c, ctx.request_id());
    if (r.ok()) {
      std::cout << r.job_id << "\n";
      ctx.exit_code = 0;
    } else {
      ctx.exit_code = report(r);
    }
  });

  // list
  auto* list = job->add_subcommand("list", "List jobs, newest first");
  auto status = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  list->add_option("--status", *status, "Only jobs in this status")->check(one_of<JobStatus>(kJobStatuses));
  list->add_flag("--json", *json, "Print a JSON array");
  list->callback([&ctx, status, json] {
    auto store = open_for_reading(ctx.database());
    auto jobs = store->load_jobs();
    nlohmann::json out = nlohmann::json::array();
    for (auto it = jobs.rbegin(); it != jobs.rend(); ++it) {
      if (!status->empty() && to_string(it->status) != *status) continue;
      if (*json)
        out.push_back(job_summary_json(*it));
      else
        print_job_line(*it);
    }
    if (*json) std::cout << out.dump(2) << "\n";
  });

  // show
  auto* show = job->add_subcommand("show", "Status, stage, progress, files, error and attempts of a job");
  auto show_id = std::make_shared<int64_t>(0);
  auto show_json = std::make_shared<bool>(false);
  show->add_option("ID", *show_id, "Job id")->required();
  show->add_flag("--json", *show_json, "Print JSON (a stable interface)");
  show->callback([&ctx, show_id, show_json] {
    auto store = open_for_reading(ctx.database());
    auto j = store->load_job(*show_id);
    if (!j) {
      ctx.exit_code =
          report({ResultCode::NotFound, "There is no job " + std::to_string(*show_id) + ".", *show_id});
      return;
    }
    auto files = store->load_files(j->id);
    auto attempts = store->load_attempts(j->id);
    auto embeddings = store->job_embeddings(j->id);  // the Embeddings stage, when it ran
    const bool reembed = j->config.mode == JobMode::ReEmbed;
    // A Re-embed job owns no blocks: its figures are its dataset's blocks with a vector.
    if (embeddings && reembed) embeddings->blocks = j->chunks_done;
    if (*show_json) {
      auto out = job_detail_json(*j, files, attempts);
      out["embeddings"] = embeddings ? to_json(*embeddings) : nlohmann::json();
      if (reembed) out["reembed"] = {{"blocks_embedded", j->chunks_done}, {"blocks_total", j->chunks_total}};
      std::cout << out.dump(2) << "\n";
    } else {
      print_job_detail(*j, files, attempts);
      if (reembed)
        std::cout << "Re-embedded: " << j->chunks_done << " of " << j->chunks_total << " IdeaBlocks of "
                  << terminal_text(j->dataset) << " have a vector\n";
      if (embeddings) std::cout << "Embedded: " << terminal_text(embeddings_summary(*embeddings)) << "\n";
    }
  });

  // retry
  auto* retry =
      job->add_subcommand("retry", "Retry a Failed or Cancelled job (a clean full restart by default)");
  OneOrAllJobs retried = add_one_or_all_jobs(retry, "--all-failed", "Retry every Failed job, as one command");
  auto resume = std::make_shared<bool>(false);
  auto failed_files = std::make_shared<bool>(false);
  auto* resume_flag =
      retry->add_flag("--resume", *resume, "Keep completed files and their blocks; redo the rest");
  retry->add_flag("--failed-files", *failed_files, "Redo only the files that failed")->excludes(resume_flag);
  retry->callback([&ctx, retried, resume, failed_files] {
    AttemptKind kind = *resume         ? AttemptKind::Resume
                       : *failed_files ? AttemptKind::FailedFiles
                                       : AttemptKind::Fresh;
    RetryMany many{JobSelector{{}, JobStatus::Failed, *retried.dataset, false}, kind};
    ctx.exit_code = send_one_or_all(ctx, retried, many, RetryJob{*retried.id, kind},
                                    "Name the job to retry (job retry ID), or give --all-failed.");
  });

  // cancel
  auto* cancel =
      job->add_subcommand("cancel", "Cancel a Pending or Processing job; partial results are kept");
  OneOrAllJobs cancelled =
      add_one_or_all_jobs(cancel, "--all-active", "Cancel every Pending or Processing job");
  cancel->callback([&ctx, cancelled] {
    CancelMany many{JobSelector{{}, std::nullopt, *cancelled.dataset, true}};
    ctx.exit_code = send_one_or_all(ctx, cancelled, many, CancelJob{*cancelled.id},
                                    "Name the job to cancel (job cancel ID), or give --all-active.");
  });

  // delete
  auto* del = job->add_subcommand("delete", "Delete a job and its results (cancel a running one first)");
  auto del_id = std::make_shared<int64_t>(0);
  del->add_option("ID", *del_id, "Job id")->required();
  del->callback([&ctx, del_id] {
    ctx.exit_code = report(apply_command(ctx.database(), DeleteJob{*del_id, false}, ctx.request_id()));
  });
}

}  // namespace blockify::cli
