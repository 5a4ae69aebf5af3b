// Compare mode's bar (issue 16 item 1): for each side its model, biasing method and classes, its step; and
// Restart both, Swap A and B, Same settings on both, Leave. The transport above it drives both sides.
#include <cmath>
#include <filesystem>

#include "compare_mode.hpp"
#include "generate/biasing.hpp"
#include "panels/panel.hpp"

namespace topdown::gui {

namespace {
// The model picker of one side: the model folders' files (loads the pick at once, keeping the side's
// composer) or, before they are scanned, the side's own model.
void model_combo(UiContext& ctx, bool side_b, const Snapshot& s) {
    namespace fs = std::filesystem;
    const std::string shown = s.model ? fs::path(s.model->path).filename().string() : std::string("no model");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    if (!ImGui::BeginCombo("##model", shown.c_str())) return;
    for (const std::string& path : ctx.models.files) {
        const std::string name = fs::path(path).filename().string();
        if (!ImGui::Selectable(name.c_str(), s.model && s.model->path == path)) continue;
        if (side_b) {
            ctx.compare.model_path = path;
            ctx.compare.worker->send(cmd::LoadModel{path, composer_params(ctx.compare.composer)});
        } else {
            ctx.models.current_path = path;
            ctx.send(cmd::LoadModel{path, composer_params(ctx.composer)});
        }
    }
    ImGui::EndCombo();
}

// A class picker (index and name) for the side's model.
void class_pick(const char* id, int& value, const ModelInfo& m) {
    const int C = m.num_classes();
    value = std::clamp(value, 0, std::max(0, C - 1));
    const std::string cur = C > 0 ? m.model->class_names[static_cast<std::size_t>(value)] : "?";
    ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 8.0f, ImGui::CalcTextSize(cur.c_str()).x + ImGui::GetFontSize() * 2.5f));
    if (!ImGui::BeginCombo(id, cur.c_str())) return;
    for (int i = 0; i < C; ++i)
        if (ImGui::Selectable(m.model->class_names[static_cast<std::size_t>(i)].c_str(), value == i)) value = i;
    ImGui::EndCombo();
}

// One side's row: its letter, model, method, classes and step.
void side_row(UiContext& ctx, bool side_b) {
    const Snapshot& s = side_b ? *ctx.compare.snap : *ctx.snap;
    ComposerState& c = side_b ? ctx.compare.composer : ctx.composer;
    const float fh = ImGui::GetFontSize();
    ImGui::PushID(side_b ? "side_b" : "side_a");
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1), "%s", side_b ? "B" : "A");
    ImGui::SameLine();
    model_combo(ctx, side_b, s);
    ImGui::SameLine();
    const std::vector<BiasMethodTraits>& table = bias_method_table();
    c.method = std::clamp(c.method, 0, static_cast<int>(table.size()) - 1);
    ImGui::SetNextItemWidth(fh * 10.0f);
    if (ImGui::BeginCombo("##method", method_label(table[static_cast<std::size_t>(c.method)]))) {
        for (std::size_t i = 0; i < table.size(); ++i)
            if (ImGui::Selectable(method_label(table[i]), c.method == static_cast<int>(i))) c.method = static_cast<int>(i);
        ImGui::EndCombo();
    }
    const BiasMethodTraits& t = table[static_cast<std::size_t>(c.method)];
    if (s.model && t.uses_classes) {
        ImGui::SameLine();
        class_pick("##class_a", c.class_a, *s.model);
        if (t.is_pair) {
            ImGui::SameLine();
            class_pick("##class_b", c.class_b, *s.model);
        }
    }
    ImGui::SameLine(0, fh);
    if (s.loading) dim_text("loading ...");
    else if (!s.model && !s.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1), "%s", s.error.c_str());
    else dim_text("step %d  seed %llu", s.step, static_cast<unsigned long long>(s.params.seed));
    ImGui::PopID();
}

// Restart both, Swap, Same settings on both, Leave: on the rows' right where they fit.
void compare_buttons(UiContext& ctx) {
    const float fh = ImGui::GetFontSize();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    bool first = true;
    auto button = [&](const char* text) {
        const float w = ImGui::CalcTextSize(text, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
        if (ImGui::GetItemRectMax().x + (first ? fh * 1.5f : ImGui::GetStyle().ItemSpacing.x) + w <= right)
            ImGui::SameLine(0, first ? fh * 1.5f : -1.0f);
        first = false;
        return ImGui::Button(text);
    };
    if (button("Restart both")) restart_both(ctx);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Both sides from step 0 with the settings shown");
    if (button("Swap A / B")) swap_sides(ctx);
    ctx.record_item("compare_swap");
    if (button("Same settings on both")) same_settings_on_both(ctx);
    ctx.record_item("compare_same_settings");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Side B takes side A's method, classes, k, T, seed and ensemble");
    if (button("Leave compare")) leave_compare(ctx);
}
}  // namespace

void draw_compare_panel(UiContext& ctx) {
    if (!ctx.compare.worker || !ctx.compare.snap) return;
    if (begin_panel(ctx, "compare", ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoResize)) {
        side_row(ctx, false);
        compare_buttons(ctx);
        side_row(ctx, true);
        // The bar is as tall as its rows: the panels below are tiled again when that changes.
        const float needed = std::ceil(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y +
                                       ImGui::GetStyle().WindowPadding.y + 2.0f);
        if (std::fabs(needed - ctx.compare.bar_height) > 0.5f) {
            ctx.compare.bar_height = needed;
            ctx.frame.relayout = true;
        }
    }
    ImGui::End();
}

}  // namespace topdown::gui
