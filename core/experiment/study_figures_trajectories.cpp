// The study figures that follow chains over time: PCA trajectories and filmstrips (core/figure data).
#include <algorithm>
#include <cmath>

#include "experiment/study_figures.hpp"
#include "generate/filmstrip_steps.hpp"

namespace topdown {

using figure::Figure;
using figure::Panel;

namespace {
// Indices of the n intersection conditions with the most visited states.
std::vector<std::size_t> best_chimeras(const StudyFigureInput& in, std::size_t n) {
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < in.results.size(); ++i)
        if (in.results[i].condition.bias.method == BiasMethod::Intersection) idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(), [&](auto a, auto b) { return in.sums[a].visited.mean > in.sums[b].visited.mean; });
    if (idx.size() > n) idx.resize(n);
    return idx;
}

// 10 log-spaced steps (0-based) of a trajectory of S steps.
std::vector<int> log_steps(int S) {
    std::vector<int> pts;
    for (int j = 0; j < 10; ++j) {
        const int st = std::clamp(static_cast<int>(std::lround(std::exp(std::log(double(S)) * j / 9.0))) - 1, 0, S - 1);
        if (pts.empty() || st != pts.back()) pts.push_back(st);
    }
    return pts;
}

// The condition's short name for a legend ("C_int {2,9}" -> "{2,9}").
std::string short_title(const std::string& t) {
    const auto sp = t.find(' ');
    return sp == std::string::npos ? t : t.substr(sp + 1);
}
}  // namespace

Figure pca_figure(const StudyFigureInput& in, const std::vector<Matrix>& proj, const std::string& title) {
    std::vector<std::vector<std::size_t>> groups(3);
    for (std::size_t i = 0; i < in.results.size(); ++i) {
        if (in.results[i].condition.bias.method == BiasMethod::Label) groups[0].push_back(i);
        if (in.results[i].condition.bias.method == BiasMethod::Random) groups[2].push_back(i);
    }
    groups[1] = best_chimeras(in, 10);
    const char* names[3] = {"Label biasing", "10 best intersection chimeras", "Random init"};
    double lo[2] = {1e300, 1e300}, hi[2] = {-1e300, -1e300};
    for (const auto& p : proj)
        for (Eigen::Index t = 0; t < p.rows(); ++t)
            for (int a = 0; a < 2; ++a) lo[a] = std::min<double>(lo[a], p(t, a)), hi[a] = std::max<double>(hi[a], p(t, a));
    Figure f;
    f.title = title;
    f.width_in = figure::kTwoColumnInches;
    f.columns = 3;
    for (int k = 0; k < 3; ++k) {
        Panel p;
        p.title = names[k];
        p.x.title = "PC1";
        p.y.title = k == 0 ? "PC2" : "";
        const double px = 0.06 * (hi[0] - lo[0]), py = 0.06 * (hi[1] - lo[1]);
        p.x.min = lo[0] - px, p.x.max = hi[0] + px, p.y.min = lo[1] - py, p.y.max = hi[1] + py;
        p.aspect = 1.0;
        p.legend_right = true;  // all three panels the same size
        p.legend_width = 52;
        for (std::size_t q = 0; q < groups[std::size_t(k)].size(); ++q) {
            const std::size_t i = groups[std::size_t(k)][q];
            const auto& r = in.results[i];
            const figure::Rgb col = k == 0 ? figure::state_color(r.condition.bias.class_a, in.num_classes)
                                    : figure::series_color(int(q));
            const auto pts = log_steps(static_cast<int>(proj[i].rows()));
            figure::Line line{short_title(r.condition.title), {}, {}, {}, figure::lighten(col, 0.35), 1.0};
            figure::Scatter sc{"", {}, {}, col, {}, {}, 2.0, 1.0};
            for (std::size_t j = 0; j < pts.size(); ++j) {
                line.x.push_back(proj[i](pts[j], 0)), line.y.push_back(proj[i](pts[j], 1));
                sc.x.push_back(line.x.back()), sc.y.push_back(line.y.back());
                sc.colors.push_back(figure::lighten(col, 0.75 * (1.0 - double(j) / double(std::max<std::size_t>(1, pts.size() - 1)))));
                sc.ring.push_back(in.sums[i].mode_state[std::size_t(pts[j])] == in.num_classes ? 1 : 0);
            }
            line.color = col;
            p.lines.push_back(line);
            p.scatters.push_back(sc);
        }
        f.panels.push_back(p);
    }
    f.note = "Chain-averaged hidden state at 10 log-spaced steps; time runs pale \u2192 saturated; dark ring: most chains in the non-class state.";
    return f;
}

Figure filmstrip_figure(const StudyFigureInput& in) {
    Figure f;
    f.title = "Example chains (first chain of each condition), frames coloured by classified state";
    f.width_in = figure::kTwoColumnInches;
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < in.results.size(); ++i)
        if (in.results[i].condition.bias.method == BiasMethod::Label) rows.push_back(i);
    for (auto i : best_chimeras(in, 5)) rows.push_back(i);
    for (std::size_t i = 0; i < in.results.size() && rows.size() < 17; ++i)
        if (in.results[i].condition.bias.method == BiasMethod::Random) rows.push_back(i);
    if (rows.empty() || in.image_rows <= 0 || in.image_cols <= 0) return f;
    const auto frames = study_filmstrip_steps(in.results[0].steps);
    figure::TileGrid g;
    g.rows = int(rows.size());
    g.cols = int(frames.size());
    g.col_title = "step";
    for (int s : frames) g.col_labels.push_back(std::to_string(s));
    for (std::size_t q = 0; q < rows.size(); ++q) {
        const auto& r = in.results[rows[q]];
        g.row_labels.push_back(r.condition.title);
        if (r.filmstrip.cols() != Eigen::Index(in.image_rows) * in.image_cols) continue;  // never read past a row
        for (int fr = 0; fr < g.cols && fr < r.filmstrip.rows(); ++fr) {
            figure::Tile t;
            t.grid_row = int(q), t.grid_col = fr, t.rows = in.image_rows, t.cols = in.image_cols;
            t.pixels.assign(r.filmstrip.row(fr).data(), r.filmstrip.row(fr).data() + r.filmstrip.cols());
            const std::size_t at = std::size_t(frames[std::size_t(fr)] - 1);  // chain 0's state at that step
            if (at < r.states.size() && r.steps > 0) {
                t.state = r.states[at];
                t.frame = figure::state_color(t.state, in.num_classes);
            }
            g.tiles.push_back(std::move(t));
        }
    }
    Panel p;
    p.tiles = g;
    for (int s = 0; s <= in.num_classes && std::size_t(s) < in.state_names.size(); ++s)
        p.legend_extra.push_back({in.state_names[std::size_t(s)], figure::state_color(s, in.num_classes)});
    f.panels = {p};
    f.note = "Frame colour: the classifier's state of that frame (the app's state palette).";
    return f;
}

}  // namespace topdown
