#include "experiment/study_figures.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "analyze/statistics.hpp"
#include "figure/ticks.hpp"

namespace topdown {

using figure::Figure;
using figure::Panel;

std::vector<std::string> ordered_methods(const std::map<std::string, MethodSummary>& methods) {
    std::vector<std::string> out;
    for (const char* m : {"label", "double", "intersection", "random", "sample"})
        if (methods.count(m)) out.push_back(m);
    for (const auto& [name, s] : methods)
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    return out;
}

std::string significance_text(double p) {
    if (p < 0.001) return "p < 0.001 ***";
    const std::string v = figure::format_number(p < 0.01 ? "%.4f" : "%.3f", p);
    if (p < 0.01) return "p = " + v + " **";
    if (p < 0.05) return "p = " + v + " *";
    return "n.s. (p = " + figure::format_number("%.2f", p) + ")";
}

namespace {
// One distribution panel of a per-chain metric with the study's Mann-Whitney pairs as brackets.
Panel distribution_panel(const std::vector<std::string>& methods, const std::map<std::string, std::vector<double>>& per_chain,
                         const std::string& title, const std::string& y_title) {
    Panel p;
    p.title = title;
    p.y.title = y_title;
    p.x.title = "biasing method";
    p.x.categories = methods;
    p.legend = false;
    for (std::size_t i = 0; i < methods.size(); ++i)
        p.distributions.push_back({methods[i], double(i), per_chain.at(methods[i]), figure::method_color(methods[i])});
    const std::pair<const char*, const char*> pairs[] = {
        {"intersection", "label"}, {"double", "label"}, {"intersection", "double"}, {"intersection", "random"}, {"label", "random"}};
    for (const auto& [a, b] : pairs) {
        const auto ia = std::find(methods.begin(), methods.end(), a), ib = std::find(methods.begin(), methods.end(), b);
        if (ia == methods.end() || ib == methods.end()) continue;
        const auto t = mann_whitney_greater(per_chain.at(a), per_chain.at(b));
        const double x0 = double(ia - methods.begin()), x1 = double(ib - methods.begin());
        p.brackets.push_back({std::min(x0, x1), std::max(x0, x1), significance_text(t.p)});
    }
    std::stable_sort(p.brackets.begin(), p.brackets.end(), [](const auto& u, const auto& v) { return u.x1 - u.x0 < v.x1 - v.x0; });
    return p;
}

// The per-condition rows of label biasing (or the first 10 conditions when there are none).
std::vector<std::size_t> label_rows(const std::vector<ConditionResult>& r) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < r.size(); ++i)
        if (r[i].condition.bias.method == BiasMethod::Label) rows.push_back(i);
    if (rows.empty())
        for (std::size_t i = 0; i < std::min<std::size_t>(r.size(), 10); ++i) rows.push_back(i);
    return rows;
}

// A heatmap panel of state shares (rows x states) in percent.
Panel state_heatmap(const std::string& title, const std::vector<std::string>& rows, const std::vector<double>& values,
                    const std::vector<std::string>& states, int C, const std::string& row_title) {
    Panel p;
    p.title = title;
    figure::Heatmap h;
    h.rows = int(rows.size());
    h.cols = int(states.size());
    h.values = values;
    h.row_names = rows;
    h.col_names = states;
    for (int s = 0; s < h.cols; ++s) h.col_name_colors.push_back(figure::state_color(s, C));
    h.row_title = row_title;
    h.col_title = "state";
    h.colorbar_title = "share of steps (%)";
    h.max_cell = 24;
    p.heatmap = h;
    return p;
}
}  // namespace

Figure visited_transitions_figure(const StudyFigureInput& in) {
    const auto methods = ordered_methods(in.methods);
    std::map<std::string, std::vector<double>> visited, transitions;
    for (const auto& m : methods) visited[m] = in.methods.at(m).visited_per_chain, transitions[m];
    for (std::size_t i = 0; i < in.results.size(); ++i) {
        auto& t = transitions[in.results[i].condition.method_name()];
        t.insert(t.end(), in.sums[i].transitions_per_chain.begin(), in.sums[i].transitions_per_chain.end());
    }
    Figure f;
    f.title = "States visited and transitions made per chain, by biasing method";
    f.width_in = figure::kTwoColumnInches;
    f.columns = 2;
    f.panels.push_back(distribution_panel(methods, visited, "Visited states", "distinct states visited per chain"));
    f.panels.push_back(distribution_panel(methods, transitions, "Transitions", "transitions (runs) per chain"));
    const int steps = in.results.empty() ? 0 : in.results[0].steps;
    f.note = "Violin: kernel density over every chain of every condition of the method; box: median and quartiles, whiskers "
             "1.5 IQR; brackets: one-sided Mann-Whitney U tests (intersection > label, double > label, intersection > double, "
             "intersection > random, label > random). Chains of " + std::to_string(steps) + " steps.";
    return f;
}

Figure transition_figure(const std::string& method, const MethodSummary& m, const std::vector<std::string>& names, int C) {
    const auto T = m.counts.normalized();
    Panel p;
    figure::Heatmap h;
    h.rows = int(T.rows());
    h.cols = int(T.cols());
    for (Eigen::Index i = 0; i < T.rows(); ++i)
        for (Eigen::Index j = 0; j < T.cols(); ++j) h.values.push_back(T(i, j));
    h.row_names = h.col_names = names;
    h.row_names.resize(std::size_t(h.rows)), h.col_names.resize(std::size_t(h.cols));
    for (int s = 0; s < h.rows; ++s) h.row_name_colors.push_back(figure::state_color(s, C));
    h.col_name_colors = h.row_name_colors;
    h.row_title = "state at step s \u2212 1";
    h.col_title = "state at step s";
    h.colorbar_title = "transition probability (%)";
    p.heatmap = h;
    Figure f;
    f.title = "Transition matrix: " + method + " (" + std::to_string(m.conditions) + " conditions)";
    f.width_in = 4.6;
    f.panels = {p};
    f.note = "Row-normalised: each row gives where chains in that state went next, in percent.";
    return f;
}

Figure state_time_figure(const StudyFigureInput& in) {
    const auto methods = ordered_methods(in.methods);
    const auto S = in.state_names.size();
    std::vector<double> per_method;
    for (const auto& m : methods) {
        std::vector<double> share(S, 0.0);
        int n = 0;
        for (std::size_t i = 0; i < in.results.size(); ++i)
            if (in.results[i].condition.method_name() == m) {
                for (std::size_t s = 0; s < S; ++s) share[s] += in.sums[i].state_time[s].mean / std::max(1, in.results[i].steps);
                ++n;
            }
        for (double v : share) per_method.push_back(v / std::max(1, n));
    }
    std::vector<std::string> row_names;
    std::vector<double> per_condition;
    for (std::size_t i : label_rows(in.results)) {
        row_names.push_back(in.results[i].condition.title);
        for (std::size_t s = 0; s < S; ++s) per_condition.push_back(in.sums[i].state_time[s].mean / std::max(1, in.results[i].steps));
    }
    Figure f;
    f.title = "Time spent in each state";
    f.width_in = figure::kTwoColumnInches;
    f.columns = 1;
    f.panels.push_back(state_heatmap("Per method (mean over conditions)", methods, per_method, in.state_names, in.num_classes, "biasing method"));
    f.panels.push_back(state_heatmap("Per label condition", row_names, per_condition, in.state_names, in.num_classes, "condition"));
    f.note = "Share of a chain's steps classified as each state, averaged over chains.";
    return f;
}

Figure energy_figure(const StudyFigureInput& in, int steps) {
    Figure f;
    f.title = "Energy during the first steps, per layer";
    f.width_in = figure::kTwoColumnInches;
    if (in.results.empty()) return f;
    const int L = static_cast<int>(in.results[0].energy_mean.cols());
    steps = std::min(steps, in.results[0].steps);
    const auto methods = ordered_methods(in.methods);
    f.columns = std::min(L, 3);
    for (int l = 0; l < L; ++l) {
        Panel p;
        p.title = "Layer " + std::to_string(l + 1);
        p.x.title = "step";
        p.x.integer_ticks = true;
        p.y.title = l == 0 ? "energy (mean \u00b1 SEM)" : "";
        for (const auto& m : methods) {
            figure::Line line{l == 0 ? m : "", {}, {}, {}, figure::method_color(m), 1.5};
            std::vector<double> sum(std::size_t(steps), 0.0), var(std::size_t(steps), 0.0);
            int n = 0;
            for (const auto& r : in.results)
                if (r.condition.method_name() == m && r.energy_mean.rows() >= steps) {
                    for (int s = 0; s < steps; ++s) sum[std::size_t(s)] += r.energy_mean(s, l), var[std::size_t(s)] += double(r.energy_sem(s, l)) * r.energy_sem(s, l);
                    ++n;
                }
            if (n == 0) continue;
            for (int s = 0; s < steps; ++s)
                line.x.push_back(s + 1), line.y.push_back(sum[std::size_t(s)] / n), line.sem.push_back(std::sqrt(var[std::size_t(s)]) / n);
            p.lines.push_back(line);
        }
        f.panels.push_back(p);
    }
    f.note = "Lines: mean over the method's conditions; bands: \u00b1 SEM of that mean over chains.";
    return f;
}

void write_study_figure(const Figure& f, const std::string& dir, const std::string& name, const FigureOptions& o) {
    figure::write_figure(f, (std::filesystem::path(dir) / name).string(), o.formats, o.png_scale);
}

}  // namespace topdown
