#include "app/gui/theme.h"

#include "engine/domain/enum_names.h"

namespace blockify::gui {
namespace {

// The badge colours of PRODUCT.md: Pending yellow, Processing blue, Completed green,
// Failed red, Cancelled grey; Cancelling orange on its way to grey.
const EnumValue<JobStatus, ImVec4> kStatusColors[] = {{JobStatus::Pending, {0.95f, 0.78f, 0.22f, 1.0f}},
                                                      {JobStatus::Processing, {0.29f, 0.56f, 0.98f, 1.0f}},
                                                      {JobStatus::Cancelling, {0.98f, 0.56f, 0.18f, 1.0f}},
                                                      {JobStatus::Completed, {0.33f, 0.76f, 0.42f, 1.0f}},
                                                      {JobStatus::Failed, {0.92f, 0.32f, 0.32f, 1.0f}},
                                                      {JobStatus::Cancelled, {0.56f, 0.57f, 0.60f, 1.0f}}};

// The timeline's segments, one colour a stage.
const EnumValue<Stage, ImVec4> kStageColors[] = {
    {Stage::Extract, {0.27f, 0.70f, 0.75f, 1.0f}},  {Stage::Chunk, {0.55f, 0.48f, 0.90f, 1.0f}},
    {Stage::Blockify, {0.29f, 0.56f, 0.98f, 1.0f}}, {Stage::Embed, {0.95f, 0.68f, 0.25f, 1.0f}},
    {Stage::Distill, {0.80f, 0.50f, 0.85f, 1.0f}},  {Stage::Export, {0.33f, 0.76f, 0.42f, 1.0f}}};

}  // namespace

void apply_theme(float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 4;
  style.FrameRounding = 4;
  style.PopupRounding = 4;
  style.GrabRounding = 4;
  style.TabRounding = 4;
  style.ChildRounding = 4;
  style.ScrollbarRounding = 6;
  style.WindowPadding = {10, 10};
  style.FramePadding = {8, 4};
  style.ItemSpacing = {8, 6};
  style.CellPadding = {6, 4};
  style.WindowBorderSize = 0;

  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = {0.11f, 0.12f, 0.14f, 1.0f};
  c[ImGuiCol_ChildBg] = {0.11f, 0.12f, 0.14f, 1.0f};
  c[ImGuiCol_PopupBg] = {0.14f, 0.15f, 0.18f, 0.98f};
  c[ImGuiCol_FrameBg] = {0.18f, 0.19f, 0.23f, 1.0f};
  c[ImGuiCol_FrameBgHovered] = {0.23f, 0.25f, 0.30f, 1.0f};
  c[ImGuiCol_FrameBgActive] = {0.26f, 0.29f, 0.36f, 1.0f};
  c[ImGuiCol_Button] = {0.22f, 0.27f, 0.36f, 1.0f};
  c[ImGuiCol_ButtonHovered] = {0.28f, 0.36f, 0.50f, 1.0f};
  c[ImGuiCol_ButtonActive] = {0.32f, 0.42f, 0.60f, 1.0f};
  c[ImGuiCol_Header] = {0.22f, 0.30f, 0.45f, 0.70f};
  c[ImGuiCol_HeaderHovered] = {0.25f, 0.33f, 0.48f, 0.55f};
  c[ImGuiCol_HeaderActive] = {0.28f, 0.38f, 0.55f, 0.80f};
  c[ImGuiCol_TableHeaderBg] = {0.15f, 0.16f, 0.19f, 1.0f};
  c[ImGuiCol_TableRowBgAlt] = {1.0f, 1.0f, 1.0f, 0.025f};
  c[ImGuiCol_Tab] = {0.16f, 0.18f, 0.22f, 1.0f};
  c[ImGuiCol_TabHovered] = {0.28f, 0.36f, 0.50f, 1.0f};
  c[ImGuiCol_TabActive] = {0.24f, 0.31f, 0.44f, 1.0f};
  c[ImGuiCol_PlotHistogram] = status_color(JobStatus::Processing);
  c[ImGuiCol_Separator] = {0.22f, 0.23f, 0.27f, 1.0f};
  c[ImGuiCol_ModalWindowDimBg] = {0.0f, 0.0f, 0.0f, 0.55f};

  style.ScaleAllSizes(scale);
}

ImVec4 status_color(JobStatus status) { return value_of(kStatusColors, status, ImVec4{1, 1, 1, 1}); }

ImVec4 stage_color(Stage stage) { return value_of(kStageColors, stage, ImVec4{0.5f, 0.5f, 0.5f, 1.0f}); }

Fonts& fonts() {
  static Fonts loaded;
  return loaded;
}

bool primary_button(const char* label) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{0.18f, 0.42f, 0.78f, 1.0f});
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4{0.24f, 0.52f, 0.92f, 1.0f});
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4{0.16f, 0.36f, 0.68f, 1.0f});
  bool clicked = ImGui::Button(label);
  ImGui::PopStyleColor(3);
  return clicked;
}

void spinner(double time_s) {
  float size = ImGui::GetTextLineHeight();
  ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy({size, size});
  ImVec2 centre{at.x + size / 2, at.y + size / 2};
  float radius = size * 0.38f;
  auto start = static_cast<float>(time_s * 6.0);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PathArcTo(centre, radius, start, start + 4.4f, 24);
  draw->PathStroke(ImGui::GetColorU32(status_color(JobStatus::Processing)), 0, size * 0.14f);
}

void same_line_if_fits(float width) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

bool begin_modal(const char* name, bool& open, bool& opened, ImVec2 share) {
  if (open && !opened) {
    ImGui::OpenPopup(name);
    opened = true;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  ImGui::SetNextWindowSize({viewport->WorkSize.x * share.x, viewport->WorkSize.y * share.y},
                           ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_NoSavedSettings)) return true;
  open = false;
  return false;
}

void table_columns(std::initializer_list<TableColumn> columns) {
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const TableColumn& c : columns) {
    if (c.width > 0) {
      ImGui::TableSetupColumn(c.name, ImGuiTableColumnFlags_WidthFixed, c.width);
    } else {
      ImGui::TableSetupColumn(c.name, ImGuiTableColumnFlags_WidthStretch);
    }
  }
  ImGui::TableHeadersRow();
}

void colored_text(const ImVec4& color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void colored_text_wrapped(const ImVec4& color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

}  // namespace blockify::gui
