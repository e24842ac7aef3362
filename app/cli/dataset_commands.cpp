// `blockify dataset list | show NAME | search NAME QUERY | reembed NAME | export NAME --format xml|jsonl|md
// --out PATH`.
#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "app/cli/cli_context.h"
#include "app/cli/terminal_text.h"
#include "engine/jobs/dataset_search.h"
#include "engine/domain/job_json.h"
#include "engine/pipeline/export.h"
#include "engine/store/job_store.h"

namespace blockify::cli {
namespace {

void print_hits(const DatasetSearchResult& result) {
  int rank = 0;
  for (const auto& hit : result.hits) {
    char score[16];
    std::snprintf(score, sizeof score, "%.3f", static_cast<double>(hit.score));
    std::cout << ++rank << ". " << (result.by_meaning ? std::string(score) + "  " : "")
              << terminal_text(hit.block.name) << "\n"
              << "   Q: " << terminal_text(hit.block.critical_question) << "\n"
              << "   A: " << terminal_text(hit.block.trusted_answer) << "\n"
              << "   " << terminal_text(hit.block.source_file) << " (job " << hit.job_id << ")\n";
  }
}

nlohmann::json hits_json(const DatasetSearchResult& result) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& hit : result.hits) {
    out.push_back({{"score", result.by_meaning ? nlohmann::json(hit.score) : nlohmann::json()},
                   {"id", hit.block.id},
                   {"name", hit.block.name},
                   {"question", hit.block.critical_question},
                   {"answer", hit.block.trusted_answer},
                   {"source_file", hit.block.source_file},
                   {"job", hit.job_id}});
  }
  return out;
}

// `blockify dataset search NAME QUERY [--top K] [--words] [--json]`.
void add_dataset_search_command(CLI::App& dataset, Context& ctx) {
  auto* search =
      dataset.add_subcommand("search", "The IdeaBlocks nearest to a question, by meaning (or by words)");
  auto name = std::make_shared<std::string>();
  auto query = std::make_shared<std::string>();
  auto top = std::make_shared<int>(10);
  auto words = std::make_shared<bool>(false);
  auto json = std::make_shared<bool>(false);
  search->add_option("NAME", *name, "Dataset")->required();
  search->add_option("QUERY", *query, "What to look for")->required();
  search->add_option("--top", *top, "How many blocks (default 10)")->check(CLI::Range(1, kMaxSearchTop));
  search->add_flag("--words", *words, "Search by words (FTS5) even when the dataset has vectors");
  search->add_flag("--json", *json, "Print a JSON list of {score, name, question, answer, source_file, ...}");
  search->callback([&ctx, name, query, top, words, json] {
    store::JobStore store(ctx.database());
    store::DatasetVectorCache cache(1);
    DatasetSearchResult result =
        search_dataset(store, cache, *name, *query, static_cast<size_t>(*top), !*words);
    if (!result.error.empty()) {
      bool missing = result.error.code == error_code::kFileNotFound;
      std::cerr << terminal_text(result.error.message) << " " << terminal_text(result.error.hint) << "\n";
      ctx.exit_code = missing ? 3 : 1;
      return;
    }
    if (!result.note.empty()) std::cerr << terminal_text(result.note) << "\n";
    if (*json) {
      std::cout << hits_json(result).dump(2) << "\n";
    } else {
      print_hits(result);
      if (result.hits.empty()) std::cout << "No IdeaBlock matches.\n";
    }
  });
}

// "vectors: nomic-embed-text (768 dimensions), 1200 of 1200 blocks", or what is wrong with them.
std::string vector_line(store::JobStore& store, const DatasetSummary& d) {
  store::DatasetVectors v = store.dataset_vectors(d.name);
  if (v.model.empty() && v.count == 0) return "no vectors";
  std::string line = v.model + " (" + std::to_string(v.dimensions) + " dimensions), " +
                     std::to_string(v.count) + " of " + std::to_string(d.blocks) + " blocks";
  if (v.stale)
    line += " — VECTORS STALE: embeddings.model changed; `blockify dataset reembed " + d.name +
            "` embeds it again";
  return line;
}

// `blockify dataset reembed NAME [--json]`: queues a Re-embed job.
void add_dataset_reembed_command(CLI::App& dataset, Context& ctx) {
  auto* reembed = dataset.add_subcommand(
      "reembed",
      "Queue a job that gives every IdeaBlock of a dataset a vector of the current embeddings.model");
  auto name = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  reembed->add_option("NAME", *name, "Dataset")->required();
  reembed->add_flag("--json", *json, "Print {\"job\": ID, \"message\": ...}");
  reembed->callback([&ctx, name, json] {
    CommandResult r = apply_command(ctx.database(), ReEmbedDataset{*name}, ctx.request_id());
    if (r.ok() && *json) {
      std::cout << nlohmann::json{{"job", r.job_id}, {"message", r.message}}.dump(2) << "\n";
      ctx.exit_code = 0;
      return;
    }
    ctx.exit_code = report(r);
  });
}

}  // namespace

void add_dataset_commands(CLI::App& app, Context& ctx) {
  auto* dataset = app.add_subcommand("dataset", "List, browse and export datasets");
  dataset->require_subcommand(1);

  dataset->add_subcommand("list", "Datasets with their block and job counts")->callback([&ctx] {
    auto store = open_for_reading(ctx.database());
    for (const auto& d : store->list_datasets())
      std::cout << std::left << std::setw(24) << terminal_text(d.name) << std::setw(10) << d.blocks
                << " blocks  " << d.jobs << " jobs  updated " << iso_time(d.updated_at)
                << "  vectors: " << terminal_text(vector_line(*store, d)) << "\n";
  });

  auto* show = dataset->add_subcommand("show", "Print a dataset's IdeaBlocks");
  auto name = std::make_shared<std::string>();
  auto search = std::make_shared<std::string>();
  auto limit = std::make_shared<int64_t>(20);
  show->add_option("NAME", *name, "Dataset")->required();
  show->add_option("--search", *search, "Only blocks whose name, answer or keywords contain this");
  show->add_option("--limit", *limit, "How many blocks (default 20)");
  show->callback([&ctx, name, search, limit] {
    auto store = open_for_reading(ctx.database());
    auto blocks = store->load_dataset_blocks(*name, *search, 0, *limit);
    const DatasetSummary* found = nullptr;
    auto datasets = store->list_datasets();
    for (const auto& d : datasets)
      if (d.name == *name) found = &d;
    if (!found) {
      ctx.exit_code = report({ResultCode::NotFound, "There is no dataset \"" + *name + "\".", 0});
      return;
    }
    // On stderr, so the Markdown on stdout stays what `export --format md` writes.
    std::cerr << "Vectors: " << terminal_text(vector_line(*store, *found)) << "\n";
    std::cout << terminal_text(render_blocks(blocks, *name, ExportFormat::Markdown), true);
  });

  add_dataset_search_command(*dataset, ctx);
  add_dataset_reembed_command(*dataset, ctx);

  auto* exp = dataset->add_subcommand("export", "Write a dataset to IdeaBlock XML, JSONL or Markdown");
  auto ename = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  exp->add_option("NAME", *ename, "Dataset")->required();
  const std::string formats = std::string(to_string(ExportFormat::Xml)) + ", " +
                              to_string(ExportFormat::Jsonl) + " or " + to_string(ExportFormat::Markdown);
  exp->add_option("--format", *format, formats)
      ->required()
      ->check(CLI::Validator(
          [formats](const std::string& text) {
            ExportFormat f = ExportFormat::Xml;
            if (parse_export_format(text, f)) return std::string();
            return "\"" + text + "\" is not an export format: use " + formats + ".";
          },
          "FORMAT"));
  exp->add_option("--out", *out, "Output file")->required();
  exp->callback([&ctx, ename, format, out] {
    auto store = open_for_reading(ctx.database());
    bool exists = false;
    for (const auto& d : store->list_datasets()) exists |= d.name == *ename;
    if (!exists) {
      ctx.exit_code = report({ResultCode::NotFound, "There is no dataset \"" + *ename + "\".", 0});
      return;
    }
    ExportFormat f = ExportFormat::Xml;
    parse_export_format(*format, f);
    ExportResult r = export_stream(
        [&](const ExportVisit& visit) { store->for_each_dataset_block_with_vector(*ename, visit); }, *ename,
        f, *out);
    if (!r.ok()) {
      std::cerr << terminal_text(r.error.message) << " " << terminal_text(r.error.hint) << "\n";
      ctx.exit_code = 1;
      return;
    }
    std::cout << "Exported " << r.blocks_written << " IdeaBlocks (" << r.bytes_written << " bytes) to "
              << terminal_text(r.written_to.string()) << "."
              << (r.note.empty() ? "" : " " + terminal_text(r.note)) << "\n";
  });
}

}  // namespace blockify::cli
