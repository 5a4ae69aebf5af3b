// Collecting a sweep's runs into one table, its Markdown and a figure.
#include "sweep/sweep_collect.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "model/model_file.hpp"
#include "sweep/sweep_papers.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

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
    s << "\nFigure: figure.png / figure.svg, its data in figure.csv (visited states per model, kind and method, with 95 % CIs). Every value per seed: table.csv.\n";
    return s.str();
}

// Visited states per (study, model, kind, method): mean across seeds with its 95 % CI (Student's t), numbered
// as listed in table.md, coloured by method.
figure::Figure collect_figure(const std::vector<CollectRow>& rows) {
    figure::Panel p;
    p.title = "Visited states: mean across seeds and 95 % CI (t)";
    p.x.title = "run group (numbered as listed in table.md)";
    p.y.title = "distinct states visited per chain";
    std::vector<std::string> methods;
    for (const auto& r : rows) {
        if (r.metric != "visited_states") continue;
        const double m = std::isnan(r.stats.mean) ? 0.0 : r.stats.mean;
        const double e = std::isnan(r.stats.ci_high) ? 0.0 : r.stats.ci_high - m;
        const double x = double(p.x.categories.size());
        p.x.categories.push_back(std::to_string(p.x.categories.size() + 1));
        p.bars.push_back({"", {x}, {m}, {e}, figure::method_color(r.method), 0.7});
        if (std::find(methods.begin(), methods.end(), r.method) == methods.end()) methods.push_back(r.method);
    }
    for (const auto& m : methods) p.legend_extra.push_back({m, figure::method_color(m)});
    figure::Figure f;
    f.title = "Sweep: visited states per run group";
    f.width_in = p.x.categories.size() > 12 ? figure::kTwoColumnInches : figure::kOneColumnInches + 1.0;
    f.panels = {p};
    return f;
}

std::vector<CollectRow> collect_sweep(const SweepPlan& plan, const SweepGraph& g, const FigureOptions& extra) {
    const auto rows = collect_rows(plan, g);
    const auto out = collect_outputs(g.work_dir);
    fs::create_directories(fs::path(out[0]).parent_path());
    write_file_atomic(out[0], collect_csv(rows));
    std::string md = collect_markdown(plan, rows);
    md += "\nBars of the figure, left to right:\n\n";
    int i = 0;
    for (const auto& r : rows)
        if (r.metric == "visited_states") md += std::to_string(++i) + ". " + r.study + " / " + r.model + " / " + r.kind + " / " + r.method + "\n";
    write_file_atomic(out[1], md);
    FigureOptions o = extra;  // the default formats always (they are the task's outputs), plus any asked for
    for (auto f : figure::default_formats())
        if (std::find(o.formats.begin(), o.formats.end(), f) == o.formats.end()) o.formats.push_back(f);
    figure::write_figure(collect_figure(rows), (fs::path(out[2]).parent_path() / "figure").string(), o.formats, o.png_scale);
    return rows;
}

}  // namespace topdown
