// The attractor sections of a study's outputs (docs/METHODS.md §16.6): census (memorised / novel / spurious),
// dwell times, detailed balance and entropy production, autocorrelation and effective sample size, per
// condition and per method, as CSV tables, PNG figures and the Markdown appended to report.md.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analyze/label_runs.hpp"
#include "analyze/nonequilibrium.hpp"
#include "analyze/statistics.hpp"
#include "experiment/study.hpp"
#include "experiment/study_figures.hpp"

namespace topdown {

// Everything the attractor sections report about a set of chains (one condition, or all of a method).
struct AttractorSummary {
    std::string scope;                   // condition id or method name
    std::string method;                  // the method's name
    int chains = 0;
    bool has_census = false;             // a census index was given when the conditions ran
    std::array<MeanSem, 3> verdict;      // per chain: fraction of steps memorised / novel / spurious (CensusVerdict order)
    int runs = 0;                        // runs (visited states) counted by the census
    MeanSem visible_distance, top_distance;  // over runs: distance to the nearest training image
    std::vector<StateDwell> dwell;       // per state 0..C
    FluxAnalysis flux;                   // pooled transition counts
    NonequilibriumIntervals intervals;   // bootstrap over chains
    bool has_activity = false;           // top-layer activity recorded
    MeanSem tau_activity, ess_activity;  // per chain, top-layer activity
    MeanSem tau_label, ess_label;        // per chain, modal-state indicator
    int constant_label_chains = 0;       // chains that never left one state (tau = n by convention)
    MeanSem first_passage;               // per chain with a change: steps to the first state change
    int censored = 0;                    // chains without a change
};

// The summary of `conditions` (all run with the same chains x steps). The bootstrap uses `replicates`
// resamples seeded with `seed`.
AttractorSummary summarize_attractors(const std::vector<const ConditionResult*>& conditions, int num_classes,
                                      const std::string& scope, int replicates, std::uint64_t seed);

// Writes census.csv, census_runs.csv, dwell.csv, nonequilibrium.csv, mixing.csv and the figures
// census_verdicts, dwell_times, entropy_production, mixing_iat (in the formats of `figures`, each with a .csv)
// into `out_dir`; returns the report's Markdown sections.
std::string write_study_attractors(const std::string& out_dir, const std::vector<ConditionResult>& results, const Dbn& model,
                                   const std::vector<std::string>& state_names, std::uint64_t seed,
                                   const FigureOptions& figures = {});

}  // namespace topdown
