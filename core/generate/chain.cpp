#include "generate/chain.hpp"

namespace topdown {

Chain::Chain(std::shared_ptr<const GenerationModel> model, const Vector& initial_top, std::uint64_t seed,
             std::uint64_t chain_index, TemperatureSchedule temperature, std::size_t history_capacity)
    : batch_(std::move(model), initial_top, seed, {chain_index}, std::move(temperature)), history_(history_capacity) {}

const StepRecord& Chain::step() {
    if (cursor_ < history_.newest_step()) {
        ++cursor_;
        return *history_.find(cursor_);
    }
    if (batch_.steps_done() != cursor_) {  // the batch moved on or was rewound: resume from the cursor
        const StepRecord* r = history_.find(cursor_);
        batch_.restore(0, r->visible.data(), r->rng_position, cursor_);
    }
    batch_.step(1);
    history_.push(record_row(batch_, 0));
    cursor_ = batch_.steps_done();
    return *history_.find(cursor_);
}

bool Chain::step_back() { return cursor_ > 0 && seek(cursor_ - 1); }

bool Chain::seek(int step) {
    if (step == 0 && (history_.newest_step() == 0 || history_.find(1))) {  // the start, before step 1
        cursor_ = 0;
        return true;
    }
    if (!history_.find(step)) return false;
    cursor_ = step;
    return true;
}

}  // namespace topdown
