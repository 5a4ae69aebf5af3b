#include "session/live_figures.hpp"

#include <algorithm>

namespace topdown {

using figure::Figure;
using figure::Panel;

namespace {
// Class names then the non-class state.
std::vector<std::string> state_names(const Snapshot& s) {
    std::vector<std::string> n = s.model->model->class_names;
    const int C = s.model->num_classes();
    n.resize(std::size_t(C));
    for (int c = 0; c < C; ++c)
        if (n[std::size_t(c)].empty()) n[std::size_t(c)] = std::to_string(c);
    n.push_back(s.model->model->dataset == "mnist" ? "non-digit" : "non-class");
    return n;
}

Figure energy(const Snapshot& s) {
    Figure f;
    f.title = "Energy per layer: " + s.bias_description;
    f.width_in = figure::kTwoColumnInches;
    const int L = std::min<int>(int(s.model->sizes.size()) - 1, kMaxModelLayers);
    f.columns = std::min(L, 3);
    for (int l = 0; l < L; ++l) {
        Panel p;
        p.title = "Layer " + std::to_string(l + 1);
        p.x.title = "step";
        p.x.integer_ticks = true;
        p.y.title = l == 0 ? "energy" : "";
        figure::Line ens{l == 0 ? "ensemble mean \u00b1 SEM (" + std::to_string(s.ensemble_size) + " chains)" : "", {}, {}, {},
                         figure::method_color(to_string(s.params.bias.method)), 1.5};
        for (std::size_t i = 0; i < s.ensemble.size(); ++i) {
            const auto& e = s.ensemble[i];
            ens.x.push_back(e.step), ens.y.push_back(e.energy_mean[std::size_t(l)]), ens.sem.push_back(e.energy_sem[std::size_t(l)]);
        }
        figure::Line foc{l == 0 ? "focused chain" : "", {}, {}, {}, {40, 40, 40}, 1.0, true};
        for (const auto& fr : s.recent)
            if (fr && std::size_t(l) < fr->energy.size()) foc.x.push_back(fr->step), foc.y.push_back(fr->energy[std::size_t(l)]);
        if (!ens.x.empty()) p.lines.push_back(ens);
        if (!foc.x.empty()) p.lines.push_back(foc);
        f.panels.push_back(p);
    }
    return f;
}

Figure transitions(const Snapshot& s, const std::vector<std::string>& names) {
    const auto& T = s.transition_counts;
    figure::Heatmap h;
    h.rows = int(T.rows()), h.cols = int(T.cols());
    for (Eigen::Index i = 0; i < T.rows(); ++i) {
        const double row = T.row(i).cast<double>().sum();
        for (Eigen::Index j = 0; j < T.cols(); ++j) h.values.push_back(row > 0 ? T(i, j) / row : 0.0);
    }
    h.row_names = h.col_names = names;
    h.row_names.resize(std::size_t(h.rows)), h.col_names.resize(std::size_t(h.cols));
    for (int i = 0; i < h.rows; ++i) h.row_name_colors.push_back(figure::state_color(i, s.model->num_classes()));
    h.col_name_colors = h.row_name_colors;
    h.row_title = "state at step s \u2212 1";
    h.col_title = "state at step s";
    h.colorbar_title = "transition probability (%)";
    Panel p;
    p.heatmap = h;
    Figure f;
    f.title = std::string("Transition matrix (") + (s.transitions_from_focused ? "focused chain" : "ensemble") + ", steps 1-" +
              std::to_string(s.newest_step) + ")";
    f.width_in = 4.6;
    f.panels = {p};
    f.note = s.bias_description;
    return f;
}

Figure states(const Snapshot& s, const std::vector<std::string>& names) {
    Panel p;
    p.title = "Ensemble at step " + std::to_string(s.newest_step);
    p.x.title = "state";
    p.y.title = "chains";
    p.legend = false;
    for (std::size_t i = 0; i < s.state_counts.size() && i < names.size(); ++i) {
        p.x.categories.push_back(names[i]);
        p.bars.push_back({"", {double(i)}, {double(s.state_counts[i])}, {}, figure::state_color(int(i), s.model->num_classes()), 0.75});
    }
    Figure f;
    f.title = "States of the ensemble: " + s.bias_description;
    f.width_in = figure::kOneColumnInches + 1.0;
    f.panels = {p};
    return f;
}

Figure pca(const Snapshot& s) {
    Panel p;
    p.title = "PCA of the hidden state";
    p.x.title = "PC1";
    p.y.title = "PC2";
    p.aspect = 0.8;
    figure::Line mean{"ensemble mean", {}, {}, {}, figure::method_color(to_string(s.params.bias.method)), 1.6};
    for (const auto& q : s.pca_ensemble_mean) mean.x.push_back(q.x), mean.y.push_back(q.y);
    figure::Line foc{"focused chain", {}, {}, {}, {120, 120, 120}, 0.8};
    figure::Scatter pts{"", {}, {}, {0, 0, 0}, {}, {}, 1.8, 1.0};
    for (const auto& q : s.pca_trajectory) {
        foc.x.push_back(q.x), foc.y.push_back(q.y);
        pts.x.push_back(q.x), pts.y.push_back(q.y), pts.colors.push_back(figure::state_color(q.state, s.model->num_classes()));
    }
    p.lines = {mean, foc};
    p.scatters = {pts};
    Figure f;
    f.title = "Trajectories in PCA space: " + s.bias_description;
    f.width_in = figure::kOneColumnInches + 1.0;
    f.panels = {p};
    f.note = "Points: the focused chain's steps, coloured by classified state.";
    return f;
}

Figure filmstrip(const Snapshot& s, const std::vector<std::string>& names) {
    figure::TileGrid g;
    std::vector<std::shared_ptr<const FocusedFrame>> frames;
    for (const auto& fr : s.recent)
        if (fr) frames.push_back(fr);
    if (frames.size() > 12) frames.erase(frames.begin(), frames.end() - 12);
    g.rows = 1, g.cols = int(frames.size()), g.col_title = "step";
    g.row_labels = {"focused chain"};
    for (std::size_t i = 0; i < frames.size(); ++i) {
        g.col_labels.push_back(std::to_string(frames[i]->step));
        figure::Tile t;
        t.grid_col = int(i), t.rows = s.model->image_rows, t.cols = s.model->image_cols;
        t.pixels = frames[i]->visible;
        t.state = frames[i]->verdict.state;
        if (t.state >= 0) t.frame = figure::state_color(t.state, s.model->num_classes());
        g.tiles.push_back(std::move(t));
    }
    Panel p;
    p.tiles = g;
    for (std::size_t c = 0; c < names.size(); ++c) p.legend_extra.push_back({names[c], figure::state_color(int(c), s.model->num_classes())});
    Figure f;
    f.title = "Filmstrip: " + s.bias_description;
    f.width_in = figure::kTwoColumnInches;
    f.panels = {p};
    return f;
}
}  // namespace

std::vector<std::pair<std::string, Figure>> live_figures(const Snapshot& s) {
    std::vector<std::pair<std::string, Figure>> out;
    if (!s.model || !s.model->model) return out;
    const auto names = state_names(s);
    if (!s.ensemble.empty() || !s.recent.empty()) out.emplace_back("energy", energy(s));
    if (s.transition_counts.rows() > 0 && s.transition_counts.sum() > 0) out.emplace_back("transitions", transitions(s, names));
    if (!s.state_counts.empty()) out.emplace_back("states", states(s, names));
    if (!s.pca_trajectory.empty() || !s.pca_ensemble_mean.empty()) out.emplace_back("pca", pca(s));
    if (!s.recent.empty() && s.model->image_rows > 0 && s.model->image_cols > 0) out.emplace_back("filmstrip", filmstrip(s, names));
    return out;
}

std::vector<std::string> write_live_figures(const Snapshot& s, const std::string& stem, const std::vector<figure::Format>& formats) {
    std::vector<std::string> paths;
    for (const auto& [name, f] : live_figures(s))
        for (auto& p : figure::write_figure(f, stem + "-" + name, formats)) paths.push_back(std::move(p));
    return paths;
}

}  // namespace topdown
