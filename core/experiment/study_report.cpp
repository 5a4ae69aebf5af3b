#include "experiment/study_report.hpp"

#include <filesystem>
#include <map>
#include <sstream>

#include "analyze/pca.hpp"
#include "experiment/study_figures.hpp"
#include "experiment/study_summary.hpp"
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
std::string f3(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}
}  // namespace

nlohmann::json write_study_outputs(const std::string& out, const std::vector<ConditionResult>& results, const Dbn& model,
                                   const nlohmann::json& meta) {
    namespace fs = std::filesystem;
    if (results.empty()) throw ArgumentError("no study results to write");
    fs::create_directories(out);
    const int C = model.num_classes();
    std::vector<std::string> state_names = model.class_names;
    state_names.push_back(model.dataset == "mnist" ? "non-digit" : "non-class");
    std::vector<ConditionSummary> sums;
    for (const auto& r : results) sums.push_back(summarize_condition(r, C));
    const auto methods = summarize_methods(results, C);

    nlohmann::json j = meta;
    j["state_names"] = state_names;
    // Per condition.
    std::ostringstream csv, tcsv, ecsv, pcsv;
    csv << "id,method,title,k,initial_active,empty,visited_mean,visited_sem,transitions_mean,transitions_sem,changes_mean,"
           "changes_sem,non_class_time_mean,non_class_time_sem,distance_to_identity,between_class,off_diagonal\n";
    tcsv << "scope,from,to,count,probability\n";
    ecsv << "id,step,layer,energy_mean,energy_sem,active_mean\n";
    nlohmann::json jc = nlohmann::json::array();
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        const auto& s = sums[i];
        nlohmann::json st = nlohmann::json::array();
        for (const auto& t : s.state_time) st.push_back(ms(t));
        jc.push_back({{"id", r.condition.id}, {"method", r.condition.method_name()}, {"title", r.condition.title},
                      {"k", r.condition.bias.k}, {"initial_active", r.initial_active}, {"empty", r.empty},
                      {"visited_states", ms(s.visited)}, {"transitions", ms(s.transitions)}, {"changes", ms(s.changes)},
                      {"state_time", st}, {"distance_to_identity", s.distance_to_identity},
                      {"between_class_probability", s.between_class}, {"off_diagonal_probability", s.off_diagonal},
                      {"accuracy_per_step", s.accuracy}, {"mode_state_per_step", s.mode_state},
                      {"transition_counts", matrix_json(s.counts.counts())}});
        csv << r.condition.id << ',' << r.condition.method_name() << ",\"" << r.condition.title << "\"," << r.condition.bias.k << ','
            << r.initial_active << ',' << r.empty << ',' << s.visited.mean << ',' << s.visited.sem << ',' << s.transitions.mean
            << ',' << s.transitions.sem << ',' << s.changes.mean << ',' << s.changes.sem << ',' << s.state_time[std::size_t(C)].mean
            << ',' << s.state_time[std::size_t(C)].sem << ',' << s.distance_to_identity << ',' << s.between_class << ','
            << s.off_diagonal << '\n';
        const auto T = s.counts.normalized();
        for (int a = 0; a <= C; ++a)
            for (int b = 0; b <= C; ++b)
                if (s.counts.counts()(a, b) > 0)
                    tcsv << r.condition.id << ',' << a << ',' << b << ',' << s.counts.counts()(a, b) << ',' << T(a, b) << '\n';
        for (int st2 = 0; st2 < r.steps; ++st2)
            for (Eigen::Index l = 0; l < r.energy_mean.cols(); ++l)
                ecsv << r.condition.id << ',' << st2 + 1 << ',' << l + 1 << ',' << r.energy_mean(st2, l) << ','
                     << r.energy_sem(st2, l) << ',' << r.active_mean(st2, l) << '\n';
    }
    j["conditions"] = jc;
    // Per method, and Mann-Whitney tests (chimeras and random vs label biasing; chimeras vs random).
    nlohmann::json jm = nlohmann::json::object();
    for (const auto& [name, m] : methods) {
        const auto T = m.counts.normalized();
        jm[name] = {{"conditions", m.conditions}, {"visited_states", ms(m.visited)}, {"transitions", ms(m.transitions)},
                    {"non_class_time", ms(m.non_class_time)}, {"distance_to_identity", m.distance_to_identity},
                    {"between_class_probability", m.between_class}, {"off_diagonal_probability", m.off_diagonal},
                    {"transition_matrix", matrix_json(T)}, {"label_accuracy_per_step", m.accuracy},
                    {"active_top_per_step", m.active_top_per_step}};
        for (int a = 0; a <= C; ++a)
            for (int b = 0; b <= C; ++b)
                if (m.counts.counts()(a, b) > 0)
                    tcsv << name << ',' << a << ',' << b << ',' << m.counts.counts()(a, b) << ',' << T(a, b) << '\n';
        plot_transition_heatmap((fs::path(out) / ("transition_" + name + ".png")).string(), T, state_names,
                                "Transition matrix: " + name + " (" + std::to_string(m.conditions) + " conditions)");
    }
    j["methods"] = jm;
    nlohmann::json tests = nlohmann::json::array();
    auto test = [&](const std::string& a, const std::string& b) {
        if (!methods.count(a) || !methods.count(b)) return;
        const auto t = mann_whitney_greater(methods.at(a).visited_per_chain, methods.at(b).visited_per_chain);
        tests.push_back({{"greater", a}, {"than", b}, {"metric", "visited_states"}, {"U", t.u}, {"z", t.z}, {"p", t.p}, {"exact", t.exact}});
    };
    test("intersection", "label");
    test("double", "label");
    test("intersection", "double");
    test("intersection", "random");
    test("label", "random");
    j["mann_whitney"] = tests;

    // PCA on the chain-averaged hidden trajectories of every condition (all layers), and top layer only.
    Eigen::Index rows = 0;
    for (const auto& r : results) rows += r.hidden_mean.rows();
    const Eigen::Index D = results[0].hidden_mean.cols();
    const int top = model.top_size();
    Matrix stacked(rows, D);
    rows = 0;
    for (const auto& r : results) {
        stacked.middleRows(rows, r.hidden_mean.rows()) = r.hidden_mean;
        rows += r.hidden_mean.rows();
    }
    std::vector<Matrix> proj;
    nlohmann::json jp;
    if (stacked.rows() >= 4) {
        const PcaBasis b = fit_pca(stacked, 3);
        const PcaBasis bt = fit_pca(Matrix(stacked.rightCols(top)), 3);
        jp = {{"components", 3},
              {"explained", {b.explained(0, 0), b.explained(0, 1), b.explained(0, 2)}},
              {"explained_2", b.explained(0, 0) + b.explained(0, 1)},
              {"explained_3", b.explained.sum()},
              {"top_layer_explained_2", bt.explained(0, 0) + bt.explained(0, 1)},
              {"top_layer_explained_3", bt.explained.sum()}};
        pcsv << "id,step,pc1,pc2,pc3,mode_state\n";
        for (std::size_t i = 0; i < results.size(); ++i) {
            proj.push_back(pca_project(b, results[i].hidden_mean));
            for (Eigen::Index t = 0; t < proj.back().rows(); ++t)
                pcsv << results[i].condition.id << ',' << t + 1 << ',' << proj.back()(t, 0) << ',' << proj.back()(t, 1) << ','
                     << proj.back()(t, 2) << ',' << sums[i].mode_state[std::size_t(t)] << '\n';
        }
        plot_pca((fs::path(out) / "pca.png").string(), results, sums, proj, C,
                 "Hidden-state trajectories in PCA space (all layers, " + f3(100 * (b.explained(0, 0) + b.explained(0, 1))) +
                     "% variance in 2 PCs)");
    }
    j["pca"] = jp;

    write_file_atomic((fs::path(out) / "metrics.csv").string(), csv.str());
    write_file_atomic((fs::path(out) / "transitions.csv").string(), tcsv.str());
    write_file_atomic((fs::path(out) / "energy.csv").string(), ecsv.str());
    if (!proj.empty()) write_file_atomic((fs::path(out) / "pca.csv").string(), pcsv.str());
    plot_visited_states((fs::path(out) / "visited_states.png").string(), results, sums);
    plot_state_time((fs::path(out) / "state_time.png").string(), results, sums, state_names);
    plot_energy((fs::path(out) / "energy.png").string(), results, 10);
    // Filmstrips need a square visible layer (0: not drawn; e.g. a non-image model).
    plot_filmstrips((fs::path(out) / "filmstrips.png").string(), results, sums, model.layers.empty() ? 0 : [&] {
        const ImageShape shape = visible_image_shape(model.architecture().front());
        return shape.square() ? shape.rows : 0;
    }());
    write_file_atomic((fs::path(out) / "results.json").string(), j.dump(1));

    // Markdown report: our numbers beside the papers' (SPEC §10).
    std::ostringstream md;
    const bool deep = model.depth() > 1;
    md << "# TopDown study report\n\nModel: `" << meta.value("model", std::string("?")) << "` (" << model.architecture_text()
       << ", " << model.dataset << ", read-out " << f3(100 * model.readout_accuracy) << "%, k = " << model.k << ")  \n"
       << "Classifier: `" << meta.value("classifier", std::string("?")) << "`  \nChains x steps per condition: "
       << results[0].chains << " x " << results[0].steps << ", seed " << meta.value("seed", 0) << "\n\n";
    md << "| method | conditions | visited states | transitions (runs) | non-class steps | distance to I | between-class p | off-diagonal p |\n"
          "|---|---|---|---|---|---|---|---|\n";
    for (const char* name : {"label", "double", "intersection", "random"}) {
        if (!methods.count(name)) continue;
        const auto& m = methods.at(name);
        md << "| " << name << " | " << m.conditions << " | " << f3(m.visited.mean) << " ± " << f3(m.visited.sem) << " | "
           << f3(m.transitions.mean) << " ± " << f3(m.transitions.sem) << " | " << f3(m.non_class_time.mean) << " | "
           << f3(m.distance_to_identity) << " | " << f3(m.between_class) << " | " << f3(m.off_diagonal) << " |\n";
    }
    md << "\n## Beside the papers\n\n| quantity | ours | paper |\n|---|---|---|\n";
    auto row = [&](const std::string& q, const std::string& ours, const std::string& paper) {
        md << "| " << q << " | " << ours << " | " << paper << " |\n";
    };
    if (methods.count("label")) {
        const auto& m = methods.at("label");
        row("label biasing: visited states", f3(m.visited.mean) + " ± " + f3(m.visited.sem), deep ? "(2025 Fig. 4a, iDBN > RBM)" : "1.779 ± 0.211 (RBM 2023)");
        row("label biasing: transitions (runs)", f3(m.transitions.mean) + " ± " + f3(m.transitions.sem), deep ? "-" : "2.903 ± 0.538 (RBM 2023)");
        row("label biasing: distance of T to identity", f3(m.distance_to_identity), deep ? "0.811 (iDBN 2025)" : "0.526 (RBM 2025)");
        row("label biasing: between-class transition p", f3(m.between_class), deep ? "0.016 (iDBN 2025)" : "0.010 (RBM 2025)");
        row("label biasing: within-class p (diag mean, classes)", [&] {
            const auto T = m.counts.normalized();
            double d = 0;
            for (int c = 0; c < C; ++c) d += T(c, c);
            return f3(d / C);
        }(), deep ? "-" : "0.870 (RBM 2023)");
        row("label biasing: non-class steps per chain", f3(m.non_class_time.mean) + " ± " + f3(m.non_class_time.sem), deep ? "-" : "76.1 ± 4.2 (digits 1-9, RBM 2023)");
        if (!m.accuracy.empty()) row("label biasing: classifier accuracy at last step", f3(100 * m.accuracy.back()) + "%", deep ? "-" : "11.2% (RBM 2023)");
        if (!m.active_top_per_step.empty())
            row("label biasing: active top units, first -> last step",
                f3(100 * m.active_top_per_step.front()) + "% -> " + f3(100 * m.active_top_per_step.back()) + "%",
                deep ? "-" : "15% -> 22% (RBM 2023)");
    }
    if (methods.count("intersection"))
        row("intersection chimeras: visited states", f3(methods.at("intersection").visited.mean) + " ± " + f3(methods.at("intersection").visited.sem), deep ? "highest of all methods (2025)" : "2.951 ± 0.099 (RBM 2023)");
    if (methods.count("double"))
        row("double-label chimeras: visited states", f3(methods.at("double").visited.mean) + " ± " + f3(methods.at("double").visited.sem), deep ? "between label and intersection (2025)" : "2.104 ± 0.122 (RBM 2023)");
    if (methods.count("intersection")) row("intersection: non-class steps", f3(methods.at("intersection").non_class_time.mean), deep ? "-" : "12.2 (RBM 2023)");
    if (methods.count("double")) row("double-label: non-class steps", f3(methods.at("double").non_class_time.mean), deep ? "-" : "25.0 (RBM 2023)");
    for (const auto& t : tests)
        row("Mann-Whitney (one-sided) " + t["greater"].get<std::string>() + " > " + t["than"].get<std::string>(),
            "p = " + [&] { char b[32]; std::snprintf(b, sizeof b, "%.3g", t["p"].get<double>()); return std::string(b); }(),
            t["greater"] == "intersection" && t["than"] == "label" ? (deep ? "significant (2025)" : "6.7e-5 (RBM 2023)")
            : t["greater"] == "double" && t["than"] == "label" ? (deep ? "-" : "0.139 (RBM 2023)") : "-");
    if (!jp.is_null())
        row("PCA variance explained, 2 / 3 components", f3(100 * jp["explained_2"].get<double>()) + "% / " + f3(100 * jp["explained_3"].get<double>()) + "%",
            deep ? "69.8% / 84.0% (iDBN 2025)" : "-");
    md << "\nFigures: visited_states.png, transition_*.png, state_time.png, energy.png, pca.png, filmstrips.png.  \n"
          "Whether these agree with the papers' qualitative findings is a result, not a test: read the numbers.\n";
    write_file_atomic((fs::path(out) / "report.md").string(), md.str());
    return j;
}

}  // namespace topdown
