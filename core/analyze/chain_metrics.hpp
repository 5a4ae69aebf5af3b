// Generativity metrics of one chain's classified states (docs/METHODS.md §8). States are 0..C-1 for classes and
// C for the non-class state.
#pragma once
#include <vector>

#include "analyze/statistics.hpp"

namespace topdown {

struct ChainMetrics {
    int visited_states = 0;        // distinct classes, non-class excluded
    int transitions = 0;           // runs of equal consecutive classes after removing non-class steps
    int changes = 0;               // transitions - 1 (0 when no class was visited)
    std::vector<int> state_time;   // C + 1 entries: steps spent in each state, non-class last
};

// Metrics of one chain of S classified steps. Throws ArgumentError for a state outside 0..C.
ChainMetrics chain_metrics(const std::vector<int>& states, int num_classes);

// The same metrics, fed one step at a time (the live session uses one per ensemble chain): after adding a
// chain's states, metrics() equals chain_metrics(states, C). Any number of classes (no bit masks).
class ChainMetricsCounter {
public:
    explicit ChainMetricsCounter(int num_classes = 0);
    // Adds the chain's next state; throws ArgumentError for a state outside 0..C.
    void add(int state);
    // The metrics of the states added so far.
    const ChainMetrics& metrics() const { return m_; }

private:
    int C_ = 0;
    int last_ = -1;
    std::vector<char> seen_;  // C entries: class visited
    ChainMetrics m_;
};

// The metrics of an ensemble of chains fed one step at a time (the batch study per condition, the app's
// live ensemble): one ChainMetricsCounter per chain, mean ± SEM over the chains with mean_sem.
class EnsembleMetrics {
public:
    // `chains` chains of a model with `num_classes` classes (negative counts are taken as 0).
    explicit EnsembleMetrics(int chains = 0, int num_classes = 0);
    // Adds one state per chain (states[i] for chain i; extra entries are ignored); a negative state means
    // "unknown" and is skipped. Returns how many states were added. Throws ArgumentError for a state above C.
    int add_step(const std::vector<int>& states);
    // Number of chains.
    int chains() const { return static_cast<int>(counters_.size()); }
    // The metrics of chain i so far.
    const ChainMetrics& chain(int i) const { return counters_.at(static_cast<std::size_t>(i)).metrics(); }
    // Distinct classes visited, per chain (chain order).
    std::vector<double> visited_per_chain() const;
    // Runs of classes, per chain.
    std::vector<double> transitions_per_chain() const;
    // Mean ± SEM over the chains of the distinct classes visited.
    MeanSem visited() const { return mean_sem(visited_per_chain()); }
    // Mean ± SEM over the chains of the runs of classes.
    MeanSem transitions() const { return mean_sem(transitions_per_chain()); }

private:
    std::vector<ChainMetricsCounter> counters_;
};

}  // namespace topdown
