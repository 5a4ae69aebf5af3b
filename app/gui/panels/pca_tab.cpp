// PCA trajectory (docs/METHODS.md §11.4): the label-biasing reference trajectories of every class, faint and labelled;
// the focused chain and the ensemble mean bright, with time as colour saturation and a dark halo on the
// focused chain's non-class steps. The basis is the model's stored one or, for a model without one, a basis
// fitted on the reference trajectories when the model was loaded (in the loader thread).
#include <cmath>

#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"

namespace topdown::gui {

namespace {
constexpr ImU32 kFocused = IM_COL32(90, 200, 255, 255);
constexpr ImU32 kEnsemble = IM_COL32(255, 160, 60, 255);

// `base` with its alpha scaled by t in [0, 1] (older points fainter).
ImU32 faded(ImU32 base, float t) {
    const int a = static_cast<int>(40.0f + 215.0f * std::clamp(t, 0.0f, 1.0f));
    return (base & 0x00FFFFFFu) | (static_cast<ImU32>(a) << IM_COL32_A_SHIFT);
}

// Reference trajectories: faint lines in each class's colour, labelled at their end point.
void draw_pca_references(plot::PlotArea& a, const ModelInfo& m) {
    const int C = m.num_classes();
    for (std::size_t c = 0; c < m.pca_reference.size(); ++c) {
        const auto& traj = m.pca_reference[c];
        if (traj.empty()) continue;
        std::vector<double> xs;
        std::vector<float> ys;
        for (const auto& pt : traj) xs.push_back(pt.x), ys.push_back(pt.y);
        const ImU32 col = plot::to_imu32(plot::state_color(static_cast<int>(c), C), 90);
        plot::plot_line(a, xs.data(), ys.data(), xs.size(), col, 1.0f);  // faint and thin: the chains stand out
        const ImVec2 end = a.at(xs.back(), ys.back());
        a.draw->AddCircleFilled(end, 3.5f, plot::to_imu32(plot::state_color(static_cast<int>(c), C), 200));
        const std::string& name = m.model->class_names[c];
        a.draw->AddText(ImVec2(end.x + 5, end.y - ImGui::GetFontSize() * 0.5f),
                        plot::to_imu32(plot::state_color(static_cast<int>(c), C), 230), name.c_str());
    }
}

// The ensemble mean's trajectory, its newest point marked.
void draw_pca_ensemble_mean(plot::PlotArea& a, const Snapshot& s) {
    if (!s.pca_ensemble_mean.empty()) {
        std::vector<double> ex;
        std::vector<float> ey;
        for (const auto& pt : s.pca_ensemble_mean) ex.push_back(pt.x), ey.push_back(pt.y);
        plot::plot_line(a, ex.data(), ey.data(), ex.size(), faded(kEnsemble, 0.8f), 2.0f);
        a.draw->AddCircleFilled(a.at(ex.back(), ey.back()), 4.0f, kEnsemble);
    }
}

// The focused chain: time as saturation, non-class steps with a dark halo, a tooltip on the nearest point.
void draw_pca_focused(plot::PlotArea& a, const Snapshot& s, const ModelInfo& m) {
    const int C = m.num_classes();
    if (!s.pca_trajectory.empty()) {
        std::vector<double> xs;
        std::vector<float> ys;
        for (const auto& pt : s.pca_trajectory) xs.push_back(pt.x), ys.push_back(pt.y);
        plot::plot_line(a, xs.data(), ys.data(), xs.size(), faded(kFocused, 0.35f), 1.5f);
        const float n = static_cast<float>(xs.size());
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const ImVec2 p = a.at(xs[i], ys[i]);
            const float t = static_cast<float>(i + 1) / n;
            if (s.pca_trajectory[i].state == C) a.draw->AddCircleFilled(p, 6.5f, IM_COL32(0, 0, 0, 170));
            a.draw->AddCircleFilled(p, 3.0f, faded(kFocused, t));
        }
        a.draw->AddCircle(a.at(xs.back(), ys.back()), 6.0f, IM_COL32(255, 255, 255, 230), 0, 1.5f);
        if (a.hovered) {
            std::size_t best = 0;
            float bd = 1e30f;
            for (std::size_t i = 0; i < xs.size(); ++i) {
                const ImVec2 p = a.at(xs[i], ys[i]);
                const float d = (p.x - a.mouse.x) * (p.x - a.mouse.x) + (p.y - a.mouse.y) * (p.y - a.mouse.y);
                if (d < bd) bd = d, best = i;
            }
            if (bd < 100.0f) {
                const PcaPoint& pt = s.pca_trajectory[best];
                ImGui::SetTooltip("step %d  (%.2f, %.2f)  %s", pt.step, pt.x, pt.y,
                                  pt.state < 0 ? "state unknown"
                                  : pt.state == C ? "non-class"
                                                  : m.model->class_names[std::size_t(pt.state)].c_str());
            }
        }
    }
}
}  // namespace

void draw_pca_tab(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    const ModelInfo* m = s.model.get();
    help_marker(ctx, "pca", "PCA squeezes the activity of all hidden units into two numbers, so a whole "
                            "trajectory becomes a path on a map. The faint labelled paths are label-biasing runs: "
                            "they mark where each class lives. Blue: the chain you watch (brighter = more recent, "
                            "dark ring = non-class step); orange: the ensemble mean.");
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kFocused), "focused chain");
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kEnsemble), "ensemble mean");
    ImGui::SameLine();
    dim_text("faint: label-biasing references");
    if (m && !m->pca_source.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("PCA basis: %s", m->pca_source.c_str());
    if (!s.pca_available || (s.pca_trajectory.empty() && (!m || m->pca_reference.empty()))) {
        plot::placeholder(m ? (m->pca_basis ? "the trajectory appears once the chain runs" : "no PCA basis for this model")
                            : "no model loaded",
                          ImGui::GetContentRegionAvail());
        return;
    }
    plot::Range xr = plot::empty_range(), yr = plot::empty_range();
    for (const auto& traj : m->pca_reference)
        for (const auto& pt : traj) xr.include(pt.x), yr.include(pt.y);
    for (const auto& pt : s.pca_trajectory) xr.include(pt.x), yr.include(pt.y);
    for (const auto& pt : s.pca_ensemble_mean) xr.include(pt.x), yr.include(pt.y);
    plot::PlotArea a = plot::begin_plot("##pca", ImGui::GetContentRegionAvail(), plot::padded_range(xr.lo, xr.hi),
                                        plot::padded_range(yr.lo, yr.hi), "PC1", "PC2");
    ctx.record_item("pca_plot");
    draw_pca_references(a, *m);
    draw_pca_ensemble_mean(a, s);
    draw_pca_focused(a, s, *m);
    plot::end_plot(a);
}

}  // namespace topdown::gui
