// The analysis window: tabs for the transition matrix, the PCA trajectory and the ensemble metrics.
#include "panels/panel.hpp"

namespace topdown::gui {

void draw_analysis_panel(UiContext& ctx) {
    if (begin_panel(ctx, "analysis")) {
        if (ImGui::BeginTabBar("##analysis_tabs", ImGuiTabBarFlags_FittingPolicyScroll)) {
            const char* names[] = {"Transition matrix", "PCA trajectory", "Metrics", "Energy"};
            // The compact layout (small window or large zoom) has no energy panel: its plots are a tab here.
            for (int i = 0; i < (ctx.frame.compact ? 4 : 3); ++i) {
                const ImGuiTabItemFlags flags = ctx.view.analysis_tab == i ? ImGuiTabItemFlags_SetSelected : 0;
                if (ImGui::BeginTabItem(names[i], nullptr, flags)) {
                    if (i == 0) draw_transition_tab(ctx);
                    if (i == 1) draw_pca_tab(ctx);
                    if (i == 2) draw_metrics_tab(ctx);
                    if (i == 3) draw_energy_plots(ctx);
                    ImGui::EndTabItem();
                }
            }
            ctx.view.analysis_tab = -1;  // a request is applied once; the user picks tabs afterwards
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
}

}  // namespace topdown::gui
