// Metrics: visited states and transitions of the ensemble chains (mean ± SEM), live; below them the attractor
// analysis of the ensemble (docs/METHODS.md §16.7): detailed balance and entropy production with bootstrap
// intervals, mixing (IAT, ESS, first passage) and the census table, computed in the background. Needs the classifier.
#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"

namespace topdown::gui {

namespace {

// Records the last item's rectangle clipped to what the window shows of it (the tables sit below the fold of a
// scrolled tab): nothing when it is scrolled out of view.
void record_shown_part(UiContext& ctx, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const ImVec2 lo = ImGui::GetWindowDrawList()->GetClipRectMin(), hi = ImGui::GetWindowDrawList()->GetClipRectMax();
    const float x0 = std::max(a.x, lo.x), y0 = std::max(a.y, lo.y), x1 = std::min(b.x, hi.x), y1 = std::min(b.y, hi.y);
    if (x1 > x0 && y1 > y0) ctx.rects.record_item(name, Rect{x0, y0, x1 - x0, y1 - y0});
}

// One "name | value" row.
void value_row(const char* name, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value.c_str());
}
std::string fmt3(const char* f, double a, double b = 0, double c = 0) {
    char buf[96];
    std::snprintf(buf, sizeof buf, f, a, b, c);
    return buf;
}

// Detailed balance / entropy production and mixing of the ensemble.
void draw_flux_and_mixing(UiContext& ctx, const AttractorSummary& a) {
    const FluxAnalysis& f = a.flux;
    if (ImGui::BeginTable("nonequilibrium", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("detailed balance");
        ImGui::TableSetupColumn("value [95% bootstrap CI]");
        ImGui::TableHeadersRow();
        value_row("entropy production (nats/step)", fmt3("%.3f [%.3f, %.3f]", f.entropy_production, a.intervals.entropy_production.lo,
                                                         a.intervals.entropy_production.hi));
        value_row("flux asymmetry", fmt3("%.3f [%.3f, %.3f]", f.asymmetry, a.intervals.asymmetry.lo, a.intervals.asymmetry.hi));
        value_row("Bowker chi2 (df), p", fmt3("%.2f (%.0f), p = %.3g", f.bowker_chi2, f.bowker_df, f.bowker_p));
        value_row("one-way pairs (left out of sigma)", fmt3("%.0f", f.one_way_pairs));
        if (!f.cycles.empty())
            value_row("strongest 3-cycle current", fmt3("%.0f-%.0f-%.0f", f.cycles[0].i, f.cycles[0].j, f.cycles[0].k) +
                                                       fmt3(": %.4f", f.cycles[0].current));
        ImGui::EndTable();
    }
    record_shown_part(ctx, "nonequilibrium_table");
    if (ImGui::BeginTable("mixing", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("mixing (per chain)");
        ImGui::TableSetupColumn("mean ± SEM");
        ImGui::TableHeadersRow();
        value_row("IAT, top-layer activity", fmt3("%.2f ± %.2f", a.tau_activity.mean, a.tau_activity.sem));
        value_row("ESS, top-layer activity", fmt3("%.1f ± %.1f", a.ess_activity.mean, a.ess_activity.sem));
        value_row("IAT, class label", fmt3("%.2f ± %.2f", a.tau_label.mean, a.tau_label.sem));
        value_row("ESS, class label", fmt3("%.1f ± %.1f", a.ess_label.mean, a.ess_label.sem));
        value_row("first passage (steps)", fmt3("%.2f ± %.2f", a.first_passage.mean, a.first_passage.sem) +
                                               fmt3(", %.0f of %.0f never changed", a.censored, a.chains));
        ImGui::EndTable();
    }
    record_shown_part(ctx, "mixing_table");
}

// The census table: one row per state with its runs, dwell, occupancy, returns and verdict counts.
void draw_census_table(UiContext& ctx, const LiveAttractorAnalysis& r, const ModelInfo& m) {
    const int C = m.num_classes();
    std::vector<std::array<int, 3>> verdicts(static_cast<std::size_t>(C) + 1, {0, 0, 0});
    for (const RunCensus& c : r.census)
        if (c.run.run.label >= 0 && c.run.run.label <= C)
            ++verdicts[static_cast<std::size_t>(c.run.run.label)][static_cast<std::size_t>(c.verdict)];
    const auto& a = r.summary;
    if (a.has_census)
        ImGui::Text("census: memorised %.2f, novel %.2f, spurious %.2f of the steps (thresholds %.2f / %.2f)", a.verdict[0].mean,
                    a.verdict[1].mean, a.verdict[2].mean, r.thresholds.memorised, r.thresholds.spurious);
    if (ImGui::BeginTable("census", 8, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        for (const char* h : {"state", "runs", "mean dwell", "occupancy", "returns", "memorised", "novel", "spurious"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (int k = 0; k <= C && k < static_cast<int>(a.dwell.size()); ++k) {
            const StateDwell& d = a.dwell[static_cast<std::size_t>(k)];
            if (d.runs == 0) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(k < C ? m.model->class_names[static_cast<std::size_t>(k)].c_str() : "non-class");
            ImGui::TableNextColumn();
            ImGui::Text("%d", d.runs);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f", d.mean_dwell);
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", d.occupancy);
            ImGui::TableNextColumn();
            ImGui::Text("%d", d.returns);
            for (int v = 0; v < 3; ++v) {
                ImGui::TableNextColumn();
                if (a.has_census)
                    ImGui::Text("%d", verdicts[static_cast<std::size_t>(k)][static_cast<std::size_t>(v)]);
                else
                    ImGui::TextUnformatted("-");
            }
        }
        ImGui::EndTable();
    }
    record_shown_part(ctx, "census_table");
}

// The attractor part of the tab (polls the background jobs).
void draw_attractor_metrics(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    AttractorView& av = ctx.attractors;
    av.poll(s.model, s.attractors, true);
    ImGui::Separator();
    ImGui::TextUnformatted("Attractors of the ensemble");
    help_marker(ctx, "attractors", "Detailed balance: is there a net flow between states (entropy production > 0)? "
                                   "Mixing: how many steps a chain needs to forget where it was (IAT) and how many "
                                   "independent samples it gave (ESS). Census: every run of one class matched to its "
                                   "nearest training image - memorised (a copy), novel, or spurious. See the guide.");
    if (!av.index_error.empty()) dim_text("census off: %s", av.index_error.c_str());
    else if (av.index_job.valid()) dim_text("indexing the training set for the census...");
    if (!av.result || !s.model) {
        dim_text("%s", av.job.valid() ? "analysing..." : "no analysis yet");
        return;
    }
    if (av.job.valid()) dim_text("updating (shown: step %d)", av.result_record ? av.result_record->steps : 0);
    draw_census_table(ctx, *av.result, *s.model);
    draw_flux_and_mixing(ctx, av.result->summary);
}
}  // namespace

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
    draw_attractor_metrics(ctx);
}

}  // namespace topdown::gui
