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

// The record's step-by-step columns, kept by the recorder and shared with every published record: entries
// are only ever appended (a record reads the first `steps` of them), so publishing costs no copy of the history.
struct AttractorColumns {
    int capacity = 0;                 // steps per chain (AttractorRecorder::kMaxSteps)
    std::vector<int> states;          // chain-major: chain c, step t at [c * capacity + t] (0..C)
    std::vector<float> activity;      // same layout: fraction of active top units
};

// What the worker publishes: immutable once shared.
struct AttractorRecord {
    int num_classes = 0;
    int chains = 0;
    int steps = 0;                    // steps recorded (every chain has this many)
    int visible_dims = 0;
    std::uint64_t version = 0;        // increases with every recorded step
    std::shared_ptr<const AttractorColumns> columns;
    // Per chain, the last visible state of each ended run; the open (last) run's is in `last_visible`.
    using RunImages = std::vector<std::shared_ptr<const std::vector<float>>>;
    std::vector<std::shared_ptr<const RunImages>> ended_runs;
    std::shared_ptr<const Matrix> last_visible;  // chains x visible_dims: the last recorded step

    // State of chain `c` at step `t` (0-based, t < steps).
    int state(int c, int t) const { return columns->states[static_cast<std::size_t>(c) * columns->capacity + t]; }
    // Fraction of active top units of chain `c` at step `t`.
    float activity(int c, int t) const { return columns->activity[static_cast<std::size_t>(c) * columns->capacity + t]; }
    // Chain `c`'s states, step by step.
    std::vector<int> chain_states(int c) const;
    // Number of runs (maximal stretches of one state) of chain `c` so far, the open one included.
    int runs(int c) const { return steps == 0 ? 0 : static_cast<int>(ended_runs[static_cast<std::size_t>(c)]->size()) + 1; }
    // The visible state (visible_dims values) that ends run `r` of chain `c` (the open run: the latest step).
    const float* run_last_visible(int c, int r) const;
};

// Records the ensemble step by step (the Simulation owns one; reset on every restart). Each step costs
// O(chains x visible units) whatever the length of the record, and so does publishing it.
class AttractorRecorder {
public:
    static constexpr int kMaxSteps = 1000;  // the record stops growing after this many steps
    // Starts an empty record of `chains` chains of a model with `num_classes` classes.
    void reset(int chains, int num_classes);
    // Adds one step: a state per chain (negative: unknown, the step is skipped), the chains' top-layer activity
    // and visible states (chains x D). Ignored past kMaxSteps or on a chain-count mismatch.
    void add_step(const std::vector<int>& states, const Eigen::VectorXf& top_active, const Matrix& visible);
    // The record so far, shared (a new one only after a step was added since the last call).
    std::shared_ptr<const AttractorRecord> published() const;

private:
    int num_classes_ = 0, chains_ = 0, steps_ = 0;
    std::uint64_t version_ = 0;
    std::shared_ptr<AttractorColumns> columns_;
    // Per chain, shared with published records; a chain's list is copied before it grows while a record holds it.
    std::vector<std::shared_ptr<AttractorRecord::RunImages>> ended_runs_;
    std::shared_ptr<Matrix> last_visible_;  // written in place while no published record holds it
    mutable std::shared_ptr<const AttractorRecord> published_;  // a cache: built on the worker thread only
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
