// Mixing of a chain (docs/METHODS.md §16.5): the integrated autocorrelation time with Sokal's self-consistent
// window, the effective sample size, and the first-passage time from the start to the first state change.
#pragma once
#include <vector>

namespace topdown {

struct AutocorrelationTime {
    double tau = 1;        // 1 + 2 sum_{t=1}^{M} rho(t)
    int window = 0;        // M: the smallest M >= c tau(M) (n - 1 when none)
    double ess = 0;        // n / tau
    bool constant = false; // all values equal: tau = n, ess = 1 by convention
};

// Integrated autocorrelation time of a series with Sokal's window constant c (default 5). An empty series
// gives tau 1, ess 0.
AutocorrelationTime integrated_autocorrelation_time(const std::vector<double>& x, double c = 5.0);

struct FirstPassage {
    int steps = 0;          // steps from the first state to the first different one; the series length when censored
    bool censored = false;  // the state never changed
};

// The first index s with states[s] != states[0] (steps from the start); censored when there is none.
FirstPassage first_passage(const std::vector<int>& states);

// 1 where the chain is in its most occupied state (ties: the smallest state), else 0.
std::vector<double> modal_state_indicator(const std::vector<int>& states);

// The mixing of one chain: its top-layer activity series and its class-label indicator series.
struct ChainMixing {
    AutocorrelationTime activity, label;
    FirstPassage passage;
};

// chain_mixing of a chain's top-layer activity (one value per step) and classified states.
ChainMixing chain_mixing(const std::vector<double>& activity, const std::vector<int>& states);

}  // namespace topdown
