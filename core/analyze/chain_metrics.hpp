// Generativity metrics of one chain's classified states (docs/METHODS.md §8). States are 0..C-1 for classes and
// C for the non-class state.
#pragma once
#include <vector>

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

}  // namespace topdown
