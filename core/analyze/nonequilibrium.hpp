// Non-equilibrium diagnostics of a state-to-state transition matrix (docs/METHODS.md §16.4): the net flux
// J_ij = pi_i P_ij - pi_j P_ji, its asymmetry, Bowker's symmetry test of the counts (detailed balance), the
// currents and affinities of 3-cycles (Kolmogorov's criterion), the entropy production rate (Schnakenberg),
// and percentile bootstrap confidence intervals over chains.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "analyze/transition_matrix.hpp"

namespace topdown {

// The current around one 3-cycle i -> j -> k -> i (i < j < k).
struct CycleCurrent {
    int i = 0, j = 0, k = 0;
    double current = 0;        // (J_ij + J_jk + J_ki) / 3
    double affinity = 0;       // log(P_ij P_jk P_ki / (P_ik P_kj P_ji)); 0 when not finite
    bool affinity_finite = false;  // all six transitions observed
};

struct FluxAnalysis {
    Eigen::MatrixXd flux;          // J_ij = pi_i P_ij - pi_j P_ji (antisymmetric)
    double traffic = 0;            // sum_{i<j} (pi_i P_ij + pi_j P_ji): the probability of a state change per step
    double asymmetry = 0;          // sum_{i<j} |J_ij| / traffic (0 when traffic is 0): 0 = detailed balance
    double entropy_production = 0; // sigma = 1/2 sum_ij J_ij log(pi_i P_ij / pi_j P_ji), nats per step, over pairs
                                   // with both directions observed
    int one_way_pairs = 0;         // pairs with exactly one direction observed (left out of sigma: sigma is a lower bound)
    double bowker_chi2 = 0;        // sum_{i<j} (n_ij - n_ji)^2 / (n_ij + n_ji) (counts only)
    int bowker_df = 0;             // pairs with n_ij + n_ji > 0
    double bowker_p = 1;           // chi-square survival function at bowker_chi2 with bowker_df degrees of freedom
    std::vector<CycleCurrent> cycles;  // every 3-cycle with a non-zero current, largest |current| first
};

// The analysis of a Markov matrix P (rows sum to 1 or 0) with the distribution pi (not necessarily stationary).
// Throws ArgumentError on mismatched sizes.
FluxAnalysis flux_analysis(const Eigen::VectorXd& pi, const Eigen::MatrixXd& P);

// The analysis of transition counts n_ij: pi_i P_ij = n_ij / n (n all counted transitions), plus Bowker's test.
FluxAnalysis flux_analysis(const TransitionCounts& counts);

// Upper tail of the chi-square distribution, P(X > x) with `df` degrees of freedom (1 for df = 0).
double chi_square_survival(double x, int df);

// A statistic with a percentile bootstrap confidence interval.
struct BootstrapInterval {
    double estimate = 0;  // on all chains
    double lo = 0, hi = 0;
    int replicates = 0;
};

// Entropy production and asymmetry with bootstrap intervals.
struct NonequilibriumIntervals {
    BootstrapInterval entropy_production, asymmetry;
};

// Resamples the chains (their own transition counts, `per_chain`) with replacement `replicates` times,
// replicate b drawing with CounterRng(seed, b); the interval is the (1-level)/2 and (1+level)/2 quantiles.
// Throws ArgumentError for no chains or counts of different sizes.
NonequilibriumIntervals bootstrap_nonequilibrium(const std::vector<TransitionCounts>& per_chain, int replicates,
                                                 std::uint64_t seed, double level = 0.95);

}  // namespace topdown
