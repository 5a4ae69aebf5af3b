// The four places where the state classifier, the metrics and the PCA basis plug into a live session.
// Each is one function called by the Simulation after every step; until the analysis code lands they
// report "not available" and the UI shows a placeholder. To wire one in, change only its body here
// (and, for the classifier, the fields of AnalysisContext).
#pragma once
#include <Eigen/Core>
#include <limits>
#include <memory>
#include <vector>

#include "analyze/chain_metrics.hpp"
#include "math/matrix.hpp"
#include "classify/state_classifier.hpp"
#include "model/dbn.hpp"

namespace topdown {

// The classifier's verdict on one visible state (docs/METHODS.md §7.4).
struct StateVerdict {
    int state = -1;                                              // 0..C-1 a class, C the non-class state, -1 unknown
    float probability = std::numeric_limits<float>::quiet_NaN(); // of the chosen state
    float entropy = std::numeric_limits<float>::quiet_NaN();     // of the class distribution, in nats
    // True when a classifier produced this verdict.
    bool known() const { return state >= 0; }
};

// What the hooks may use. HOOK: add the loaded classifier (and a fitted PCA basis) here.
struct AnalysisContext {
    std::shared_ptr<const Dbn> model;
    std::shared_ptr<const StateClassifier> classifier;
    std::shared_ptr<const PcaBasis> pca;  // the model's stored basis, or one fitted when the model was loaded
    // True when a state classifier matching the model's classes is available.
    bool has_classifier() const { return classifier && model && classifier->num_classes() == model->num_classes(); }
    // True when a PCA basis matching the model's hidden layers is available.
    bool has_pca() const;
};

// Live ensemble metrics (docs/METHODS.md §13): per chain, states visited and runs of classes so far; mean ± SEM
// over the chains exactly as the batch study computes them (chain_metrics + mean_sem).
struct MetricsSummary {
    bool available = false;
    double visited_mean = 0, visited_sem = 0;
    double transitions_mean = 0, transitions_sem = 0;
};

// Per-chain running counts the metrics hook updates (one counter per chain, any number of classes).
struct MetricsAccumulator {
    std::vector<ChainMetricsCounter> chains;   // the batch metrics, fed one step at a time
    int non_class = -1;                        // index of the non-class state (C)
    // Resets the counts for `chains` chains of a model with `num_classes` classes.
    void reset(int chains, int num_classes);
};

// A point of the PCA trajectory.
struct PcaPoint {
    float x = 0, y = 0;
    int step = 0;    // chain step the point belongs to
    int state = -1;  // classifier state at that step (-1 unknown); C is the non-class state
};

// HOOK 1 (classifier): the verdict on every row of `visibles` (N x D). Without a classifier: all unknown.
std::vector<StateVerdict> classify_states(const AnalysisContext& ctx, const Matrix& visibles);

// HOOK 2 (transition matrix): adds one count per chain to counts(prev, cur) ((C+1) x (C+1), row = from);
// chains with an unknown state on either side are skipped.
void accumulate_transitions(const std::vector<StateVerdict>& prev, const std::vector<StateVerdict>& cur,
                            Eigen::MatrixXi& counts);

// HOOK 3 (metrics): updates the per-chain counts with this step's verdicts and returns the ensemble summary
// (mean ± SEM over chains); not available while the states are unknown. Unknown states are skipped.
MetricsSummary update_metrics(MetricsAccumulator& acc, const std::vector<StateVerdict>& cur);

// HOOK 4 (PCA): projects each chain's hidden activity (layers 1..L, one matrix per layer, one row per chain)
// onto the model's basis. Without a basis: empty.
std::vector<PcaPoint> project_pca(const AnalysisContext& ctx, const std::vector<const Matrix*>& hidden_layers);

}  // namespace topdown
