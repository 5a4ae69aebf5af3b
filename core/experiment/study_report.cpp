#include "experiment/study_report.hpp"

#include <filesystem>
#include <map>
#include <sstream>

#include "analyze/pca.hpp"
#include "experiment/study_attractors.hpp"
#include "experiment/study_figures.hpp"
#include "experiment/study_markdown.hpp"
#include "experiment/study_summary.hpp"
#include "figure/ticks.hpp"
#include "experiment/study_tempering.hpp"
#include "model/image_shape.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
nlohmann::json ms(const MeanSem& m) { return {{"mean", m.mean}, {"sem", m.sem}, {"n", m.n}}; }
nlohmann::json matrix_json(const Eigen::MatrixXd& m) {
    nlohmann::json j = nlohmann::json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        nlohmann::json row = nlohmann::json::array();
        for (Eigen::Index k = 0; k < m.cols(); ++k) row.push_back(m(i, k));
        j.push_back(row);
    }
    return j;
}

// Everything computed once and shared by the writers.
struct StudyView {
    const std::vector<ConditionResult>& results;
    const Dbn& model;
    int C = 0;
    std::vector<std::string> state_names;  // classes, then the non-class state
    std::vector<ConditionSummary> sums;     // per condition
    std::map<std::string, MethodSummary> methods;
    FigureOptions figures;
    // The input of the study figures.
    StudyFigureInput figure_input() const {
        const auto [rows, cols] = model.image_shape();
        return {results, sums, methods, state_names, C, rows, cols};
    }
};

// One condition's entry of results.json.
nlohmann::json condition_json(const ConditionResult& r, const ConditionSummary& s) {
    nlohmann::json st = nlohmann::json::array();
    for (const auto& t : s.state_time) st.push_back(ms(t));
    return {{"id", r.condition.id}, {"method", r.condition.method_name()}, {"title", r.condition.title},
            {"k", r.condition.bias.k}, {"initial_active", r.initial_active}, {"empty", r.empty},
            {"visited_states", ms(s.visited)}, {"transitions", ms(s.transitions)}, {"changes", ms(s.changes)},
            {"state_time", st}, {"distance_to_identity", s.distance_to_identity},
            {"between_class_probability", s.between_class}, {"off_diagonal_probability", s.off_diagonal},
            {"accuracy_per_step", s.accuracy}, {"mode_state_per_step", s.mode_state},
            {"transition_counts", matrix_json(s.counts.counts())}};
}

// The rows of (scope, from, to, count, probability) for every non-zero count.
void transition_rows(std::ostream& tcsv, const std::string& scope, const TransitionCounts& counts) {
    const auto T = counts.normalized();
    const int C = counts.num_classes();
    for (int a = 0; a <= C; ++a)
        for (int b = 0; b <= C; ++b)
            if (counts.counts()(a, b) > 0) tcsv << scope << ',' << a << ',' << b << ',' << counts.counts()(a, b) << ',' << T(a, b) << '\n';
}

// metrics.csv, energy.csv and the per-condition rows of transitions.csv; the conditions of results.json.
nlohmann::json write_condition_tables(const StudyView& v, std::ostream& tcsv, const std::string& out) {
    namespace fs = std::filesystem;
    std::ostringstream csv, ecsv;
    csv << "id,method,title,k,initial_active,empty,visited_mean,visited_sem,transitions_mean,transitions_sem,changes_mean,"
           "changes_sem,non_class_time_mean,non_class_time_sem,distance_to_identity,between_class,off_diagonal\n";
    ecsv << "id,step,layer,energy_mean,energy_sem,active_mean\n";
    nlohmann::json jc = nlohmann::json::array();
    const auto C = std::size_t(v.C);
    for (std::size_t i = 0; i < v.results.size(); ++i) {
        const auto& r = v.results[i];
        const auto& s = v.sums[i];
        jc.push_back(condition_json(r, s));
        csv << r.condition.id << ',' << r.condition.method_name() << ",\"" << r.condition.title << "\"," << r.condition.bias.k << ','
            << r.initial_active << ',' << r.empty << ',' << s.visited.mean << ',' << s.visited.sem << ',' << s.transitions.mean
            << ',' << s.transitions.sem << ',' << s.changes.mean << ',' << s.changes.sem << ',' << s.state_time[C].mean
            << ',' << s.state_time[C].sem << ',' << s.distance_to_identity << ',' << s.between_class << ','
            << s.off_diagonal << '\n';
        transition_rows(tcsv, r.condition.id, s.counts);
        for (int st2 = 0; st2 < r.steps; ++st2)
            for (Eigen::Index l = 0; l < r.energy_mean.cols(); ++l)
                ecsv << r.condition.id << ',' << st2 + 1 << ',' << l + 1 << ',' << r.energy_mean(st2, l) << ','
                     << r.energy_sem(st2, l) << ',' << r.active_mean(st2, l) << '\n';
    }
    write_file_atomic((fs::path(out) / "metrics.csv").string(), csv.str());
    write_file_atomic((fs::path(out) / "energy.csv").string(), ecsv.str());
    return jc;
}

// The methods of results.json, their rows of transitions.csv and their transition heatmaps.
nlohmann::json write_method_tables(const StudyView& v, std::ostream& tcsv, const std::string& out) {
    namespace fs = std::filesystem;
    nlohmann::json jm = nlohmann::json::object();
    for (const auto& [name, m] : v.methods) {
        const auto T = m.counts.normalized();
        jm[name] = {{"conditions", m.conditions}, {"visited_states", ms(m.visited)}, {"transitions", ms(m.transitions)},
                    {"non_class_time", ms(m.non_class_time)}, {"distance_to_identity", m.distance_to_identity},
                    {"between_class_probability", m.between_class}, {"off_diagonal_probability", m.off_diagonal},
                    {"transition_matrix", matrix_json(T)}, {"label_accuracy_per_step", m.accuracy},
                    {"active_top_per_step", m.active_top_per_step}};
        transition_rows(tcsv, name, m.counts);
        write_study_figure(transition_figure(name, m, v.state_names, v.C), out, "transition_" + name, v.figures);
    }
    return jm;
}

// Mann-Whitney tests of visited states: chimeras and random vs label biasing; chimeras vs random.
nlohmann::json mann_whitney_json(const std::map<std::string, MethodSummary>& methods) {
    nlohmann::json tests = nlohmann::json::array();
    const std::pair<const char*, const char*> pairs[] = {
        {"intersection", "label"}, {"double", "label"}, {"intersection", "double"}, {"intersection", "random"}, {"label", "random"}};
    for (const auto& [a, b] : pairs) {
        if (!methods.count(a) || !methods.count(b)) continue;
        const auto t = mann_whitney_greater(methods.at(a).visited_per_chain, methods.at(b).visited_per_chain);
        tests.push_back({{"greater", a}, {"than", b}, {"metric", "visited_states"}, {"U", t.u}, {"z", t.z}, {"p", t.p}, {"exact", t.exact}});
    }
    return tests;
}

// PCA on the chain-averaged hidden trajectories of every condition (all layers, and the top layer only):
// the "pca" entry of results.json, pca.csv and the pca_trajectories figure (nothing below 4 trajectory points).
nlohmann::json write_pca(const StudyView& v, const std::string& out) {
    namespace fs = std::filesystem;
    Eigen::Index rows = 0;
    for (const auto& r : v.results) rows += r.hidden_mean.rows();
    Matrix stacked(rows, v.results[0].hidden_mean.cols());
    rows = 0;
    for (const auto& r : v.results) {
        stacked.middleRows(rows, r.hidden_mean.rows()) = r.hidden_mean;
        rows += r.hidden_mean.rows();
    }
    if (stacked.rows() < 4) return nlohmann::json();
    const PcaBasis b = fit_pca(stacked, 3);
    const PcaBasis bt = fit_pca(Matrix(stacked.rightCols(v.model.top_size())), 3);
    const nlohmann::json jp = {{"components", 3},
                               {"explained", {b.explained(0, 0), b.explained(0, 1), b.explained(0, 2)}},
                               {"explained_2", b.explained(0, 0) + b.explained(0, 1)},
                               {"explained_3", b.explained.sum()},
                               {"top_layer_explained_2", bt.explained(0, 0) + bt.explained(0, 1)},
                               {"top_layer_explained_3", bt.explained.sum()}};
    std::ostringstream pcsv;
    pcsv << "id,step,pc1,pc2,pc3,mode_state\n";
    std::vector<Matrix> proj;
    for (std::size_t i = 0; i < v.results.size(); ++i) {
        proj.push_back(pca_project(b, v.results[i].hidden_mean));
        for (Eigen::Index t = 0; t < proj.back().rows(); ++t)
            pcsv << v.results[i].condition.id << ',' << t + 1 << ',' << proj.back()(t, 0) << ',' << proj.back()(t, 1) << ','
                 << proj.back()(t, 2) << ',' << v.sums[i].mode_state[std::size_t(t)] << '\n';
    }
    write_study_figure(pca_figure(v.figure_input(), proj,
                                  "Hidden-state trajectories in PCA space (all layers, " +
                                      figure::format_number("%.1f", 100 * (b.explained(0, 0) + b.explained(0, 1))) +
                                      " % of the variance in 2 PCs)"),
                       out, "pca_trajectories", v.figures);
    write_file_atomic((fs::path(out) / "pca.csv").string(), pcsv.str());
    return jp;
}

// The figures that need no table of their own: visited states and transitions, state time, energy, filmstrips.
void write_figures(const StudyView& v, const std::string& out) {
    const auto in = v.figure_input();
    write_study_figure(visited_transitions_figure(in), out, "visited_states", v.figures);
    write_study_figure(state_time_figure(in), out, "state_time", v.figures);
    write_study_figure(energy_figure(in, 10), out, "energy_per_layer", v.figures);
    const auto film = filmstrip_figure(in);  // in the model's image shape (rows x cols, square or not)
    if (!film.panels.empty()) write_study_figure(film, out, "filmstrips", v.figures);
}
}  // namespace

nlohmann::json write_study_outputs(const std::string& out, const std::vector<ConditionResult>& results, const Dbn& model,
                                   const nlohmann::json& meta, const FigureOptions& figures) {
    if (results.empty()) throw ArgumentError("no study results to write");
    std::filesystem::create_directories(out);
    StudyView v{results, model, model.num_classes(), model.class_names, {}, {}, figures};
    v.state_names.push_back(model.dataset == "mnist" ? "non-digit" : "non-class");
    for (const auto& r : results) v.sums.push_back(summarize_condition(r, v.C));
    v.methods = summarize_methods(results, v.C);

    nlohmann::json j = meta;
    j["state_names"] = v.state_names;
    std::ostringstream tcsv;
    tcsv << "scope,from,to,count,probability\n";
    j["conditions"] = write_condition_tables(v, tcsv, out);
    j["methods"] = write_method_tables(v, tcsv, out);
    j["mann_whitney"] = mann_whitney_json(v.methods);
    j["pca"] = write_pca(v, out);
    if (auto t = tempering_comparison_json(results, v.methods); !t.is_null()) j["tempering_comparison"] = t;
    write_file_atomic((std::filesystem::path(out) / "transitions.csv").string(), tcsv.str());
    write_figures(v, out);
    write_file_atomic((std::filesystem::path(out) / "results.json").string(), j.dump(1));
    const std::string attractors = write_study_attractors(out, results, model, v.state_names, meta.value("seed", std::uint64_t(1)), figures);
    write_file_atomic((std::filesystem::path(out) / "report.md").string(),
                      study_markdown(model, meta, results, v.methods, j["mann_whitney"], j["pca"]) + attractors);
    return j;
}

}  // namespace topdown
