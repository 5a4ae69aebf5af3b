#include "layout.hpp"

#include "session/panel_layout.hpp"
#include "ui_context.hpp"

namespace topdown::gui {

Placement default_placement(const UiContext& ctx, const std::string& name) {
    const PanelRect r = panel_placement(name, layout_input(ctx));
    return {{r.x, r.y}, {r.w, r.h}};
}

LayoutInput layout_input(const UiContext& ctx) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    LayoutInput in;
    in.width = display.x;
    in.height = display.y;
    in.menu_height = ctx.view.present ? 0.0f : ctx.frame.menu_height;
    const ImGuiStyle& st = ImGui::GetStyle();
    const float one_row = ImGui::GetFrameHeight() + st.WindowPadding.y * 2.0f + 2.0f;
    in.transport_height = ctx.frame.transport_height > 0 ? ctx.frame.transport_height : one_row;
    in.font_size = ImGui::GetFontSize();
    in.present = ctx.view.present;
    in.timeline_height = ctx.frame.timeline_height;
    in.compare = ctx.compare.active;
    in.compare_bar_height = ctx.compare.bar_height;
    return in;
}

Placement default_placement(const std::string& name, ImVec2 display, float menu_height) {
    LayoutInput in;
    in.width = display.x;
    in.height = display.y;
    in.menu_height = menu_height;
    in.transport_height = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y * 2.0f + 2.0f;
    in.font_size = ImGui::GetFontSize();
    const PanelRect r = panel_placement(name, in);
    return {{r.x, r.y}, {r.w, r.h}};
}

}  // namespace topdown::gui
