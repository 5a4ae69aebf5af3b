// What the network view reads from a snapshot (docs/METHODS.md §17): every layer's state of a focused-chain
// frame as floats, one unit's recent history, and the state entering a step, from which the slow motion
// recomputes the step's sub-steps (generate/step_phases).
#pragma once
#include <optional>
#include <vector>

#include "generate/step_phases.hpp"
#include "session/snapshot.hpp"

namespace topdown {

// Layers 0..L of a frame as floats: the visible probabilities, then each hidden layer's bits as 0 / 1.
// `sizes` are the model's layer sizes from the visible layer up.
std::vector<std::vector<float>> frame_layers(const FocusedFrame& f, const std::vector<int>& sizes);

// One point of a unit's history: its state (0 / 1 for hidden units, the probability for a visible one).
struct UnitSample {
    int step = 0;
    float value = 0;
};

// The unit's value in every kept frame up to the cursor (oldest first, at most `max_steps` of the newest).
std::vector<UnitSample> unit_history(const Snapshot& s, int layer, int unit, std::size_t max_steps);

// The state entering step `step` of the focused chain: the start frame's H⁰ for step 1 (lower layers 0, as the
// chain starts), the kept frame of step - 1 otherwise, with its random-stream position. nullopt when that
// frame is not in the snapshot (no model, no chains, or older than the kept frames).
std::optional<StepStart> focused_step_start(const Snapshot& s, int step);

}  // namespace topdown
