#include "analyze/chain_metrics.hpp"

#include <algorithm>

#include "util/errors.hpp"

namespace topdown {

ChainMetricsCounter::ChainMetricsCounter(int C) : C_(C < 0 ? 0 : C), seen_(static_cast<std::size_t>(C_), 0) {
    m_.state_time.assign(static_cast<std::size_t>(C_ + 1), 0);
}

void ChainMetricsCounter::add(int s) {
    if (s < 0 || s > C_) throw ArgumentError("state " + std::to_string(s) + " is outside 0.." + std::to_string(C_));
    ++m_.state_time[static_cast<std::size_t>(s)];
    if (s == C_) return;  // non-class steps are removed before counting runs
    if (!seen_[static_cast<std::size_t>(s)]) {
        seen_[static_cast<std::size_t>(s)] = 1;
        ++m_.visited_states;
    }
    if (s != last_) ++m_.transitions;
    last_ = s;
    m_.changes = m_.transitions > 0 ? m_.transitions - 1 : 0;
}

EnsembleMetrics::EnsembleMetrics(int chains, int C)
    : counters_(static_cast<std::size_t>(chains < 0 ? 0 : chains), ChainMetricsCounter(C < 0 ? 0 : C)) {}

int EnsembleMetrics::add_step(const std::vector<int>& states) {
    const std::size_t n = std::min(states.size(), counters_.size());
    int added = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (states[i] < 0) continue;  // unknown (no classifier)
        counters_[i].add(states[i]);
        ++added;
    }
    return added;
}

std::vector<double> EnsembleMetrics::visited_per_chain() const {
    std::vector<double> v;
    v.reserve(counters_.size());
    for (const auto& c : counters_) v.push_back(c.metrics().visited_states);
    return v;
}

std::vector<double> EnsembleMetrics::transitions_per_chain() const {
    std::vector<double> v;
    v.reserve(counters_.size());
    for (const auto& c : counters_) v.push_back(c.metrics().transitions);
    return v;
}

ChainMetrics chain_metrics(const std::vector<int>& states, int C) {
    ChainMetricsCounter c(C);
    for (int s : states) c.add(s);
    return c.metrics();
}

}  // namespace topdown
