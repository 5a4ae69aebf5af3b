// Collecting a sweep's runs into one table, its Markdown and a figure.
#include "sweep/sweep_collect.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "experiment/canvas.hpp"
#include "model/model_file.hpp"
#include "sweep/sweep_papers.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"
#include "util/png.hpp"

namespace topdown {

namespace fs = std::filesystem;

namespace {
std::string num(double v) {
    if (std::isnan(v)) return "";
    char b[40];
    std::snprintf(b, sizeof b, "%.9g", v);
    return b;
}

std::string short_num(double v) {
    if (std::isnan(v)) return "-";
    char b[40];
    std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

double metric_value(const nlohmann::json& m, const std::string& metric, const std::string& file) {
    if (!m.contains(metric)) throw FileFormatError(file + ": no '" + metric + "'");
    const auto& v = m[metric];
    if (v.is_object() && v.contains("mean") && v["mean"].is_number()) return v["mean"].get<double>();
    if (v.is_number()) return v.get<double>();
    throw FileFormatError(file + ": '" + metric + "' is not a number");
}

struct ModelFacts {
    int depth = 0;
    std::string dataset;
};
}  // namespace

const std::vector<std::string>& collected_metrics() {
    static const std::vector<std::string> m = {"visited_states", "transitions", "non_class_time", "distance_to_identity",
                                               "between_class_probability"};
    return m;
}

std::vector<CollectRow> collect_rows(const SweepPlan& plan, const SweepGraph& g) {
    std::vector<CollectRow> rows;
    std::map<std::string, ModelFacts> facts;  // group -> depth, dataset
    // Read-outs across training seeds.
    for (const auto& t : plan.trainings) {
        CollectRow r{"-", t.name, "-", "-", "readout_accuracy_percent", {}, {}, "-"};
        for (const auto seed : t.seeds) {
            const std::string path = (fs::path(g.work_dir) / "models" / (t.name + "-seed" + std::to_string(seed) + ".tdm")).string();
            const Dbn d = load_model(path);
            r.values.push_back(100.0 * d.readout_accuracy);
            facts[t.name] = {d.depth(), d.dataset};
        }
        r.stats = seed_stats(r.values);
        r.paper = paper_value("-", r.metric, facts[t.name].depth, facts[t.name].dataset);
        rows.push_back(std::move(r));
    }
    // Study metrics across seeds, keyed in plan order.
    std::vector<std::string> order;
    std::map<std::string, CollectRow> by_key;
    for (const auto& run : g.runs) {
        if (!facts.count(run.group)) {
            const Dbn d = load_model(run.model);
            facts[run.group] = {d.depth(), d.dataset};
        }
        const std::string file = (fs::path(run.results_dir) / "results.json").string();
        const auto bytes = read_file_bounded(file, 1ull << 30);
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(bytes.begin(), bytes.end());
        } catch (const nlohmann::json::exception& e) {
            throw FileFormatError(file + ": not valid JSON (" + e.what() + ")");
        }
        if (!j.contains("methods") || !j["methods"].is_object()) throw FileFormatError(file + ": no 'methods'");
        for (const char* method : {"label", "double", "intersection", "random"}) {
            if (!j["methods"].contains(method)) continue;
            for (const auto& metric : collected_metrics()) {
                const std::string key = run.study + "\n" + run.group + "\n" + run.kind + "\n" + method + "\n" + metric;
                if (!by_key.count(key)) {
                    order.push_back(key);
                    by_key[key] = {run.study, run.group, run.kind, method, metric, {}, {}, "-"};
                }
                by_key[key].values.push_back(metric_value(j["methods"][method], metric, file));
            }
        }
    }
    for (const auto& k : order) {
        CollectRow r = by_key[k];
        r.stats = seed_stats(r.values);
        r.paper = paper_value(r.method, r.metric, facts[r.model].depth, facts[r.model].dataset);
        rows.push_back(std::move(r));
    }
    return rows;
}

std::string collect_csv(const std::vector<CollectRow>& rows) {
    std::ostringstream s;
    s << "study,model,kind,method,metric,n,mean,sd,ci95_low,ci95_high,paper,values\n";
    for (const auto& r : rows) {
        std::string values;
        for (double v : r.values) { if (!values.empty()) values += ";"; values += num(v); }
        s << csv_field(r.study) << ',' << csv_field(r.model) << ',' << csv_field(r.kind) << ',' << csv_field(r.method) << ','
          << csv_field(r.metric) << ',' << r.stats.n << ',' << num(r.stats.mean) << ',' << num(r.stats.sd) << ','
          << num(r.stats.ci_low) << ',' << num(r.stats.ci_high) << ',' << csv_field(r.paper) << ',' << values << '\n';
    }
    return s.str();
}

std::string collect_markdown(const SweepPlan& plan, const std::vector<CollectRow>& rows) {
    std::ostringstream s;
    s << "# Sweep `" << plan.name << "`\n\nMean ± SD across seeds (n runs), 95 % confidence interval of the mean "
         "(Student's t, n - 1 degrees of freedom); the papers' values beside ours.\n\n";
    s << "| study | model | kind | method | metric | n | mean ± SD | 95 % CI | paper |\n|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& r : rows) {
        s << "| " << r.study << " | " << r.model << " | " << r.kind << " | " << r.method << " | " << r.metric << " | "
          << r.stats.n << " | " << short_num(r.stats.mean) << " ± " << short_num(r.stats.sd) << " | ";
        if (std::isnan(r.stats.ci_low))
            s << "-";
        else
            s << "[" << short_num(r.stats.ci_low) << ", " << short_num(r.stats.ci_high) << "]";
        s << " | " << r.paper << " |\n";
    }
    s << "\nFigure: figure.png (visited states per model, kind and method, with 95 % CIs). Every value per seed: table.csv.\n";
    return s.str();
}

namespace {
void draw_figure(const std::string& path, const std::vector<CollectRow>& rows) {
    std::vector<const CollectRow*> bars;
    for (const auto& r : rows)
        if (r.metric == "visited_states") bars.push_back(&r);
    const int bw = 24, gap = 14, left = 70, top = 50, plot_h = 280;
    const int plot_w = std::max(400, int(bars.size()) * (bw + gap) + gap);
    const int width = left + plot_w + 190, height = top + plot_h + 60;
    Canvas c(width, height);
    const Rgb black{30, 30, 30}, grid{225, 225, 225};
    double ymax = 1;
    for (const auto* b : bars) ymax = std::max(ymax, std::isnan(b->stats.ci_high) ? b->stats.mean : b->stats.ci_high);
    const auto ticks = nice_ticks(0, ymax * 1.05);
    ymax = std::max(ymax * 1.05, ticks.empty() ? 1.0 : ticks.back());
    auto py = [&](double v) { return top + plot_h - v / ymax * plot_h; };
    char b[32];
    for (double v : ticks) {
        c.line(left, py(v), left + plot_w, py(v), grid);
        std::snprintf(b, sizeof b, "%g", v);
        c.text(left - 6 - Canvas::text_width(b, 2), py(v) - 6, b, black, 2);
    }
    c.rect(left, top, plot_w, plot_h, black);
    c.text(8, 8, "Visited states: mean across seeds and 95 % CI (t)", black, 2);
    c.text(8, 30, "bars numbered as listed in table.md", black, 1);
    const std::map<std::string, int> colour = {{"label", 0}, {"double", 1}, {"intersection", 2}, {"random", 3}};
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto* r = bars[i];
        const double x = left + gap + double(i) * (bw + gap) + bw / 2.0;
        const int ci = colour.count(r->method) ? colour.at(r->method) : 4;
        const double m = std::isnan(r->stats.mean) ? 0 : r->stats.mean;
        c.fill_rect(x - bw / 2.0, py(m), bw, py(0) - py(m), palette(ci));
        if (!std::isnan(r->stats.ci_low)) {
            const double lo = py(std::max(0.0, r->stats.ci_low)), hi = py(r->stats.ci_high);
            c.line(x, lo, x, hi, black, 2);
            c.line(x - 6, lo, x + 6, lo, black, 2);
            c.line(x - 6, hi, x + 6, hi, black, 2);
        }
        const std::string n = std::to_string(i + 1);
        c.text(x - Canvas::text_width(n, 2) / 2.0, top + plot_h + 8, n, black, 2);
    }
    int y = top;
    for (const char* m : {"label", "double", "intersection", "random"}) {
        c.fill_rect(left + plot_w + 14, y, 12, 12, palette(colour.at(m)));
        c.text(left + plot_w + 32, y, m, black, 2);
        y += 22;
    }
    write_png(path, c.raster());
}
}  // namespace

std::vector<CollectRow> collect_sweep(const SweepPlan& plan, const SweepGraph& g) {
    const auto rows = collect_rows(plan, g);
    const auto out = collect_outputs(g.work_dir);
    fs::create_directories(fs::path(out[0]).parent_path());
    write_file_atomic(out[0], collect_csv(rows));
    std::string md = collect_markdown(plan, rows);
    md += "\nBars of figure.png, left to right:\n\n";
    int i = 0;
    for (const auto& r : rows)
        if (r.metric == "visited_states") md += std::to_string(++i) + ". " + r.study + " / " + r.model + " / " + r.kind + " / " + r.method + "\n";
    write_file_atomic(out[1], md);
    draw_figure(out[2], rows);
    return rows;
}

}  // namespace topdown
