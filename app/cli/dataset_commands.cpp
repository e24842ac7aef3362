// `blockify dataset list | show NAME | export NAME --format xml|jsonl|md --out PATH`.
#include <iomanip>

#include "app/cli/cli_context.h"
#include "app/cli/terminal_text.h"
#include "engine/domain/job_json.h"
#include "engine/pipeline/export.h"
#include "engine/store/job_store.h"

namespace blockify::cli {

void add_dataset_commands(CLI::App& app, Context& ctx) {
  auto* dataset = app.add_subcommand("dataset", "List, browse and export datasets");
  dataset->require_subcommand(1);

  dataset->add_subcommand("list", "Datasets with their block and job counts")->callback([&ctx] {
    auto reader = open_for_reading(ctx.database()); auto& store = *reader;
    for (const auto& d : store.list_datasets())
      std::cout << std::left << std::setw(24) << terminal_text(d.name) << std::setw(10) << d.blocks << " blocks  " << d.jobs
                << " jobs  updated " << iso_time(d.updated_at) << "\n";
  });

  auto* show = dataset->add_subcommand("show", "Print a dataset's IdeaBlocks");
  auto name = std::make_shared<std::string>();
  auto search = std::make_shared<std::string>();
  auto limit = std::make_shared<int64_t>(20);
  show->add_option("NAME", *name, "Dataset")->required();
  show->add_option("--search", *search, "Only blocks whose name, answer or keywords contain this");
  show->add_option("--limit", *limit, "How many blocks (default 20)");
  show->callback([&ctx, name, search, limit] {
    auto reader = open_for_reading(ctx.database()); auto& store = *reader;
    auto blocks = store.load_dataset_blocks(*name, *search, 0, *limit);
    if (blocks.empty()) {
      bool exists = false;
      for (const auto& d : store.list_datasets()) exists |= d.name == *name;
      if (!exists) {
        ctx.exit_code = report({ResultCode::NotFound, "There is no dataset \"" + *name + "\".", 0});
        return;
      }
    }
    std::cout << terminal_text(render_blocks(blocks, *name, ExportFormat::Markdown), true);
  });

  auto* exp = dataset->add_subcommand("export", "Write a dataset to IdeaBlock XML, JSONL or Markdown");
  auto ename = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  exp->add_option("NAME", *ename, "Dataset")->required();
  exp->add_option("--format", *format, "xml, jsonl or md")->required()->check(CLI::IsMember({"xml", "jsonl", "md", "markdown"}));
  exp->add_option("--out", *out, "Output file")->required();
  exp->callback([&ctx, ename, format, out] {
    auto reader = open_for_reading(ctx.database()); auto& store = *reader;
    bool exists = false;
    for (const auto& d : store.list_datasets()) exists |= d.name == *ename;
    if (!exists) {
      ctx.exit_code = report({ResultCode::NotFound, "There is no dataset \"" + *ename + "\".", 0});
      return;
    }
    ExportFormat f = ExportFormat::Xml;
    parse_export_format(*format, f);
    auto blocks = store.load_dataset_blocks(*ename);
    ExportResult r = export_blocks(blocks, *ename, f, *out);
    if (!r.ok()) {
      std::cerr << terminal_text(r.error.message) << " " << terminal_text(r.error.hint) << "\n";
      ctx.exit_code = 1;
      return;
    }
    std::cout << "Exported " << r.blocks_written << " IdeaBlocks (" << r.bytes_written << " bytes) to "
              << terminal_text(r.written_to.string()) << "." << (r.note.empty() ? "" : " " + terminal_text(r.note)) << "\n";
  });
}

}  // namespace blockify::cli
