// The live ensemble's attractor analysis (docs/METHODS.md §16.7): the worker records every ensemble chain's
// states, top-layer activity and the visible state that ends each run (bounded); the app analyses a published
// record off the UI thread with the studies' own functions (summarize_attractors, attractor_census).
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "analyze/attractor_census.hpp"
#include "experiment/study_attractors.hpp"
#include "math/matrix.hpp"

namespace topdown {

// What the worker publishes: immutable once shared.
struct AttractorRecord {
    int num_classes = 0;
    int chains = 0;
    int steps = 0;                                    // steps recorded (every chain has this many)
    std::vector<std::vector<int>> states;             // per chain, per step (0..C)
    std::vector<std::vector<float>> activity;         // per chain, per step: fraction of active top units
    std::vector<std::vector<std::shared_ptr<const std::vector<float>>>> run_last_visible;  // per chain, per run
    std::uint64_t version = 0;                        // increases with every recorded step
};

// Records the ensemble step by step (the Simulation owns one; reset on every restart).
class AttractorRecorder {
public:
    static constexpr int kMaxSteps = 1000;  // the record stops growing after this many steps
    // Starts an empty record of `chains` chains of a model with `num_classes` classes.
    void reset(int chains, int num_classes);
    // Adds one step: a state per chain (negative: unknown, the step is skipped), the chains' top-layer activity
    // and visible states (chains x D). Ignored past kMaxSteps or on a chain-count mismatch.
    void add_step(const std::vector<int>& states, const Eigen::VectorXf& top_active, const Matrix& visible);
    // The record so far, shared (a new copy only after a step was added since the last call).
    std::shared_ptr<const AttractorRecord> published() const;

private:
    AttractorRecord rec_;
    mutable std::shared_ptr<const AttractorRecord> published_;  // a cache: copied on the worker thread only
};

// The analysis shown in the app's Metrics tab.
struct LiveAttractorAnalysis {
    AttractorSummary summary;          // the study's summary of the recorded chains (scope "ensemble")
    std::vector<RunCensus> census;     // every run (empty without an index)
    CensusThresholds thresholds;
    std::uint64_t version = 0;         // of the record analysed
};

// Analyses a record (bootstrap with `replicates` resamples, seed `seed`); the census only when `index` is
// given. Throws ArgumentError on an inconsistent record.
LiveAttractorAnalysis analyze_attractor_record(const AttractorRecord& record, const Dbn& model, const CensusIndex* index,
                                               int replicates, std::uint64_t seed);

}  // namespace topdown
