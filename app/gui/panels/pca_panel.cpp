// PCA trajectory: the focused chain (and the ensemble mean) projected on the model's PCA basis, time as
// colour saturation. Needs a PCA basis (SPEC §8); until then a placeholder.
#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"

namespace topdown::gui {

void draw_pca_tab(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    help_marker(ctx, "pca", "PCA squeezes the activity of all hidden units into two numbers, so a whole "
                            "trajectory becomes a path on a map. Label-biasing runs mark where each digit lives.");
    if (!s.pca_available || s.pca_trajectory.empty()) {
        plot::placeholder("no PCA basis - this model has no stored PCA basis yet", ImGui::GetContentRegionAvail());
        return;
    }
    std::vector<double> xs;
    std::vector<float> ys;
    plot::Range xr = plot::empty_range(), yr = plot::empty_range();
    for (const auto& pt : s.pca_trajectory) {
        xs.push_back(pt.x);
        ys.push_back(pt.y);
        xr.include(pt.x);
        yr.include(pt.y);
    }
    for (const auto& pt : s.pca_ensemble_mean) xr.include(pt.x), yr.include(pt.y);
    plot::PlotArea a = plot::begin_plot("##pca", ImGui::GetContentRegionAvail(), plot::padded_range(xr.lo, xr.hi),
                                        plot::padded_range(yr.lo, yr.hi), "PC1", "PC2");
    plot::plot_line(a, xs.data(), ys.data(), xs.size(), IM_COL32(90, 200, 255, 120), 1.5f);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const float t = static_cast<float>(i + 1) / static_cast<float>(xs.size());
        a.draw->AddCircleFilled(a.at(xs[i], ys[i]), 3.0f, IM_COL32(90, 200, 255, static_cast<int>(40 + 215 * t)));
    }
    if (!s.pca_ensemble_mean.empty()) {
        std::vector<double> ex;
        std::vector<float> ey;
        for (const auto& pt : s.pca_ensemble_mean) ex.push_back(pt.x), ey.push_back(pt.y);
        plot::plot_line(a, ex.data(), ey.data(), ex.size(), IM_COL32(255, 160, 60, 255), 2.0f);
    }
    plot::end_plot(a);
}

}  // namespace topdown::gui
