// One generation step split into its sub-steps, in the order ChainBatch::step runs them (docs/METHODS.md
// §6.1, §17.2): for a step s > 1 the bottom-up pass (h1 from v, h2 from h1, ..., hL from h(L-1)), then the
// top-down pass (h(L-1) from hL, ..., v from h1); step 1 is the top-down pass from H⁰ alone. The sub-steps are
// recomputed for display from the state entering the step (the previous step's record: the visible state and
// the random-stream position) with the chain's own kernels, sigmoid and random stream, so the last sub-step's
// states are bit for bit the step's recorded states. The chain code itself is not touched.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "generate/generation_model.hpp"

namespace topdown {

// The pass a sub-step belongs to.
enum class PhasePass { BottomUp, TopDown };

// One sub-step: one layer updated from its neighbour.
struct StepPhase {
    PhasePass pass = PhasePass::TopDown;
    int layer = 0;                             // the layer it updates (0 = visible)
    int from_layer = 0;                        // the layer it is computed from
    std::vector<float> probabilities;          // the updated layer's probabilities σ(z / T)
    std::vector<std::vector<float>> states;    // every layer 0..L after this sub-step (visible: probabilities)
    std::string caption;                       // one line saying what happens
};

// The state of one chain entering a step.
struct StepStart {
    int step = 1;                              // the step about to run (1-based)
    std::vector<std::vector<float>> layers;    // layers 0..L before the step (step 1: layer L is H⁰)
    std::uint64_t rng_position = 0;            // the chain's random-stream position before the step
};

// The sub-steps of step `start.step` of the chain with random stream (seed, chain_index) at temperature T
// (docs/METHODS.md §17.2). Throws ArgumentError when the layers do not fit the model or T is out of range.
std::vector<StepPhase> step_phases(const GenerationModel& model, const StepStart& start, std::uint64_t seed,
                                   std::uint64_t chain_index, float temperature);

// The one-line caption of a sub-step (also used before a step runs).
std::string phase_caption(PhasePass pass, int layer, int from_layer, int depth);

}  // namespace topdown
