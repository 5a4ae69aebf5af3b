// N generation chains run as the rows of matrices (docs/METHODS.md §6; 2025 paper Fig. 2a).
//
// Step 1: top-down from H⁰. Step s > 1: bottom-up from the previous visible state (every hidden layer
// sampled, each sample feeding the next), then top-down from the sampled top state. Hidden layers are
// binary samples; the visible layer keeps its probabilities. Row i uses the random stream
// (seed, chain_indices[i]) and the fixed-order kernels, so its trajectory is bit-identical whether it
// runs alone or inside any batch, on any number of threads.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "generate/clamp_mask.hpp"
#include "generate/generation_model.hpp"
#include "generate/temperature.hpp"
#include "math/random.hpp"

namespace topdown {

class TemperingReplicas;

class ChainBatch {
public:
    // `initial_top` is N x n_top (one H⁰ per row); chain_indices[i] names the random stream of row i.
    ChainBatch(std::shared_ptr<const GenerationModel> model, const Matrix& initial_top, std::uint64_t seed,
               std::vector<std::uint64_t> chain_indices, TemperatureSchedule temperature = {});
    ~ChainBatch();
    ChainBatch(ChainBatch&&) noexcept;
    ChainBatch& operator=(ChainBatch&&) noexcept;

    // Advances every chain by one step; `threads` <= 0 uses all cores.
    void step(int threads = 0);

    // Steps done so far (0 before the first step).
    int steps_done() const { return steps_done_; }
    // Number of chains.
    int size() const { return static_cast<int>(rows_); }
    // Number of RBM layers L.
    int depth() const { return model_->depth(); }
    // State of layer l after the last step: 0 = visible probabilities, l >= 1 = binary hidden states
    // (the top layer holds H⁰ before the first step and at step 1, the bottom-up sample afterwards).
    const Matrix& state(int layer) const { return states_[static_cast<std::size_t>(layer)]; }
    // Energies E_l (N x L, column l-1 for layer l) of the last step, on the states above.
    const Matrix& energies() const { return energies_; }
    // Fraction of active units of hidden layer l (1..L) for every chain (mean state value).
    Eigen::VectorXf active_fraction(int layer) const;
    // The model.
    const GenerationModel& model() const { return *model_; }
    // Random stream position of row i (with the visible state, enough to resume the chain).
    std::uint64_t rng_position(int row) const { return rngs_[static_cast<std::size_t>(row)].position(); }
    // Restores row i to a recorded point: visible state, stream position, and the step count (all rows).
    void restore(int row, const float* visible, std::uint64_t rng_position, int steps_done);
    // The tempering replicas when the schedule asks for them (docs/METHODS.md §6.5), else null.
    const TemperingReplicas* tempering() const { return tempering_.get(); }
    // Exchanges the network state (every layer and the energies) of row `row` with row `other_row` of
    // `other` (a tempering swap; the random streams stay where they are).
    void exchange_row(int row, ChainBatch& other, int other_row);
    // Clamps visible pixels of every row from the next step on: after each top-down pass they take the clamp's
    // values, before the energies and the next bottom-up pass (docs/METHODS.md §15). An empty clamp: none.
    void set_visible_clamp(VisibleClamp clamp);

private:
    void bottom_up(std::size_t r0, std::size_t r1, float scale);
    void top_down(std::size_t r0, std::size_t r1, float scale);
    // Energies of layer pair (x below, h above; z = h Wᵀ + a) for rows [r0, r1) into column `col`.
    void add_energies(const Matrix& x, const Matrix& z, const Matrix& h, const float* b, std::size_t r0,
                      std::size_t r1, int col);

    std::shared_ptr<const GenerationModel> model_;
    std::size_t rows_;
    std::vector<CounterRng> rngs_;
    std::vector<Matrix> states_;  // L + 1 matrices
    std::vector<Matrix> pre_;     // pre-activations scratch, per layer (same shapes as states_)
    Matrix energies_;
    TemperatureSchedule temperature_;
    VisibleClamp clamp_;
    int steps_done_ = 0;
    std::unique_ptr<TemperingReplicas> tempering_;
};

}  // namespace topdown
