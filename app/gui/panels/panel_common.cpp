// Shared helpers of the panels: window placement, help markers, presets, composer -> params.
#include <cstdarg>

#include "layout.hpp"
#include "panels/panel.hpp"

namespace topdown::gui {

SessionParams composer_params(const ComposerState& c) {
    SessionParams p;
    p.bias.method = static_cast<BiasMethod>(std::clamp(c.method, 0, 4));
    p.bias.class_a = c.class_a;
    p.bias.class_b = c.class_b;
    p.bias.k = c.k;
    p.temperature = c.temperature;
    p.seed = static_cast<std::uint64_t>(c.seed < 0 ? 0 : c.seed);
    p.steps = c.steps;
    p.ensemble_size = c.ensemble_size;
    p.sample_index = c.sample_index;
    return p;
}

bool begin_panel(UiContext& ctx, const char* name, const char* title, ImGuiWindowFlags extra_flags) {
    const Placement pl = default_placement(name, ImGui::GetIO().DisplaySize, ctx.menu_height);
    const ImGuiCond cond = ctx.view.reset_layout ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(pl.pos, cond);
    ImGui::SetNextWindowSize(pl.size, cond);
    const std::string label = std::string(title) + "###" + name;
    if (std::string(name) == "export" || std::string(name) == "guide") ImGui::SetNextWindowBgAlpha(1.0f);  // floating
    const bool open = ImGui::Begin(label.c_str(), nullptr, ImGuiWindowFlags_NoCollapse | extra_flags);
    ctx.record_window(name);
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
    ComposerState& c = ctx.composer;
    if (preset == "intersection-2-9") {
        c.method = static_cast<int>(BiasMethod::Intersection);
        c.class_a = 2, c.class_b = 9;
    } else if (preset == "double-0-3") {
        c.method = static_cast<int>(BiasMethod::DoubleLabel);
        c.class_a = 0, c.class_b = 3;
    } else if (preset == "label-8") {
        c.method = static_cast<int>(BiasMethod::Label);
        c.class_a = 8;
    } else {
        return;
    }
    c.k = 0;
    ctx.send(cmd::Restart{composer_params(c), true});
}

}  // namespace topdown::gui
