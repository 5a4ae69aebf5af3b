// Metrics: visited states and transitions of the ensemble chains (mean ± SEM), live. Needs the classifier.
#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"

namespace topdown::gui {

void draw_metrics_tab(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    help_marker(ctx, "metrics", "Visited states: how many different digits (or the non-digit state) a chain "
                                "went through. Transitions: how often it changed state. Averaged over the "
                                "ensemble, with the standard error.");
    if (!s.classifier_loaded || !s.metrics.available) {
        plot::placeholder("classifier not loaded - metrics need the state classifier", ImGui::GetContentRegionAvail());
        return;
    }
    if (ImGui::BeginTable("metrics", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("metric");
        ImGui::TableSetupColumn("mean");
        ImGui::TableSetupColumn("SEM");
        ImGui::TableHeadersRow();
        auto row = [](const char* name, float mean, float sem) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(name);
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", static_cast<double>(mean));
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", static_cast<double>(sem));
        };
        row("visited states", s.metrics.visited_mean, s.metrics.visited_sem);
        row("transitions", s.metrics.transitions_mean, s.metrics.transitions_sem);
        ImGui::EndTable();
    }
    ImGui::Text("ensemble: %d chains, step %d", s.ensemble_size, s.newest_step);
}

}  // namespace topdown::gui
