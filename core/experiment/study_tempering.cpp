#include "experiment/study_tempering.hpp"

#include <cstdio>
#include <sstream>

#include "analyze/statistics.hpp"
#include "generate/tempering_spec.hpp"
#include "util/number_format.hpp"

namespace topdown {

namespace {
const char* const kCompared[] = {"label", "intersection", "tempering"};

// Per condition of `method`: the joint energy Σ_l E_l averaged over chains and steps (all steps, and the
// last step alone).
void method_energies(const std::vector<ConditionResult>& results, const std::string& method, std::vector<double>& all,
                     std::vector<double>& last) {
    for (const auto& r : results) {
        if (r.condition.method_name() != method || r.energy_mean.rows() == 0) continue;
        const Eigen::VectorXd joint = r.energy_mean.cast<double>().rowwise().sum();
        all.push_back(joint.mean());
        last.push_back(joint(joint.size() - 1));
    }
}

}  // namespace

nlohmann::json tempering_comparison_json(const std::vector<ConditionResult>& results,
                                         const std::map<std::string, MethodSummary>& methods) {
    if (!methods.count("tempering")) return nullptr;
    nlohmann::json j;
    const TemperingSpec d;
    j["ladder"] = "geometric, " + std::to_string(d.replicas) + " replicas, T = 1 .. " + f3(d.t_max) +
                  ", adjacent swaps proposed after every " + (d.swap_every == 1 ? std::string("step") : std::to_string(d.swap_every) + " steps") +
                  " (docs/METHODS.md §6.5)";
    nlohmann::json rows = nlohmann::json::object();
    for (const char* name : kCompared) {
        if (!methods.count(name)) continue;
        const MethodSummary& m = methods.at(name);
        std::vector<double> all, last;
        method_energies(results, name, all, last);
        const MeanSem ea = mean_sem(all), el = mean_sem(last);
        rows[name] = {{"conditions", m.conditions},
                      {"visited_states", {{"mean", m.visited.mean}, {"sem", m.visited.sem}}},
                      {"transitions", {{"mean", m.transitions.mean}, {"sem", m.transitions.sem}}},
                      {"non_class_steps", m.non_class_time.mean},
                      {"joint_energy_mean", {{"mean", ea.mean}, {"sem", ea.sem}}},
                      {"joint_energy_last_step", {{"mean", el.mean}, {"sem", el.sem}}}};
    }
    j["methods"] = rows;
    nlohmann::json tests = nlohmann::json::array();
    const std::pair<const char*, const char*> pairs[] = {
        {"tempering", "label"}, {"tempering", "intersection"}, {"intersection", "tempering"}};
    for (const auto& [a, b] : pairs) {
        if (!methods.count(a) || !methods.count(b)) continue;
        const auto t = mann_whitney_greater(methods.at(a).visited_per_chain, methods.at(b).visited_per_chain);
        tests.push_back({{"greater", a}, {"than", b}, {"metric", "visited_states"}, {"U", t.u}, {"z", t.z}, {"p", t.p}});
    }
    j["mann_whitney"] = tests;
    return j;
}

std::string tempering_comparison_markdown(const std::vector<ConditionResult>& results,
                                          const std::map<std::string, MethodSummary>& methods) {
    const nlohmann::json j = tempering_comparison_json(results, methods);
    if (j.is_null()) return {};
    std::ostringstream md;
    md << "\n## Parallel tempering beside chimera biasing\n\nTempering: " << j["ladder"].get<std::string>()
       << "; the T = 1 replica is classified. Joint energy = Σ_l E_l at T = 1 (§3.2), mean over chains.\n\n"
          "| method | conditions | visited states | transitions (runs) | non-class steps | joint energy (all steps) | joint energy (last step) |\n"
          "|---|---|---|---|---|---|---|\n";
    auto pm = [](const nlohmann::json& x) { return f3(x["mean"].get<double>()) + " ± " + f3(x["sem"].get<double>()); };
    for (const char* name : kCompared) {
        if (!j["methods"].contains(name)) continue;
        const auto& r = j["methods"][name];
        md << "| " << name << " | " << r["conditions"].get<int>() << " | " << pm(r["visited_states"]) << " | "
           << pm(r["transitions"]) << " | " << f3(r["non_class_steps"].get<double>()) << " | " << pm(r["joint_energy_mean"])
           << " | " << pm(r["joint_energy_last_step"]) << " |\n";
    }
    md << "\n";
    for (const auto& t : j["mann_whitney"])
        md << "- Mann-Whitney (one-sided, visited states per chain) " << t["greater"].get<std::string>() << " > "
           << t["than"].get<std::string>() << ": p = " << g3(t["p"].get<double>()) << "\n";
    return md.str();
}

}  // namespace topdown
