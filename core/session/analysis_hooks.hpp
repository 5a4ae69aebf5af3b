// Where the state classifier, the metrics and the PCA basis plug into a live session: the classifier's
// verdicts, the ensemble metrics summary and the PCA projection, called by the Simulation after every step.
// The counting itself is the batch studies' (core/analyze: EnsembleMetrics, TransitionAccumulator).
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

// What the hooks use: the model, its state classifier and PCA basis.
struct AnalysisContext {
    std::shared_ptr<const Dbn> model;
    std::shared_ptr<const StateClassifier> classifier;
    std::shared_ptr<const PcaBasis> pca;  // the model's stored basis, or one fitted when the model was loaded
    // True when a state classifier matching the model's classes is available.
    bool has_classifier() const { return classifier && model && classifier->num_classes() == model->num_classes(); }
    // True when a PCA basis matching the model's hidden layers is available.
    bool has_pca() const;
};

// Live ensemble metrics (docs/METHODS.md §13): per chain, distinct states visited and runs of classes so far;
// mean ± SEM over the chains (EnsembleMetrics, as the batch study).
struct MetricsSummary {
    bool available = false;
    double visited_mean = 0, visited_sem = 0;
    double transitions_mean = 0, transitions_sem = 0;
};

// A point of the PCA trajectory.
struct PcaPoint {
    float x = 0, y = 0;
    int step = 0;    // chain step the point belongs to
    int state = -1;  // classifier state at that step (-1 unknown); C is the non-class state
};

// Classifier: the verdict on every row of `visibles` (N x D). Without a classifier: all unknown.
std::vector<StateVerdict> classify_states(const AnalysisContext& ctx, const Matrix& visibles);

// The states of the verdicts (-1 where unknown), in chain order: what the accumulators take.
std::vector<int> verdict_states(const std::vector<StateVerdict>& verdicts);

// The ensemble summary shown live (mean ± SEM over chains of the metrics so far).
MetricsSummary metrics_summary(const EnsembleMetrics& metrics);

// PCA: projects each chain's hidden activity (layers 1..L, one matrix per layer, one row per chain)
// onto the model's basis. Without a basis: empty.
std::vector<PcaPoint> project_pca(const AnalysisContext& ctx, const std::vector<const Matrix*>& hidden_layers);

}  // namespace topdown
