// `blockify settings list | set KEY VALUE | test`.
#include <iomanip>

#include "app/cli/cli_context.h"
#include "engine/core/settings.h"
#include "engine/pipeline/endpoint/endpoint.h"
#include "engine/store/job_store.h"

namespace blockify::cli {

void add_settings_commands(CLI::App& app, Context& ctx) {
  auto* s = app.add_subcommand("settings", "Endpoint and retry settings");
  s->require_subcommand(1);

  s->add_subcommand("list", "Every setting with its value")->callback([&ctx] {
    auto store = open_for_reading(ctx.database());
    for (const auto& info : settings::known_settings())
      std::cout << std::left << std::setw(24) << info.key << std::setw(28)
                << terminal_text(settings::get(*store, info.key)) << "  " << info.description << "\n";
    auto e = settings::endpoint_settings(*store);
    std::cout << std::left << std::setw(24) << "api key" << settings::masked_key(e.api_key) << "\n";
  });

  auto* set = s->add_subcommand("set", "Change a setting");
  auto key = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  set->add_option("KEY", *key)->required();
  set->add_option("VALUE", *value)->required();
  set->callback([&ctx, key, value] {
    // Through the engine that owns the database, like every other change.
    CommandResult r = apply_command(ctx.database(), SetSetting{*key, *value}, ctx.request_id());
    if (!r.ok()) {
      ctx.exit_code = report(r);
      return;
    }
    std::cout << terminal_text(*key) << " = " << terminal_text(*value) << "\n";
  });

  s->add_subcommand("test", "Send a sample text to the endpoint and show the reply")->callback([&ctx] {
    auto store = open_for_reading(ctx.database());
    auto e = settings::endpoint_settings(*store);
    EndpointReply r = blockify_via_endpoint(e, kEndpointTestText);
    std::cout << "Endpoint: " << terminal_text(e.url) << " (model " << terminal_text(e.ingest_model) << ")\n"
              << "Latency:  " << std::fixed << std::setprecision(2) << r.latency_s << " s\n";
    if (r.completion_tokens > 0 && r.latency_s > 0)
      std::cout << "Speed:    " << static_cast<double>(r.completion_tokens) / r.latency_s << " tokens/s\n";
    std::cout << "Raw reply:\n" << terminal_text(r.raw, true) << "\n";
    if (!r.error.empty()) {
      std::cerr << terminal_text(r.error.message) << " " << terminal_text(r.error.hint) << "\n";
      ctx.exit_code = 1;
      return;
    }
    std::cout << "Parsed " << r.blocks.size() << " IdeaBlocks:\n";
    for (const auto& b : r.blocks)
      std::cout << "  - " << terminal_text(b.name) << ": " << terminal_text(b.critical_question) << "\n";
  });
}

}  // namespace blockify::cli
