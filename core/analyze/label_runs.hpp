// Runs of one label in a chain's classified states, and per-state dwell times, fractional occupancy and
// returns over a set of chains (docs/METHODS.md §16.1). States are 0..C-1 for classes and C for non-class.
#pragma once
#include <vector>

namespace topdown {

// One visited state: a run of consecutive steps with one label.
struct LabelRun {
    int label = 0;   // state 0..C
    int start = 0;   // index of the run's first step in the chain (0-based)
    int length = 0;  // number of steps (the run's dwell time)
    // Index of the run's last step.
    int last() const { return start + length - 1; }
};

// The runs of one chain in order (an empty chain has none).
std::vector<LabelRun> label_runs(const std::vector<int>& states);

// A run of chain `chain` of an ensemble.
struct ChainRun {
    int chain = 0;
    LabelRun run;
};

// The runs of every chain, chain-major (chain 0's runs first, each chain's in order).
std::vector<ChainRun> ensemble_runs(const std::vector<std::vector<int>>& chains);

// Dwell statistics of one state over a set of chains.
struct StateDwell {
    int steps = 0;           // steps spent in the state, all chains
    int runs = 0;            // runs of the state, all chains
    int returns = 0;         // sum over chains of (runs in the chain - 1) for chains that visited it
    int max_dwell = 0;       // longest run
    double mean_dwell = 0;   // steps / runs (0 when never visited)
    double occupancy = 0;    // steps / all steps of all chains
};

// StateDwell for every state 0..C (C + 1 entries). Throws ArgumentError for a state outside 0..C.
std::vector<StateDwell> state_dwell(const std::vector<std::vector<int>>& chains, int num_classes);

}  // namespace topdown
