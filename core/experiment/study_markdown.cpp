#include "experiment/study_markdown.hpp"

#include <cstdio>
#include <sstream>

#include "experiment/paper_values.hpp"
#include "experiment/study_tempering.hpp"
#include "util/number_format.hpp"

namespace topdown {

namespace {
std::string mean_pm_sem(const MeanSem& m) { return f3(m.mean) + " ± " + f3(m.sem); }

// The header and the per-method table.
void method_table(std::ostream& md, const Dbn& model, const nlohmann::json& meta, const std::vector<ConditionResult>& results,
                  const std::map<std::string, MethodSummary>& methods) {
    md << "# TopDown study report\n\nModel: `" << meta.value("model", std::string("?")) << "` (" << model.architecture_text()
       << ", " << model.dataset << ", read-out " << f3(100 * model.readout_accuracy) << "%, k = " << model.k << ")  \n"
       << "Classifier: `" << meta.value("classifier", std::string("?")) << "`  \nChains x steps per condition: "
       << results[0].chains << " x " << results[0].steps << ", seed " << meta.value("seed", 0) << "\n\n";
    md << "| method | conditions | visited states | transitions (runs) | non-class steps | distance to I | between-class p | off-diagonal p |\n"
          "|---|---|---|---|---|---|---|---|\n";
    for (const char* name : {"label", "double", "intersection", "random"}) {
        if (!methods.count(name)) continue;
        const auto& m = methods.at(name);
        md << "| " << name << " | " << m.conditions << " | " << mean_pm_sem(m.visited) << " | " << mean_pm_sem(m.transitions)
           << " | " << f3(m.non_class_time.mean) << " | " << f3(m.distance_to_identity) << " | " << f3(m.between_class) << " | "
           << f3(m.off_diagonal) << " |\n";
    }
}

// Our label-biasing numbers, as (report row, our value).
std::vector<std::pair<std::string, std::string>> label_rows(const MethodSummary& m, int C) {
    std::vector<std::pair<std::string, std::string>> rows{
        {"label biasing: visited states", mean_pm_sem(m.visited)},
        {"label biasing: transitions (runs)", mean_pm_sem(m.transitions)},
        {"label biasing: distance of T to identity", f3(m.distance_to_identity)},
        {"label biasing: between-class transition p", f3(m.between_class)}};
    const auto T = m.counts.normalized();
    double d = 0;
    for (int c = 0; c < C; ++c) d += T(c, c);
    rows.push_back({"label biasing: within-class p (diag mean, classes)", f3(d / C)});
    rows.push_back({"label biasing: non-class steps per chain", mean_pm_sem(m.non_class_time)});
    if (!m.accuracy.empty()) rows.push_back({"label biasing: classifier accuracy at last step", f3(100 * m.accuracy.back()) + "%"});
    if (!m.active_top_per_step.empty())
        rows.push_back({"label biasing: active top units, first -> last step",
                        f3(100 * m.active_top_per_step.front()) + "% -> " + f3(100 * m.active_top_per_step.back()) + "%"});
    return rows;
}
}  // namespace

std::string study_markdown(const Dbn& model, const nlohmann::json& meta, const std::vector<ConditionResult>& results,
                           const std::map<std::string, MethodSummary>& methods, const nlohmann::json& mann_whitney,
                           const nlohmann::json& pca) {
    std::ostringstream md;
    method_table(md, model, meta, results, methods);
    const bool deep = model.depth() > 1;
    md << "\n## Beside the papers\n\n| quantity | ours | paper |\n|---|---|---|\n";
    auto row = [&](const std::string& q, const std::string& ours) {
        md << "| " << q << " | " << ours << " | " << paper_value(q, deep) << " |\n";
    };
    if (methods.count("label"))
        for (const auto& [q, ours] : label_rows(methods.at("label"), model.num_classes())) row(q, ours);
    if (methods.count("intersection")) row("intersection chimeras: visited states", mean_pm_sem(methods.at("intersection").visited));
    if (methods.count("double")) row("double-label chimeras: visited states", mean_pm_sem(methods.at("double").visited));
    if (methods.count("intersection")) row("intersection: non-class steps", f3(methods.at("intersection").non_class_time.mean));
    if (methods.count("double")) row("double-label: non-class steps", f3(methods.at("double").non_class_time.mean));
    for (const auto& t : mann_whitney)
        row("Mann-Whitney (one-sided) " + t["greater"].get<std::string>() + " > " + t["than"].get<std::string>(),
            "p = " + g3(t["p"].get<double>()));
    if (!pca.is_null())
        row("PCA variance explained, 2 / 3 components",
            f3(100 * pca["explained_2"].get<double>()) + "% / " + f3(100 * pca["explained_3"].get<double>()) + "%");
    md << tempering_comparison_markdown(results, methods);
    md << "\nFigures (PNG and SVG or PDF, each with the CSV of its data): visited_states, transition_*, state_time, "
          "energy_per_layer, pca_trajectories, filmstrips.  \n"
          "Whether these agree with the papers' qualitative findings is a result, not a test: read the numbers.\n";
    return md.str();
}

}  // namespace topdown
