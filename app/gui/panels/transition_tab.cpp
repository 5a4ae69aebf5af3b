// Transition matrix: live (C+1)x(C+1) heatmap of state transitions over the ensemble (or the focused
// chain), row-normalised, values printed when cells are large enough, row counts on the right.
#include <cstdio>
#include <string>

#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"
#include "session/tick_thinning.hpp"

namespace topdown::gui {

namespace {
constexpr const char* from_title = "from \xE2\x86\x93";  // "from ↓" over the row labels
constexpr const char* to_title = "to \xE2\x86\x92";      // "to →" over the column labels

// The heatmap's cells: row-normalised values (NaN for empty rows), their labels in percent, the row totals.
struct HeatmapCells {
    std::vector<float> values;
    std::vector<std::string> labels;
    std::vector<long long> row_total;
};

HeatmapCells heatmap_cells(const Eigen::MatrixXi& counts) {
    const int n = static_cast<int>(counts.rows());
    HeatmapCells h;
    h.values.assign(static_cast<std::size_t>(n * n), std::nanf(""));
    h.labels.resize(static_cast<std::size_t>(n * n));
    h.row_total.assign(static_cast<std::size_t>(n), 0);
    for (int r = 0; r < n; ++r) {
        long long t = 0;
        for (int c = 0; c < n; ++c) t += counts(r, c);
        h.row_total[static_cast<std::size_t>(r)] = t;
        for (int c = 0; c < n; ++c) {
            if (t == 0) continue;
            const float v = static_cast<float>(counts(r, c)) / static_cast<float>(t);
            h.values[static_cast<std::size_t>(r * n + c)] = v;
            if (v >= 0.005f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(v) * 100.0);
                h.labels[static_cast<std::size_t>(r * n + c)] = buf;
            }
        }
    }
    return h;
}

// Row and column labels in their state colours (thinned when the cells are narrower than the labels), the row
// totals right of the matrix and the axis titles; `p` is the tab's corner, [min, max) the matrix.
void draw_axis_labels(ImDrawList* d, ImVec2 p, ImVec2 min, ImVec2 max, float cell, int C,
                      const std::vector<long long>& row_total) {
    const float fh = ImGui::GetFontSize();
    const int n = C + 1;
    auto name = [&](int i) { return i < C ? std::to_string(i) : std::string("nc"); };
    std::vector<float> centers, widths, heights;
    for (int i = 0; i < n; ++i) {
        centers.push_back(cell * (static_cast<float>(i) + 0.5f));
        widths.push_back(ImGui::CalcTextSize(name(i).c_str()).x);
        heights.push_back(fh);
    }
    for (int i : thinned_tick_labels(centers, widths, fh * 0.3f)) {
        const std::string t = name(i);
        d->AddText(ImVec2(min.x + centers[static_cast<std::size_t>(i)] - widths[static_cast<std::size_t>(i)] * 0.5f, p.y + fh * 1.05f),
                   plot::to_imu32(plot::state_color(i, C)), t.c_str());
    }
    for (int i : thinned_tick_labels(centers, heights, 0.0f)) {
        const std::string t = name(i);
        const float y = min.y + centers[static_cast<std::size_t>(i)] - fh * 0.5f;
        d->AddText(ImVec2(min.x - fh * 0.3f - widths[static_cast<std::size_t>(i)], y), plot::to_imu32(plot::state_color(i, C)), t.c_str());
        const std::string rc = std::to_string(row_total[static_cast<std::size_t>(i)]);
        d->AddText(ImVec2(max.x + fh * 0.4f, y), IM_COL32(150, 155, 165, 255), rc.c_str());
    }
    d->AddText(ImVec2(min.x, p.y), plot::kPlotAxisText, to_title);            // columns: the next step's state
    d->AddText(ImVec2(p.x, p.y + fh * 1.05f), plot::kPlotAxisText, from_title);  // rows: this step's state
}

// The colour bar at x = bx (width bw) beside the matrix (top min_y, height side): 0 % at the bottom, 100 % at
// the top.
void draw_colorbar(UiContext& ctx, ImDrawList* d, float bx, float bw, float min_y, float side) {
    const float fh = ImGui::GetFontSize();
    const float max_y = min_y + side;
    const int steps = 32;
    for (int k = 0; k < steps; ++k) {
        const float t0 = static_cast<float>(k) / steps, t1 = static_cast<float>(k + 1) / steps;
        d->AddRectFilled(ImVec2(bx, max_y - side * t1), ImVec2(bx + bw, max_y - side * t0 + 1.0f),
                         plot::to_imu32(plot::colormap(plot::ColorMap::Viridis, 0.5f * (t0 + t1))));
    }
    d->AddRect(ImVec2(bx, min_y), ImVec2(bx + bw, max_y), plot::kPlotGrid);
    for (int pct : {0, 50, 100}) {
        const std::string t = std::to_string(pct) + "%";
        const float y = max_y - side * static_cast<float>(pct) / 100.0f - fh * 0.5f;
        d->AddText(ImVec2(bx + bw + fh * 0.3f, std::clamp(y, min_y - fh * 0.5f, max_y - fh * 0.5f)), plot::kPlotAxisText, t.c_str());
    }
    ctx.rects.record_item("transition_colorbar", Rect{bx, min_y, bw, side});
}
}  // namespace

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
    const HeatmapCells cells = heatmap_cells(counts);
    const std::vector<float>& values = cells.values;
    const std::vector<long long>& row_total = cells.row_total;
    const float fh = ImGui::GetFontSize();
    auto name = [&](int i) { return i < C ? std::to_string(i) : std::string("nc"); };
    float label_w = 0;
    for (int i = 0; i < n; ++i) label_w = std::max(label_w, ImGui::CalcTextSize(name(i).c_str()).x);
    const float left = std::max(label_w, ImGui::CalcTextSize(from_title).x) + fh * 0.5f;
    const float top = fh * 2.2f;
    float count_w = 0;
    for (int i = 0; i < n; ++i)
        count_w = std::max(count_w, ImGui::CalcTextSize(std::to_string(row_total[static_cast<std::size_t>(i)]).c_str()).x);
    const float bar_x_off = count_w + fh * 0.9f;  // the colour bar right of the row totals
    const float right = bar_x_off + fh * 0.9f + ImGui::CalcTextSize("100%").x + fh * 0.6f;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // At least 8 font sizes (the panel scrolls when it is smaller).
    const float side = std::floor(std::max(fh * 8.0f, std::min(avail.x - left - right, avail.y - top - fh * 0.3f)));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 min(p.x + left, p.y + top), max(min.x + side, min.y + side);
    ImGui::Dummy(ImVec2(left + side + right, top + side + fh * 0.3f));
    ImDrawList* d = ImGui::GetWindowDrawList();
    const float cell = side / static_cast<float>(n);
    draw_axis_labels(d, p, min, max, cell, C, row_total);
    const float bx = max.x + bar_x_off, bw = fh * 0.9f;
    draw_colorbar(ctx, d, bx, bw, min.y, side);
    // Titles: the row totals ("n", transitions counted from that state) and the bar (cells: % of their row).
    d->AddText(ImVec2(max.x + fh * 0.4f, p.y + fh * 1.05f), IM_COL32(150, 155, 165, 255), "n");
    d->AddText(ImVec2(bx, p.y + fh * 1.05f), plot::kPlotAxisText, "% of row");
    const int hovered = plot::draw_heatmap(d, min, max, n, n, values.data(), plot::ColorMap::Viridis, &cells.labels);
    ctx.rects.record_item("transition_heatmap", Rect{min.x, min.y, side, side});
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
