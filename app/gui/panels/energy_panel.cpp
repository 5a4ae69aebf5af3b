// Energy curves: per layer, the focused chain and the ensemble mean ± SEM band over steps, with a hover
// read-out and the current step marked.
#include <cmath>

#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"

namespace topdown::gui {

namespace {
constexpr ImU32 kFocusedColor = IM_COL32(90, 200, 255, 255);
constexpr ImU32 kEnsembleColor = IM_COL32(255, 160, 60, 255);
constexpr ImU32 kEnsembleBand = IM_COL32(255, 160, 60, 70);

struct LayerSeries {
    std::vector<double> fx, ex;
    std::vector<float> fy, mean, lo, hi;
};

LayerSeries series(const Snapshot& s, int layer) {
    LayerSeries r;
    const auto li = static_cast<std::size_t>(layer - 1);
    for (const auto& f : s.recent) {
        r.fx.push_back(f->step);
        r.fy.push_back(f->energy[li]);
    }
    for (std::size_t i = 0; i < s.ensemble.size(); ++i) {
        const EnsembleStep& e = s.ensemble[i];
        r.ex.push_back(e.step);
        r.mean.push_back(e.energy_mean[li]);
        r.lo.push_back(e.energy_mean[li] - e.energy_sem[li]);
        r.hi.push_back(e.energy_mean[li] + e.energy_sem[li]);
    }
    return r;
}

// The steps on the x axis: the focused chain's kept frames, the ensemble's steps and the cursor (at least 10).
plot::Range step_range(const Snapshot& s) {
    plot::Range xr = plot::empty_range();
    xr.include(s.recent.front()->step);
    xr.include(s.recent.back()->step);
    if (!s.ensemble.empty()) {
        xr.include(s.ensemble[0].step);
        xr.include(s.ensemble.back().step);
    }
    xr.include(s.step);
    if (xr.hi - xr.lo < 10) xr.hi = xr.lo + 10;
    return xr;
}

// The header line: the layer picker (not in presentation mode), the help marker and the curves' legend.
void draw_energy_header(UiContext& ctx, int L) {
    const Snapshot& s = *ctx.snap;
    if (!ctx.view.present) {  // presentation mode: the plots and their legend only
        ImGui::TextUnformatted("layer");
        ImGui::SameLine();
        ImGui::RadioButton("all", &ctx.view.energy_layer, -1);
        for (int l = 1; l <= L; ++l) {
            ImGui::SameLine();
            const std::string lbl = std::string("E") + std::to_string(l);
            ImGui::RadioButton(lbl.c_str(), &ctx.view.energy_layer, l);
        }
        help_marker(ctx, "energy", "E_l is the energy of layer pair (l-1, l) in the current state. The blue line is "
                                   "the chain you watch; orange is the mean over the ensemble with its standard "
                                   "error band. Falling energy = settling into an attractor.");
    }
    // Legend on the header line, so that it never hides a curve.
    const std::string ens_label = ctx.view.present ? std::string("ensemble mean ± SEM")
                                                   : std::string("ensemble of ") + std::to_string(s.ensemble_size) +
                                                         ", mean ± SEM";
    const float legend_w = ImGui::CalcTextSize((std::string("focused") + ens_label).c_str()).x + ImGui::GetFontSize() * 6.0f;
    bool first_swatch = true;
    auto swatch = [&](ImU32 col, const std::string& text) {
        const float room = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - ImGui::GetItemRectMax().x;
        if (first_swatch && (room < legend_w || ctx.view.present)) {
            first_swatch = false;  // not enough room on the header line: legend on its own line
        } else {
            ImGui::SameLine(0, ImGui::GetFontSize() * 1.2f);
            first_swatch = false;
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float fh = ImGui::GetFontSize();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + fh * 0.55f), ImVec2(p.x + fh, p.y + fh * 0.95f),
                                                  col, 2.0f);
        ImGui::Dummy(ImVec2(fh * 1.2f, fh));
        ImGui::SameLine();
        ImGui::TextUnformatted(text.c_str());
    };
    swatch(kFocusedColor, "focused");
    swatch(kEnsembleColor, ens_label);
}

// Layer l's plot (the i-th of `count` stacked ones; the last one carries the step axis): the ensemble band and
// mean, the focused chain, the current step, a hover read-out.
void draw_layer_plot(UiContext& ctx, int l, std::size_t i, std::size_t count, const plot::Range& xr, ImVec2 size) {
    const Snapshot& s = *ctx.snap;
    const float fh = ImGui::GetFontSize();
    const LayerSeries d = series(s, l);
    plot::Range yr = plot::empty_range();
    for (float v : d.fy) yr.include(v);
    for (std::size_t j = 0; j < d.lo.size(); ++j) yr.include(d.lo[j]), yr.include(d.hi[j]);
    yr = plot::padded_range(yr.lo, yr.hi, 0.08);
    const std::string id = std::string("##energy") + std::to_string(l);
    const std::string ylabel = std::string("energy E") + std::to_string(l) + " (layers " + std::to_string(l - 1) +
                               "-" + std::to_string(l) + ")";
    plot::PlotArea a = plot::begin_plot(id.c_str(), size, xr, yr, i + 1 == count ? "step" : nullptr,
                                        // The quantity on the first plot's axis; E2, E3 inside theirs.
                                        count == 1 ? ylabel.c_str()
                                        : i == 0   ? "energy E_l of layer pair (l-1, l), no unit"
                                                   : "");
    plot::plot_band(a, d.ex.data(), d.lo.data(), d.hi.data(), d.ex.size(), kEnsembleBand);
    plot::plot_line(a, d.ex.data(), d.mean.data(), d.ex.size(), kEnsembleColor, 1.5f);
    plot::plot_line(a, d.fx.data(), d.fy.data(), d.fx.size(), kFocusedColor, 2.0f);
    plot::plot_vline(a, s.step, IM_COL32(255, 255, 255, 90));
    if (count > 1)
        a.draw->AddText(ImVec2(a.min.x + fh * 0.4f, a.min.y + fh * 0.2f), IM_COL32(220, 225, 235, 255),
                        (std::string("E") + std::to_string(l)).c_str());
    plot::end_plot(a);
    if (i == 0) ctx.record_item("energy_plot");
    if (i + 1 == count && i > 0) ctx.record_item("energy_last_plot");
    if (a.hovered) {
        const double x = a.mouse_x();
        ImGui::BeginTooltip();
        if (!d.fx.empty()) {
            const std::size_t k = plot::nearest_index(d.fx, x);
            ImGui::Text("step %.0f   focused E%d = %.1f", d.fx[k], l, static_cast<double>(d.fy[k]));
        }
        if (!d.ex.empty()) {
            const std::size_t k = plot::nearest_index(d.ex, x);
            ImGui::Text("step %.0f   ensemble %.1f ± %.1f", d.ex[k], static_cast<double>(d.mean[k]),
                        static_cast<double>(d.hi[k] - d.mean[k]));
        }
        ImGui::EndTooltip();
    }
}
}  // namespace

void draw_energy_panel(UiContext& ctx) {
    if (begin_panel(ctx, "energy")) draw_energy_plots(ctx);
    ImGui::End();
}

void draw_energy_plots(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    const ModelInfo* m = s.model.get();
    const int L = m ? static_cast<int>(m->sizes.size()) - 1 : 0;
    draw_energy_header(ctx, L);
    if (!m || s.recent.empty()) {
        plot::placeholder("Energy curves appear once the chain runs.", ImGui::GetContentRegionAvail());
        return;
    }
    std::vector<int> layers;
    if (ctx.view.energy_layer >= 1 && ctx.view.energy_layer <= L) layers.push_back(ctx.view.energy_layer);
    else for (int l = 1; l <= L; ++l) layers.push_back(l);
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const float fh = ImGui::GetFontSize();
    const float bottom_extra = fh * 2.7f;
    // Too little height to stack every layer (less than 2.5 font sizes each): the top layer alone, the one
    // the biasing acts on.
    const float sp = ImGui::GetStyle().ItemSpacing.y;
    auto room_each = [&](std::size_t n) {  // height of each of n stacked plots (3 px kept free: no scrollbar)
        return std::floor((avail.y - 3.0f - bottom_extra - sp * static_cast<float>(n - 1)) / static_cast<float>(n));
    };
    if (layers.size() > 1 && room_each(layers.size()) < fh * 2.5f) {
        layers = {L};
        if (!ctx.view.present) dim_text("top layer shown (too little room for all; pick E1..E%d)", L);
        avail = ImGui::GetContentRegionAvail();
    }
    // Each plot keeps at least 2.5 font sizes (the panel scrolls when even one does not fit).
    const float each = std::max(fh * 2.5f, room_each(layers.size()));
    const plot::Range xr = step_range(s);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const bool last = i + 1 == layers.size();
        draw_layer_plot(ctx, layers[i], i, layers.size(), xr, ImVec2(avail.x, last ? each + bottom_extra : each));
    }
}

}  // namespace topdown::gui
