// Shared helpers of the panels: window placement, help markers, presets, composer -> params.
#include <cstdarg>

#include "layout.hpp"
#include "panels/panel.hpp"
#include "session/panel_float.hpp"
#include "session/presets.hpp"

namespace topdown::gui {

bool begin_panel(UiContext& ctx, const char* name, ImGuiWindowFlags extra_flags) {
    const std::string id = name + ctx.rects.suffix;  // side B of compare mode: "visible_b", ...
    const Placement pl = default_placement(ctx, id);
    const ImGuiCond cond = ctx.view.reset_layout ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(pl.pos, cond);
    ImGui::SetNextWindowSize(pl.size, cond);
    const std::string label = panel_label(id.c_str());
    // Tiled panels draw no background (the frame is cleared to their colour). Once a panel has been dragged
    // or resized out of its tile, panels overlap: then every panel draws an opaque one (decided from the
    // previous frame), or the text of one shows through another.
    const PanelSpec* spec = find_panel(id);
    const bool floating_dialog = spec && spec->dialog();
    if (spec && !spec->title_bar) extra_flags |= ImGuiWindowFlags_NoTitleBar;
    if (floating_dialog || ctx.frame.any_panel_floating) ImGui::SetNextWindowBgAlpha(1.0f);
    // Presentation mode: no title bars on the tiles (the space goes to the content).
    if (ctx.view.present && !floating_dialog) extra_flags |= ImGuiWindowFlags_NoTitleBar;
    const bool open = ImGui::Begin(label.c_str(), nullptr, ImGuiWindowFlags_NoCollapse | extra_flags);
    ctx.record_window(name);
    if (!floating_dialog) {
        const ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
        if (panel_floats(PanelRect{p.x, p.y, s.x, s.y}, PanelRect{pl.pos.x, pl.pos.y, pl.size.x, pl.size.y}))
            ctx.frame.panel_floating_now = true;
    }
    return open;
}

void help_marker(UiContext& ctx, const char* topic, const char* text) {
    ImGui::SameLine();
    ImGui::PushID(topic);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.25f, 0.30f, 0.40f, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetFontSize() * 0.35f, 0.0f));
    if (ImGui::SmallButton("?")) {
        ctx.view.show_guide = true;
        ctx.view.guide_topic = topic;
    }
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::PopID();
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
        ImGui::TextUnformatted(text);
        ImGui::TextDisabled("Click for the guide.");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void dim_text(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextV(fmt, args);
    ImGui::PopStyleColor();
    va_end(args);
}

void apply_preset(UiContext& ctx, const std::string& preset) {
    const ModelInfo* m = ctx.snap ? ctx.snap->model.get() : nullptr;
    ComposerState state;
    if (const DatasetPreset* d = find_dataset_preset(preset)) {
        state = d->state;
    } else if (const Preset* p = find_preset(preset)) {
        if (m && !preset_usable(*p, m->num_classes())) return;
        state = p->state;
    } else {
        return;
    }
    if (m && state.method <= 2 && (state.class_a >= m->num_classes() || state.class_b >= m->num_classes())) return;
    ctx.composer = state;  // every field: method, classes, k, T, seed, steps, ensemble
    ctx.composer_aids.active_preset = preset;
    ctx.send(cmd::Restart{composer_params(ctx.composer), true});
}

std::string preset_button_label(const UiContext& ctx, const std::string& preset) {
    const ModelInfo* m = ctx.snap ? ctx.snap->model.get() : nullptr;
    static const std::vector<std::string> none;
    const auto& names = m && m->model ? m->model->class_names : none;
    if (const DatasetPreset* d = find_dataset_preset(preset)) return dataset_preset_label(*d, names);
    const Preset* p = find_preset(preset);
    if (!p) return preset;
    return preset_label(*p, names);
}

}  // namespace topdown::gui
