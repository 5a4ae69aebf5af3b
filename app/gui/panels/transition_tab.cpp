// Transition matrix: live (C+1)x(C+1) heatmap of state transitions over the ensemble (or the focused
// chain), row-normalised, values printed when cells are large enough, row counts on the right.
#include <cstdio>
#include <string>

#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"

namespace topdown::gui {

void draw_transition_tab(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    ImGui::Checkbox("focused chain only", &ctx.view.transitions_of_focused);
    help_marker(ctx, "transition", "Row = state at one step, column = state at the next step, over all chains "
                                   "of the ensemble since the restart. Each row sums to 1. A bright diagonal "
                                   "means states persist (attractors); off-diagonal cells are transitions.");
    // With ensemble size 0 the snapshot's transition_counts are already the focused chain's.
    const bool focused = ctx.view.transitions_of_focused || s.transitions_from_focused;
    const Eigen::MatrixXi& counts = focused ? s.focused_transition_counts : s.transition_counts;
    const bool no_data = s.analysis_gap == AnalysisGap::NoModel || s.analysis_gap == AnalysisGap::NoClassifier;
    if (no_data || counts.rows() == 0) {
        const std::string why =
            s.analysis_gap == AnalysisGap::NoModel
                ? std::string("no model loaded - open a model to see the transition matrix")
                : s.analysis_gap == AnalysisGap::NoClassifier
                      ? "no state classifier for this model - the transition matrix needs one (" + s.classifier_note + ")"
                      : std::string("no step yet - the transition matrix fills as the chains run");
        plot::placeholder(why.c_str(), ImGui::GetContentRegionAvail());
        ctx.record_item("transition_heatmap");
        return;
    }
    if (s.transitions_from_focused && !ctx.view.transitions_of_focused) {
        ImGui::SameLine();
        ImGui::TextDisabled("(ensemble size 0: focused chain)");
    }
    const int n = static_cast<int>(counts.rows());
    const int C = n - 1;
    std::vector<float> values(static_cast<std::size_t>(n * n), std::nanf(""));
    std::vector<std::string> labels(static_cast<std::size_t>(n * n));
    std::vector<long long> row_total(static_cast<std::size_t>(n), 0);
    for (int r = 0; r < n; ++r) {
        long long t = 0;
        for (int c = 0; c < n; ++c) t += counts(r, c);
        row_total[static_cast<std::size_t>(r)] = t;
        for (int c = 0; c < n; ++c) {
            if (t == 0) continue;
            const float v = static_cast<float>(counts(r, c)) / static_cast<float>(t);
            values[static_cast<std::size_t>(r * n + c)] = v;
            if (v >= 0.005f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(v) * 100.0);
                labels[static_cast<std::size_t>(r * n + c)] = buf;
            }
        }
    }
    const float fh = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side = std::max(40.0f, std::min(avail.x - fh * 6.0f, avail.y - fh * 1.6f));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 min(p.x + fh * 2.2f, p.y + fh * 1.3f), max(min.x + side, min.y + side);
    ImGui::Dummy(ImVec2(side + fh * 6.0f, side + fh * 1.6f));
    ImDrawList* d = ImGui::GetWindowDrawList();
    const float cell = side / static_cast<float>(n);
    auto name = [&](int i) { return i < C ? std::to_string(i) : std::string("nc"); };
    for (int i = 0; i < n; ++i) {
        const std::string t = name(i);
        const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
        d->AddText(ImVec2(min.x + cell * (static_cast<float>(i) + 0.5f) - ts.x * 0.5f, p.y), plot::kPlotAxisText, t.c_str());
        d->AddText(ImVec2(p.x, min.y + cell * (static_cast<float>(i) + 0.5f) - ts.y * 0.5f), plot::kPlotAxisText, t.c_str());
        const std::string rc = std::to_string(row_total[static_cast<std::size_t>(i)]);
        d->AddText(ImVec2(max.x + fh * 0.4f, min.y + cell * (static_cast<float>(i) + 0.5f) - ts.y * 0.5f),
                   IM_COL32(150, 155, 165, 255), rc.c_str());
    }
    const int hovered = plot::draw_heatmap(d, min, max, n, n, values.data(), plot::ColorMap::Viridis, &labels);
    ctx.item_rects["transition_heatmap"] = Rect{min.x, min.y, side, side};
    if (hovered >= 0) {
        const int r = hovered / n, c = hovered % n;
        ImGui::SetTooltip("from %s to %s: %d of %lld (%.1f%%)", name(r).c_str(), name(c).c_str(), counts(r, c),
                          row_total[static_cast<std::size_t>(r)],
                          std::isfinite(values[static_cast<std::size_t>(hovered)])
                              ? static_cast<double>(values[static_cast<std::size_t>(hovered)]) * 100.0
                              : 0.0);
    }
}

}  // namespace topdown::gui
