// PNG figures of the attractor sections (docs/METHODS.md §15.6).
#include "experiment/study_attractor_figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "experiment/canvas.hpp"

namespace topdown {

namespace {
Rgb method_colour(const std::string& m) {
    if (m == "label") return {31, 119, 180};
    if (m == "double") return {255, 127, 14};
    if (m == "intersection") return {214, 39, 40};
    return {110, 110, 110};
}
const Rgb kVerdictColour[3] = {{44, 160, 44}, {31, 119, 180}, {214, 39, 40}};  // memorised, novel, spurious
const char* kVerdictName[3] = {"memorised", "novel", "spurious"};

// Bar width and canvas width for n conditions.
int bar_width(std::size_t n) { return std::max(6, std::min(24, 1400 / std::max<int>(int(n), 1))); }

// The method legend along the bottom.
void method_legend(Canvas& c, int y) {
    int lx = 100;
    for (const char* m : {"label", "double", "intersection", "random"}) {
        c.fill_rect(lx, y, 14, 14, method_colour(m));
        lx += 40 + c.text(lx + 20, y, m, {0, 0, 0}, 2);
    }
}

// Bars with error whiskers per condition in one axes area.
void bars(Canvas& c, const Axes& ax, const std::vector<AttractorSummary>& s, int bw, double (*value)(const AttractorSummary&),
          double (*lo)(const AttractorSummary&), double (*hi)(const AttractorSummary&)) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double v = value(s[i]);
        const double x = double(i);
        c.fill_rect(ax.px(x) + 1, ax.py(std::max(v, ax.ymin)), bw - 2, ax.py(ax.ymin) - ax.py(std::max(v, ax.ymin)), method_colour(s[i].method));
        c.line(ax.px(x + 0.5), ax.py(std::max(lo(s[i]), ax.ymin)), ax.px(x + 0.5), ax.py(std::min(hi(s[i]), ax.ymax)), {0, 0, 0});
    }
}
double upper(double v) { return v > 0 ? v * 1.1 : 1.0; }
}  // namespace

void plot_census(const std::string& path, const std::vector<AttractorSummary>& s) {
    if (s.empty() || !s[0].has_census) return;
    const int bw = bar_width(s.size()), n = int(s.size());
    Canvas c(std::max(700, 120 + n * bw + 40), 520);
    Axes ax{90, 60, double(n * bw), 360, 0, double(n), 0, 1};
    ax.draw(c, "condition", "fraction of steps (mean over chains)", "Attractor census: memorised / novel / spurious");
    for (int i = 0; i < n; ++i) {
        double base = 0;
        for (int k = 0; k < 3; ++k) {
            const double v = s[std::size_t(i)].verdict[std::size_t(k)].mean;
            c.fill_rect(ax.px(i) + 1, ax.py(base + v), bw - 2, ax.py(base) - ax.py(base + v), kVerdictColour[k]);
            base += v;
        }
    }
    int lx = 100;
    for (int k = 0; k < 3; ++k) {
        c.fill_rect(lx, 480, 14, 14, kVerdictColour[k]);
        lx += 40 + c.text(lx + 20, 480, kVerdictName[k], {0, 0, 0}, 2);
    }
    write_png(path, c.raster());
}

void plot_dwell(const std::string& path, const std::vector<AttractorSummary>& m, const std::vector<std::string>& names) {
    if (m.empty()) return;
    const int cols = int(names.size()), rows = int(m.size()), cell = 64, x0 = 150, y0 = 80;
    Canvas c(x0 + cols * cell + 40, y0 + rows * cell + 80);
    c.text(20, 12, "Mean dwell time (steps per run); shade = occupancy", {0, 0, 0}, 3);
    for (int j = 0; j < cols; ++j)
        c.text(x0 + j * cell + 4, y0 - 22, names[std::size_t(j)].substr(0, 6), {0, 0, 0}, 2);
    for (int i = 0; i < rows; ++i) {
        c.text(10, y0 + i * cell + cell / 2 - 6, m[std::size_t(i)].scope, {0, 0, 0}, 2);
        for (int j = 0; j < cols && j < int(m[std::size_t(i)].dwell.size()); ++j) {
            const StateDwell& d = m[std::size_t(i)].dwell[std::size_t(j)];
            const double occ = std::min(1.0, d.occupancy * 3);  // 1/3 of the time saturates
            c.fill_rect(x0 + j * cell, y0 + i * cell, cell - 1, cell - 1, viridis(occ));
            char b[32];
            std::snprintf(b, sizeof b, "%.1f", d.mean_dwell);
            c.text(x0 + j * cell + 6, y0 + i * cell + cell / 2 - 6, b, occ > 0.6 ? Rgb{0, 0, 0} : Rgb{255, 255, 255}, 2);
        }
    }
    write_png(path, c.raster());
}

void plot_entropy_production(const std::string& path, const std::vector<AttractorSummary>& s) {
    if (s.empty()) return;
    const int bw = bar_width(s.size()), n = int(s.size());
    double ymax = 0;
    for (const auto& x : s) ymax = std::max(ymax, std::max(x.intervals.entropy_production.hi, x.flux.entropy_production));
    Canvas c(std::max(700, 120 + n * bw + 40), 520);
    Axes ax{90, 60, double(n * bw), 360, 0, double(n), 0, upper(ymax)};
    ax.draw(c, "condition", "sigma, nats/step (95% bootstrap CI)", "Entropy production of the state-to-state transitions");
    bars(c, ax, s, bw, [](const AttractorSummary& a) { return a.flux.entropy_production; },
         [](const AttractorSummary& a) { return a.intervals.entropy_production.lo; },
         [](const AttractorSummary& a) { return a.intervals.entropy_production.hi; });
    method_legend(c, 480);
    write_png(path, c.raster());
}

void plot_mixing(const std::string& path, const std::vector<AttractorSummary>& s) {
    if (s.empty()) return;
    const int bw = bar_width(s.size()), n = int(s.size());
    double ya = 0, yl = 0;
    for (const auto& x : s) {
        ya = std::max(ya, x.tau_activity.mean + x.tau_activity.sem);
        yl = std::max(yl, x.tau_label.mean + x.tau_label.sem);
    }
    Canvas c(std::max(700, 120 + n * bw + 40), 860);
    Axes top{90, 60, double(n * bw), 300, 0, double(n), 0, upper(ya)};
    top.draw(c, "condition", "IAT (steps)", "Integrated autocorrelation time: top-layer activity");
    bars(c, top, s, bw, [](const AttractorSummary& a) { return a.tau_activity.mean; },
         [](const AttractorSummary& a) { return a.tau_activity.mean - a.tau_activity.sem; },
         [](const AttractorSummary& a) { return a.tau_activity.mean + a.tau_activity.sem; });
    Axes bot{90, 460, double(n * bw), 300, 0, double(n), 0, upper(yl)};
    bot.draw(c, "condition", "IAT (steps)", "Integrated autocorrelation time: modal-class indicator");
    bars(c, bot, s, bw, [](const AttractorSummary& a) { return a.tau_label.mean; },
         [](const AttractorSummary& a) { return a.tau_label.mean - a.tau_label.sem; },
         [](const AttractorSummary& a) { return a.tau_label.mean + a.tau_label.sem; });
    method_legend(c, 820);
    write_png(path, c.raster());
}

}  // namespace topdown
