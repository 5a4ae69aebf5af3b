// Figures of the attractor sections through core/figure (docs/METHODS.md §16.6).
#include "experiment/study_attractor_figures.hpp"

#include <algorithm>
#include <map>

#include "figure/figure.hpp"
#include "figure/render.hpp"

namespace topdown {

namespace {
const figure::Rgb kVerdictColour[3] = {{0, 158, 115}, {0, 114, 178}, {213, 94, 0}};  // memorised, novel, spurious
const char* kVerdictName[3] = {"memorised", "novel", "spurious"};

// The conditions' x positions grouped by method (condition order), for one series per method.
std::map<std::string, std::vector<std::size_t>> by_method(const std::vector<AttractorSummary>& s) {
    std::map<std::string, std::vector<std::size_t>> m;
    for (std::size_t i = 0; i < s.size(); ++i) m[s[i].method].push_back(i);
    return m;
}

void write_in_formats(const figure::Figure& f, const std::string& base, const FigureOptions& o) {
    figure::write_figure(f, base, o.formats, o.png_scale);
}

// Bars per method of a per-condition mean ± SEM.
figure::Panel method_bars(const std::vector<AttractorSummary>& s, const std::string& title, const std::string& ytitle,
                          MeanSem AttractorSummary::*field) {
    figure::Panel p;
    p.title = title;
    p.x.title = "condition (study order)";
    p.y.title = ytitle;
    p.y.min = 0;
    for (const auto& [method, idx] : by_method(s)) {
        figure::Bars b;
        b.label = method;
        b.color = figure::method_color(method);
        for (std::size_t i : idx) {
            b.x.push_back(double(i));
            b.height.push_back((s[i].*field).mean);
            b.err.push_back((s[i].*field).sem);
        }
        p.bars.push_back(std::move(b));
    }
    return p;
}
}  // namespace

void plot_census(const std::string& base, const std::vector<AttractorSummary>& s, const FigureOptions& options) {
    if (s.empty() || !s[0].has_census) return;
    figure::Figure f;
    f.title = "Attractor census";
    figure::Panel p;
    p.title = "Fraction of each chain's steps per verdict";
    p.x.title = "condition (study order)";
    p.y.title = "fraction of steps (mean ± SEM over chains)";
    p.y.min = 0;
    p.y.max = 1;
    for (int k = 0; k < 3; ++k) {
        figure::Line l;
        l.label = kVerdictName[k];
        l.color = kVerdictColour[k];
        for (std::size_t i = 0; i < s.size(); ++i) {
            l.x.push_back(double(i));
            l.y.push_back(s[i].verdict[std::size_t(k)].mean);
            l.sem.push_back(s[i].verdict[std::size_t(k)].sem);
        }
        p.lines.push_back(std::move(l));
    }
    f.panels.push_back(std::move(p));
    write_in_formats(f, base, options);
}

void plot_dwell(const std::string& base, const std::vector<AttractorSummary>& m, const std::vector<std::string>& names, const FigureOptions& options) {
    if (m.empty()) return;
    figure::Figure f;
    f.title = "Dwell times";
    figure::Panel p;
    figure::Heatmap h;
    h.rows = int(m.size());
    h.cols = int(names.size());
    double vmax = 1;
    for (const auto& s : m) {
        h.row_names.push_back(s.scope);
        for (std::size_t k = 0; k < names.size(); ++k) {
            const double v = k < s.dwell.size() ? s.dwell[k].mean_dwell : 0.0;
            h.values.push_back(v);
            vmax = std::max(vmax, v);
        }
    }
    h.col_names = names;
    h.row_title = "method";
    h.col_title = "state";
    h.colorbar_title = "mean dwell (steps per run)";
    h.vmin = 0;
    h.vmax = vmax;
    h.cell_scale = 1;
    h.cell_format = "%.1f";
    h.min_printed = 0;
    p.heatmap = std::move(h);
    f.panels.push_back(std::move(p));
    write_in_formats(f, base, options);
}

void plot_entropy_production(const std::string& base, const std::vector<AttractorSummary>& s, const FigureOptions& options) {
    if (s.empty()) return;
    figure::Figure f;
    f.title = "Entropy production of the state-to-state transitions";
    figure::Panel p;
    p.x.title = "condition (study order)";
    p.y.title = "sigma (nats per step), 95 % bootstrap CI";
    p.y.min = 0;
    for (const auto& [method, idx] : by_method(s)) {
        figure::Scatter sc;
        sc.label = method;
        sc.color = figure::method_color(method);
        for (std::size_t i : idx) {
            sc.x.push_back(double(i));
            sc.y.push_back(s[i].flux.entropy_production);
            figure::Line ci;  // the interval as a segment (no legend entry)
            ci.x = {double(i), double(i)};
            ci.y = {s[i].intervals.entropy_production.lo, s[i].intervals.entropy_production.hi};
            ci.color = sc.color;
            ci.width = 0.8;
            p.lines.push_back(std::move(ci));
        }
        p.scatters.push_back(std::move(sc));
    }
    f.panels.push_back(std::move(p));
    write_in_formats(f, base, options);
}

void plot_mixing(const std::string& base, const std::vector<AttractorSummary>& s, const FigureOptions& options) {
    if (s.empty()) return;
    figure::Figure f;
    f.title = "Integrated autocorrelation time (Sokal's window)";
    f.columns = 1;
    f.panels.push_back(method_bars(s, "Top-layer activity", "IAT (steps), mean ± SEM", &AttractorSummary::tau_activity));
    f.panels.push_back(method_bars(s, "Modal-class indicator", "IAT (steps), mean ± SEM", &AttractorSummary::tau_label));
    write_in_formats(f, base, options);
}

}  // namespace topdown
