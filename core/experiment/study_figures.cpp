#include "experiment/study_figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "experiment/canvas.hpp"

namespace topdown {

namespace {
const char* kMethods[4] = {"label", "double", "intersection", "random"};
Rgb method_colour(BiasMethod m) {
    if (m == BiasMethod::Label) return {31, 119, 180};
    if (m == BiasMethod::DoubleLabel) return {255, 127, 14};
    if (m == BiasMethod::Intersection) return {214, 39, 40};
    return {110, 110, 110};
}
// The colour of a method given by name ("label", ...).
Rgb method_colour(const std::string& name) { return method_colour(parse_bias_method(name)); }
std::string fmt(const char* f, double v) {
    char b[32];
    std::snprintf(b, sizeof b, f, v);
    return b;
}
// Indices of the n intersection conditions with the most visited states.
std::vector<std::size_t> best_chimeras(const std::vector<ConditionResult>& r, const std::vector<ConditionSummary>& s, std::size_t n) {
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < r.size(); ++i)
        if (r[i].condition.bias.method == BiasMethod::Intersection) idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(), [&](auto a, auto b) { return s[a].visited.mean > s[b].visited.mean; });
    if (idx.size() > n) idx.resize(n);
    return idx;
}
}  // namespace

void plot_visited_states(const std::string& path, const std::vector<ConditionResult>& r, const std::vector<ConditionSummary>& s) {
    const int n = static_cast<int>(r.size());
    const int bw = std::max(6, std::min(24, 1400 / std::max(n, 1)));
    const int W = std::max(700, 120 + n * bw + 40), H = 520;
    Canvas c(W, H);
    double ymax = 1;
    for (const auto& x : s) ymax = std::max(ymax, x.visited.mean + x.visited.sem);
    Axes ax{90, 60, double(n * bw), 360, 0, double(n), 0, std::ceil(ymax + 0.5)};
    ax.draw(c, "condition", "visited states (mean +- SEM)", "States visited per 100-step chain");
    for (int i = 0; i < n; ++i) {
        const double m = s[std::size_t(i)].visited.mean, e = s[std::size_t(i)].visited.sem;
        const Rgb col = method_colour(r[std::size_t(i)].condition.bias.method);
        c.fill_rect(ax.px(i) + 1, ax.py(m), bw - 2, ax.py(0) - ax.py(m), col);
        c.line(ax.px(i + 0.5), ax.py(m - e), ax.px(i + 0.5), ax.py(m + e), {0, 0, 0});
    }
    int lx = 100;
    for (const char* m : kMethods) {
        c.fill_rect(lx, H - 40, 14, 14, method_colour(m));
        lx += 20 + c.text(lx + 20, H - 40, m, {0, 0, 0}, 2);
        lx += 20;
    }
    write_png(path, c.raster());
}

void plot_transition_heatmap(const std::string& path, const Eigen::MatrixXd& T, const std::vector<std::string>& names,
                             const std::string& title) {
    const int n = static_cast<int>(T.rows()), cell = 56, x0 = 120, y0 = 70;
    Canvas c(x0 + n * cell + 40, y0 + n * cell + 70);
    c.text(20, 12, title, {0, 0, 0}, 3);
    for (int i = 0; i < n; ++i) {
        const std::string nm = names[std::size_t(i)].substr(0, 9);
        c.text(x0 - 8 - Canvas::text_width(nm, 2), y0 + i * cell + cell / 2 - 6, nm, {0, 0, 0}, 2);
        c.text(x0 + i * cell + cell / 2 - Canvas::text_width(nm.substr(0, 4), 2) / 2, y0 + n * cell + 8, nm.substr(0, 4), {0, 0, 0}, 2);
        for (int j = 0; j < n; ++j) {
            const double v = T(i, j);
            const Rgb col = viridis(v);
            c.fill_rect(x0 + j * cell, y0 + i * cell, cell - 1, cell - 1, col);
            if (v >= 0.005) {
                const std::string t = fmt("%.2f", v);
                const Rgb tc = v > 0.6 ? Rgb{0, 0, 0} : Rgb{255, 255, 255};
                c.text(x0 + j * cell + cell / 2 - Canvas::text_width(t, 2) / 2, y0 + i * cell + cell / 2 - 6, t, tc, 2);
            }
        }
    }
    c.text(x0, y0 + n * cell + 34, "rows: state at step s-1, columns: state at step s", {60, 60, 60}, 2);
    write_png(path, c.raster());
}

void plot_state_time(const std::string& path, const std::vector<ConditionResult>& r, const std::vector<ConditionSummary>& s,
                     const std::vector<std::string>& names) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < r.size(); ++i)
        if (r[i].condition.bias.method == BiasMethod::Label) rows.push_back(i);
    if (rows.empty())
        for (std::size_t i = 0; i < std::min<std::size_t>(r.size(), 10); ++i) rows.push_back(i);
    const int n = static_cast<int>(names.size()), cell = 56, x0 = 150, y0 = 70;
    Canvas c(x0 + n * cell + 40, y0 + int(rows.size()) * cell + 60);
    c.text(20, 12, "Mean steps spent in each state (rows: condition)", {0, 0, 0}, 3);
    for (int j = 0; j < n; ++j)
        c.text(x0 + j * cell + 4, y0 + int(rows.size()) * cell + 8, names[std::size_t(j)].substr(0, 4), {0, 0, 0}, 2);
    for (std::size_t ri = 0; ri < rows.size(); ++ri) {
        const auto& res = r[rows[ri]];
        c.text(8, y0 + int(ri) * cell + cell / 2 - 6, res.condition.title.substr(0, 12), {0, 0, 0}, 2);
        for (int j = 0; j < n; ++j) {
            const double v = s[rows[ri]].state_time[std::size_t(j)].mean;
            c.fill_rect(x0 + j * cell, y0 + int(ri) * cell, cell - 1, cell - 1, viridis(v / std::max(1, res.steps)));
            if (v >= 0.5) {
                const std::string t = fmt("%.0f", v);
                c.text(x0 + j * cell + cell / 2 - Canvas::text_width(t, 2) / 2, y0 + int(ri) * cell + cell / 2 - 6, t,
                       v / res.steps > 0.6 ? Rgb{0, 0, 0} : Rgb{255, 255, 255}, 2);
            }
        }
    }
    write_png(path, c.raster());
}

void plot_energy(const std::string& path, const std::vector<ConditionResult>& r, int steps) {
    if (r.empty()) return;
    const int L = static_cast<int>(r[0].energy_mean.cols());
    steps = std::min(steps, r[0].steps);
    const int pw = 380, ph = 300;
    Canvas c(L * (pw + 110) + 40, ph + 170);
    for (int l = 0; l < L; ++l) {
        std::map<std::string, std::vector<double>> curve;
        std::map<std::string, int> count;
        for (const auto& x : r) {
            auto& v = curve[x.condition.method_name()];
            if (v.empty()) v.assign(std::size_t(steps), 0.0);
            for (int s = 0; s < steps; ++s) v[std::size_t(s)] += x.energy_mean(s, l);
            ++count[x.condition.method_name()];
        }
        double lo = 1e300, hi = -1e300;
        for (auto& [m, v] : curve)
            for (auto& e : v) {
                e /= count[m];
                lo = std::min(lo, e);
                hi = std::max(hi, e);
            }
        if (hi - lo < 1e-9) hi = lo + 1;
        const double pad = 0.05 * (hi - lo);
        Axes ax{110.0 + l * (pw + 110), 70, double(pw), double(ph), 1, double(std::max(2, steps)), lo - pad, hi + pad};
        ax.draw(c, "step", "", "");
        c.text(ax.x0 + 10, 40, "energy, layer " + std::to_string(l + 1), {0, 0, 0}, 2);
        for (auto& [m, v] : curve)
            for (int s = 1; s < steps; ++s)
                c.line(ax.px(s), ax.py(v[std::size_t(s - 1)]), ax.px(s + 1), ax.py(v[std::size_t(s)]), method_colour(m), 3);
    }
    int lx = 110;
    for (const char* m : kMethods) {
        c.fill_rect(lx, ph + 130, 14, 14, method_colour(m));
        lx += 40 + c.text(lx + 20, ph + 130, m, {0, 0, 0}, 2);
    }
    c.text(10, 8, "Mean energy during the first steps (per method)", {0, 0, 0}, 3);
    write_png(path, c.raster());
}

void plot_pca(const std::string& path, const std::vector<ConditionResult>& r, const std::vector<ConditionSummary>& s,
              const std::vector<Matrix>& proj, int C, const std::string& title) {
    std::vector<std::vector<std::size_t>> panels(3);
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (r[i].condition.bias.method == BiasMethod::Label) panels[0].push_back(i);
        if (r[i].condition.bias.method == BiasMethod::Random) panels[2].push_back(i);
    }
    panels[1] = best_chimeras(r, s, 10);
    const char* names[3] = {"label biasing", "10 best intersection chimeras", "random init"};
    double xlo = 1e300, xhi = -1e300, ylo = 1e300, yhi = -1e300;
    for (const auto& p : proj)
        for (Eigen::Index t = 0; t < p.rows(); ++t) {
            xlo = std::min<double>(xlo, p(t, 0));
            xhi = std::max<double>(xhi, p(t, 0));
            ylo = std::min<double>(ylo, p(t, 1));
            yhi = std::max<double>(yhi, p(t, 1));
        }
    if (!(xhi > xlo)) xhi = xlo + 1;
    if (!(yhi > ylo)) yhi = ylo + 1;
    const double px = 0.08 * (xhi - xlo), py = 0.08 * (yhi - ylo);
    const int pw = 420;
    Canvas c(3 * (pw + 100) + 40, pw + 200);
    c.text(10, 8, title, {0, 0, 0}, 3);
    for (int k = 0; k < 3; ++k) {
        Axes ax{90.0 + k * (pw + 100), 80, double(pw), double(pw), xlo - px, xhi + px, ylo - py, yhi + py};
        ax.draw(c, "PC1", "", "");
        c.text(ax.x0, 50, names[k], {0, 0, 0}, 2);
        c.text(ax.x0 - 60, ax.y0 + pw / 2, "PC2", {0, 0, 0}, 2);
        int legend_y = 0;
        for (std::size_t q = 0; q < panels[std::size_t(k)].size(); ++q) {
            const std::size_t i = panels[std::size_t(k)][q];
            const Matrix& p = proj[i];
            const int S = static_cast<int>(p.rows());
            std::vector<int> pts;  // 10 log-spaced steps
            for (int j = 0; j < 10; ++j) {
                const int st = static_cast<int>(std::lround(std::exp(std::log(double(S)) * j / 9.0))) - 1;
                if (pts.empty() || st != pts.back()) pts.push_back(std::clamp(st, 0, S - 1));
            }
            const Rgb col = palette(int(q));
            for (std::size_t j = 1; j < pts.size(); ++j)
                c.line(ax.px(p(pts[j - 1], 0)), ax.py(p(pts[j - 1], 1)), ax.px(p(pts[j], 0)), ax.py(p(pts[j], 1)), lighten(col, 0.5), 2);
            for (std::size_t j = 0; j < pts.size(); ++j) {
                const double sat = 0.15 + 0.85 * double(j) / std::max<std::size_t>(1, pts.size() - 1);
                const double x = ax.px(p(pts[j], 0)), y = ax.py(p(pts[j], 1));
                if (s[i].mode_state[std::size_t(pts[j])] == C) c.disc(x, y, 9, {40, 40, 40});
                c.disc(x, y, 5, lighten(col, 1 - sat));
            }
            if (legend_y < 10) {
                c.fill_rect(ax.x0 + pw + 6, ax.y0 + 4 + legend_y * 16, 10, 10, col);
                c.text(ax.x0 + pw + 20, ax.y0 + 2 + legend_y * 16, r[i].condition.title.substr(r[i].condition.title.find(' ') + 1), {0, 0, 0}, 1);
                ++legend_y;
            }
        }
    }
    c.text(90, pw + 150, "time: pale -> saturated (10 log-spaced steps); dark halo: most chains in the non-class state", {60, 60, 60}, 2);
    write_png(path, c.raster());
}

void plot_filmstrips(const std::string& path, const std::vector<ConditionResult>& r, const std::vector<ConditionSummary>& s,
                     int image_rows, int image_cols) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < r.size(); ++i)
        if (r[i].condition.bias.method == BiasMethod::Label) rows.push_back(i);
    for (auto i : best_chimeras(r, s, 5)) rows.push_back(i);
    for (std::size_t i = 0; i < r.size() && rows.size() < 20; ++i)
        if (r[i].condition.bias.method == BiasMethod::Random && rows.size() < 17) rows.push_back(i);
    if (rows.empty() || image_rows <= 0 || image_cols <= 0) return;
    const auto frames = study_filmstrip_steps(r[0].steps);
    const int F = static_cast<int>(frames.size()), scale = 2, x0 = 170, y0 = 60;
    const int cell_w = image_cols * scale + 4, cell_h = image_rows * scale + 4;  // rows x cols, never squashed
    Canvas c(x0 + F * cell_w + 20, y0 + int(rows.size()) * cell_h + 20);
    c.text(10, 8, "Example chains (first chain of each condition)", {0, 0, 0}, 3);
    for (int f = 0; f < F; ++f) c.text(x0 + f * cell_w + 10, y0 - 18, std::to_string(frames[std::size_t(f)]), {0, 0, 0}, 2);
    for (std::size_t q = 0; q < rows.size(); ++q) {
        const auto& res = r[rows[q]];
        c.text(8, y0 + int(q) * cell_h + cell_h / 2 - 6, res.condition.title.substr(0, 14), {0, 0, 0}, 2);
        if (res.filmstrip.cols() != Eigen::Index(image_rows) * image_cols) continue;  // never read past a row
        for (int f = 0; f < F && f < res.filmstrip.rows(); ++f)
            c.image(res.filmstrip.row(f).data(), image_rows, image_cols, x0 + f * cell_w, y0 + int(q) * cell_h, scale);
    }
    write_png(path, c.raster());
}

}  // namespace topdown
