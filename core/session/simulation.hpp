// The single-threaded heart of a live session: the focused chain (with a bounded history for step back /
// seek) and an ensemble of N chains with the same biasing, advanced in lockstep. The SessionWorker owns one
// and calls it from its thread; tests may drive it directly.
#pragma once
#include <deque>
#include <memory>
#include <optional>

#include "analyze/chain_metrics.hpp"
#include "analyze/transition_matrix.hpp"
#include "data/dataset.hpp"
#include "generate/chain.hpp"
#include "generate/chain_batch.hpp"
#include "session/live_attractors.hpp"
#include "session/snapshot.hpp"

namespace topdown {

class Simulation {
public:
    // `history_capacity`: focused-chain steps kept for step back / seek / filmstrip;
    // `ensemble_capacity`: steps of ensemble statistics kept for the energy curves.
    explicit Simulation(std::size_t history_capacity = 1000, std::size_t ensemble_capacity = 2000);

    // Uses a new model (keeps the params, clamped to the new model's classes) and restarts.
    // Throws ArgumentError when the params do not fit the model (the model is then still set, chains cleared).
    void set_model(std::shared_ptr<const ModelInfo> info, std::shared_ptr<const GenerationModel> model);
    // New chains from `params` (focused chain = stream (seed, 0), ensemble chain i = stream (seed, i)).
    // Throws ArgumentError / DataError; on error the previous chains are kept.
    void restart(const SessionParams& params);
    // Advances the focused chain one step (replaying kept steps after a step back); the ensemble steps
    // whenever the focused chain computes a new newest step. False without chains.
    bool step();
    // Moves the focused chain's cursor one step back; false when that step is not kept.
    bool step_back();
    // Moves the focused chain's cursor to a kept step (of the replay while one runs), or to step 0 while step 1
    // is kept; false when not kept.
    bool seek(int step);
    // Shows a step older than the kept history without losing anything: a second copy of the focused chain
    // replays from step 1 (advanced by step(), one step per call) while the kept steps, the newest step and the
    // ensemble stay as they are; stepping past the replay's end continues in the kept history. False when
    // `step` is kept (use seek) or out of range.
    bool start_replay(int step);
    // True while the focused chain is shown from such a replay.
    bool replaying() const { return replay_ != nullptr; }

    // True once a model is set and chains exist.
    bool ready() const { return chain_ != nullptr; }
    // Current (cursor) step, newest computed step and oldest kept step of the focused chain.
    // While replaying, current and oldest kept are the replay's; the newest step is always the session's.
    int current_step() const { return view() ? view()->current_step() : 0; }
    int newest_step() const { return chain_ ? chain_->history().newest_step() : 0; }
    // The start (0) counts as kept while step 1 is: it can be sought and stepped back to.
    int oldest_kept_step() const {
        const int oldest = view() ? view()->history().oldest_step() : 0;
        return oldest == 1 ? 0 : oldest;
    }
    // The focused chain (null before the first restart).
    const Chain* focused() const { return chain_.get(); }
    // The ensemble (null when the ensemble size is 0).
    const ChainBatch* ensemble() const { return ensemble_.get(); }
    // Params of the running chains (k resolved to the value used).
    const SessionParams& params() const { return params_; }
    // The current model's info (null before set_model).
    const std::shared_ptr<const ModelInfo>& model_info() const { return info_; }
    // Fills the simulation part of a snapshot (model, params, frames, ensemble stats, analysis).
    void fill(Snapshot& s) const;

private:
    const Chain* view() const { return replay_ ? replay_.get() : chain_.get(); }
    void record_new_step();
    std::shared_ptr<const FocusedFrame> focused_frame(const StepRecord& r, std::optional<PcaPoint>& pca);
    void end_replay();
    Matrix sample_image(int index);

    std::size_t history_capacity_, ensemble_capacity_;
    std::shared_ptr<const ModelInfo> info_;
    std::shared_ptr<const GenerationModel> model_;
    AnalysisContext analysis_;
    SessionParams params_;
    std::string description_;
    int intersection_size_ = -1;
    bool empty_start_ = false;
    std::unique_ptr<Chain> chain_;
    std::unique_ptr<ChainBatch> ensemble_;
    std::shared_ptr<const FocusedFrame> start_;  // step 0 (no random numbers used)
    std::deque<std::shared_ptr<const FocusedFrame>> frames_;  // aligned with the chain's kept history
    RingBuffer<EnsembleStep> ensemble_stats_;
    std::vector<int> state_counts_;
    TransitionAccumulator transitions_, focused_transitions_;
    EnsembleMetrics ensemble_metrics_;
    MetricsSummary metrics_;
    AttractorRecorder attractors_;  // the ensemble's record for the attractor analysis (docs/METHODS.md §16.7)
    RingBuffer<PcaPoint> pca_focused_;
    RingBuffer<PcaPoint> pca_ensemble_;   // projection of the ensemble mean, one point per step
    std::unique_ptr<Chain> replay_;  // a replay of the focused chain to show a step older than the kept history
    std::deque<std::shared_ptr<const FocusedFrame>> replay_frames_;
    RingBuffer<PcaPoint> replay_pca_;
    std::optional<Dataset> samples_;  // test split, loaded on first use of BiasMethod::Sample
};

}  // namespace topdown
