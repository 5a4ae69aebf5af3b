// Metrics: visited states and transitions of the ensemble chains (mean ± SEM), live. Needs the classifier.
#include <string>

#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"

namespace topdown::gui {

void draw_metrics_tab(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    help_marker(ctx, "metrics", "Visited states: how many different digits (or the non-digit state) a chain "
                                "went through. Transitions: how often it changed state. Averaged over the "
                                "ensemble, with the standard error.");
    if (s.analysis_gap != AnalysisGap::None || !s.metrics.available) {
        std::string why;
        switch (s.analysis_gap) {
            case AnalysisGap::NoModel: why = "no model loaded - open a model to see the metrics"; break;
            case AnalysisGap::NoClassifier:
                why = "no state classifier for this model - metrics need one (" + s.classifier_note + ")";
                break;
            case AnalysisGap::NoEnsemble:
                why = "ensemble size 0 - the metrics are over the ensemble chains: set an ensemble size above 0";
                break;
            case AnalysisGap::None: why = "no step yet - the metrics appear after the first step"; break;
        }
        plot::placeholder(why.c_str(), ImGui::GetContentRegionAvail());
        return;
    }
    if (ImGui::BeginTable("metrics", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("metric");
        ImGui::TableSetupColumn("mean");
        ImGui::TableSetupColumn("SEM");
        ImGui::TableHeadersRow();
        auto row = [](const char* name, double mean, double sem) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(name);
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", mean);
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", sem);
        };
        row("visited states", s.metrics.visited_mean, s.metrics.visited_sem);
        row("transitions", s.metrics.transitions_mean, s.metrics.transitions_sem);
        ImGui::EndTable();
    }
    ImGui::Text("ensemble: %d chains, step %d", s.ensemble_size, s.newest_step);
}

}  // namespace topdown::gui
