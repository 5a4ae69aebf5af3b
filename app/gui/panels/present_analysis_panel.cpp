// Presentation mode's analysis panel: one switchable view (energy / transition matrix / PCA) in place of the
// analysis tabs.
#include "panels/panel.hpp"

namespace topdown::gui {

void draw_present_analysis_panel(UiContext& ctx) {
    if (begin_panel(ctx, "analysis")) {
        if (ImGui::BeginTabBar("##present_views")) {
            const char* names[] = {"Energy", "Transition matrix", "PCA trajectory"};
            int shown = ctx.view.present_view;
            for (int i = 0; i < 3; ++i) {
                // The saved view is selected on the first frame; afterwards the user's clicks decide.
                const ImGuiTabItemFlags flags = ctx.view.analysis_tab == -2 - i ? ImGuiTabItemFlags_SetSelected : 0;
                if (ImGui::BeginTabItem(names[i], nullptr, flags)) {
                    shown = i;
                    if (i == 0) draw_energy_plots(ctx);
                    if (i == 1) draw_transition_tab(ctx);
                    if (i == 2) draw_pca_tab(ctx);
                    ImGui::EndTabItem();
                }
            }
            ctx.view.present_view = shown;
            ctx.view.analysis_tab = -1;
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
}

}  // namespace topdown::gui
