// The Settings view: only changed values are saved, the API key is typed blind and shown
// only masked, and "Test model" shows the reply, its speed and the blocks it parsed.
#include "app/gui/settings_view.h"

#include <imgui.h>

#include "tests/app/view_host.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

std::shared_ptr<SettingsView> settings_with(const std::string& url, const std::string& masked = "(not set)") {
  auto v = std::make_shared<SettingsView>();
  v->values = {{"endpoint.url", url},
               {"endpoint.ingest_model", "blockify-ingest"},
               {"endpoint.timeout_s", "120"},
               {"endpoint.parallel", "4"},
               {"retry.auto_attempts", "3"}};
  v->api_key_masked = masked;
  return v;
}

struct SettingsFixture : ViewHost {
  SettingsViewState settings;

  SettingsFixture() { snap->settings = settings_with("http://127.0.0.1:8080/v1"); }
  void draw_view(ViewContext& ctx) override { draw_settings_view(ctx, settings); }
};

}  // namespace

TEST_CASE("the published values fill the form with readable labels") {
  SettingsFixture f;
  f.frame();
  CHECK(f.ui.rects.text("setting/endpoint.url") == "http://127.0.0.1:8080/v1");
  CHECK(f.ui.rects.text("setting/retry.auto_attempts") == "3");
  CHECK(setting_label("endpoint.parallel") == "Parallel requests");
  CHECK(setting_label("some.future_key") == "some.future_key");
  CHECK(f.ui.rects.text("settings-save") == "Save");
  f.click("settings-save");  // nothing changed: disabled
  CHECK(f.sink.commands.empty());
}

TEST_CASE("Save posts one SetSetting per changed value only") {
  SettingsFixture f;
  f.frame();
  change_settings_and_save(f, {{"endpoint.parallel", "16"}, {"endpoint.url", "http://10.0.0.5:8000/v1"}},
                           "Save 2 changes");
  CHECK(posted_settings(f.sink) ==
        "endpoint.url = http://10.0.0.5:8000/v1\n"
        "endpoint.parallel = 16\n");
}

TEST_CASE("a newly published value replaces an untouched field but not one being edited") {
  SettingsFixture f;
  f.frame();
  f.retype("setting/endpoint.parallel", "8");
  auto next = settings_with("http://127.0.0.1:9000/v1");
  next->values[3].second = "6";
  f.snap->settings = next;
  f.frame();
  CHECK(f.ui.rects.text("setting/endpoint.url") == "http://127.0.0.1:9000/v1");
  CHECK(f.ui.rects.text("setting/endpoint.parallel") == "8");
}

TEST_CASE("the API key is typed blind, posted with Save key, and afterwards only its mask shows") {
  SettingsFixture f;
  f.frame();
  CHECK(f.ui.rects.text("api-key-masked") == "(not set)");
  f.click("api-key");
  f.ui.type("sk-secret-9876", f.drawer());
  CHECK(f.settings.api_key == "sk-secret-9876");
  f.click("save-key");
  auto saved = f.sink.only<SaveApiKey>();
  CHECK(saved.key == "sk-secret-9876");
  CHECK(f.settings.api_key.empty());
  f.snap->settings = settings_with("http://127.0.0.1:8080/v1", "…9876");
  f.frame();
  CHECK(f.ui.rects.text("api-key-masked") == "…9876");
  for (const auto& [name, rect] : f.ui.rects.all())
    CHECK(f.ui.rects.text(name).find("sk-secret") == std::string::npos);
}

TEST_CASE("Test model posts TestEndpoint, waits, then shows speed, blocks and the raw reply") {
  SettingsFixture f;
  f.frame();
  f.click("test-model");
  REQUIRE(f.sink.all<TestEndpoint>().size() == 1);
  auto running = std::make_shared<EndpointTestView>();
  running->running = true;
  running->url = "http://127.0.0.1:8080/v1";
  running->model = "blockify-ingest";
  f.snap->endpoint_test = running;
  f.frame();
  CHECK(f.ui.rects.text("test-status") == "Waiting for blockify-ingest at http://127.0.0.1:8080/v1…");
  CHECK(f.state.animating);
  f.click("test-model");  // disabled while waiting
  CHECK(f.sink.all<TestEndpoint>().size() == 1);

  auto done = std::make_shared<EndpointTestView>(*running);
  done->running = false;
  done->latency_s = 1.25;
  done->tokens_per_s = 41.6;
  done->raw = "<ideablock><name>Retry Policy</name></ideablock>";
  IdeaBlock b;
  b.name = "Retry Policy";
  b.critical_question = "What happens when a job is retried?";
  done->blocks = {b};
  f.snap->endpoint_test = done;
  f.frame();
  CHECK(f.ui.rects.text("test-summary") ==
        "blockify-ingest replied in 1.25 s · 42 tokens/s · 1 IdeaBlocks parsed");
  CHECK(f.ui.rects.text("test-block/0") == "Retry Policy — What happens when a job is retried?");
  CHECK(f.ui.rects.text("test-raw") == done->raw);
}

TEST_CASE("a failed model test shows the sentence and the hint") {
  SettingsFixture f;
  auto failed = std::make_shared<EndpointTestView>();
  failed->url = "http://127.0.0.1:8080/v1";
  failed->model = "blockify-ingest";
  failed->error = {"AUTH", "The server at http://127.0.0.1:8080/v1 refused the API key (HTTP 401).",
                   "Check the API key in Settings."};
  f.snap->endpoint_test = failed;
  f.frame();
  CHECK(f.ui.rects.text("test-error") == failed->error.message);
  CHECK(f.ui.rects.text("test-hint") == "Check the API key in Settings.");
  CHECK_FALSE(f.ui.rects.has("test-summary"));
}

}  // namespace blockify::test
