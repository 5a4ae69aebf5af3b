// Statistics of study results: per condition and pooled per method (docs/METHODS.md §8, §9.3).
#pragma once
#include <map>

#include "analyze/statistics.hpp"
#include "analyze/transition_matrix.hpp"
#include "experiment/study.hpp"

namespace topdown {

struct ConditionSummary {
    MeanSem visited, transitions, changes;
    std::vector<MeanSem> state_time;     // C + 1, non-class last
    TransitionCounts counts;
    double distance_to_identity = 0, between_class = 0, off_diagonal = 0;
    std::vector<double> accuracy;        // per step: fraction classified as the biased label (label conditions)
    std::vector<int> mode_state;         // per step: most frequent state over chains
    std::vector<double> visited_per_chain, transitions_per_chain;
};

// Summary of one condition; C = number of classes.
ConditionSummary summarize_condition(const ConditionResult& r, int num_classes);

struct MethodSummary {
    std::string method;
    int conditions = 0;
    MeanSem visited, transitions, non_class_time;
    TransitionCounts counts;
    double distance_to_identity = 0, between_class = 0, off_diagonal = 0;
    std::vector<double> visited_per_chain;
    std::vector<double> accuracy;  // label: mean over labels per step
    std::vector<double> active_top_per_step;
};

// Pools the conditions of each method ("label", "double", "intersection", "random").
std::map<std::string, MethodSummary> summarize_methods(const std::vector<ConditionResult>& results, int num_classes);

}  // namespace topdown
