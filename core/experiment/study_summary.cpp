#include "experiment/study_summary.hpp"

#include <algorithm>

#include "analyze/chain_metrics.hpp"
#include "util/errors.hpp"

namespace topdown {

ConditionSummary summarize_condition(const ConditionResult& r, int C) {
    // The chains fed step by step into the same accumulators as the app's live ensemble.
    EnsembleMetrics metrics(r.chains, C);
    TransitionAccumulator transitions(C);
    std::vector<int> step_states(static_cast<std::size_t>(r.chains));
    ConditionSummary s;
    for (int step = 0; step < r.steps; ++step) {
        for (int c = 0; c < r.chains; ++c) step_states[std::size_t(c)] = r.states[std::size_t(c) * r.steps + step];
        metrics.add_step(step_states);  // throws ArgumentError for a state outside 0..C
        transitions.add_step(step_states);
        std::vector<int> hist(static_cast<std::size_t>(C + 1), 0);
        for (int st : step_states) {
            if (st < 0) throw ArgumentError("state " + std::to_string(st) + " is outside 0.." + std::to_string(C));
            ++hist[std::size_t(st)];
        }
        s.mode_state.push_back(static_cast<int>(std::max_element(hist.begin(), hist.end()) - hist.begin()));
        if (r.condition.bias.method == BiasMethod::Label)
            s.accuracy.push_back(double(hist[std::size_t(r.condition.bias.class_a)]) / r.chains);
    }
    s.visited_per_chain = metrics.visited_per_chain();
    s.transitions_per_chain = metrics.transitions_per_chain();
    s.visited = metrics.visited();
    s.transitions = metrics.transitions();
    std::vector<double> changes;
    std::vector<std::vector<double>> times(static_cast<std::size_t>(C + 1));
    for (int c = 0; c < r.chains; ++c) {
        const ChainMetrics& m = metrics.chain(c);
        changes.push_back(m.changes);
        for (int k = 0; k <= C; ++k) times[std::size_t(k)].push_back(m.state_time[std::size_t(k)]);
    }
    s.changes = mean_sem(changes);
    for (const auto& t : times) s.state_time.push_back(mean_sem(t));
    s.counts = transitions.counts();
    const auto T = s.counts.normalized();
    s.distance_to_identity = distance_to_identity(T);
    s.between_class = between_class_probability(T);
    s.off_diagonal = off_diagonal_probability(T);
    return s;
}

std::map<std::string, MethodSummary> summarize_methods(const std::vector<ConditionResult>& results, int C) {
    std::map<std::string, MethodSummary> out;
    std::map<std::string, std::vector<double>> non_class;
    for (const auto& r : results) {
        auto& m = out[r.condition.method_name()];
        if (m.conditions == 0) {
            m.method = r.condition.method_name();
            m.counts = TransitionCounts(C);
            m.active_top_per_step.assign(std::size_t(r.steps), 0.0);
        }
        ++m.conditions;
        const ConditionSummary s = summarize_condition(r, C);
        m.visited_per_chain.insert(m.visited_per_chain.end(), s.visited_per_chain.begin(), s.visited_per_chain.end());
        auto& tr = non_class[r.condition.method_name()];
        for (int c = 0; c < r.chains; ++c) {
            int n = 0;
            for (int st : r.chain_states(c)) n += st == C;
            tr.push_back(n);
        }
        m.counts.merge(s.counts);
        if (!s.accuracy.empty()) {
            if (m.accuracy.empty()) m.accuracy.assign(s.accuracy.size(), 0.0);
            for (std::size_t i = 0; i < s.accuracy.size(); ++i) m.accuracy[i] += s.accuracy[i];
        }
        for (int st = 0; st < r.steps && st < int(m.active_top_per_step.size()); ++st)
            m.active_top_per_step[std::size_t(st)] += r.active_mean(st, r.active_mean.cols() - 1);
    }
    for (auto& [name, m] : out) {
        m.visited = mean_sem(m.visited_per_chain);
        std::vector<double> trans_all;
        for (const auto& r : results)
            if (r.condition.method_name() == name) {
                const ConditionSummary s = summarize_condition(r, C);
                trans_all.insert(trans_all.end(), s.transitions_per_chain.begin(), s.transitions_per_chain.end());
            }
        m.transitions = mean_sem(trans_all);
        m.non_class_time = mean_sem(non_class[name]);
        const auto T = m.counts.normalized();
        m.distance_to_identity = distance_to_identity(T);
        m.between_class = between_class_probability(T);
        m.off_diagonal = off_diagonal_probability(T);
        for (auto& a : m.accuracy) a /= m.conditions;
        for (auto& a : m.active_top_per_step) a /= m.conditions;
    }
    return out;
}

}  // namespace topdown
