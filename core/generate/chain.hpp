// One generation chain stepped one step at a time, with a history to step back and scrub through.
#pragma once
#include <memory>

#include "generate/chain_batch.hpp"
#include "generate/step_record.hpp"

namespace topdown {

class Chain {
public:
    // A chain from H⁰ (1 x n_top) using the random stream (seed, chain_index); keeps the newest
    // `history_capacity` steps (0 = all).
    Chain(std::shared_ptr<const GenerationModel> model, const Vector& initial_top, std::uint64_t seed,
          std::uint64_t chain_index, TemperatureSchedule temperature = {}, std::size_t history_capacity = 0);

    // Advances one step: replays the kept record when the cursor is behind the newest step, computes
    // otherwise. The result is the same either way. Returns the record of the new current step.
    const StepRecord& step();
    // Moves the cursor one step back (from step 1 to the start, 0, while step 1 is kept); false when that step is
    // no longer kept or at 0.
    bool step_back();
    // Moves the cursor to a kept step, or to 0 (before step 1) while step 1 is kept; false otherwise.
    bool seek(int step);
    // The current step (0 before the first step).
    int current_step() const { return cursor_; }
    // The record of the current step (nullptr before the first step).
    const StepRecord* current() const { return history_.find(cursor_); }
    // Clamps visible pixels from the next computed step on (docs/METHODS.md §15).
    void set_visible_clamp(VisibleClamp clamp) { batch_.set_visible_clamp(std::move(clamp)); }
    // All kept steps.
    const StepHistory& history() const { return history_; }

private:
    ChainBatch batch_;
    StepHistory history_;
    int cursor_ = 0;
};

}  // namespace topdown
