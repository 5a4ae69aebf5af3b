// Everything that defines a generation session apart from the model: biasing, seed, temperature,
// ensemble size and the step to run to. Restarting with the same params reproduces the same chains.
#pragma once
#include <cstdint>
#include <string>

#include "generate/biasing.hpp"
#include "generate/temperature_schedule.hpp"

namespace topdown {

// Limits the session accepts (the UI and the session file reader clamp / reject outside them).
constexpr int kMaxEnsembleSize = 2000;
constexpr int kMaxSessionSteps = 1000000;

struct SessionParams {
    BiasSpec bias;                // method, classes, k (0: the model's); image filled in for Sample
    int sample_index = 0;         // test image used by BiasMethod::Sample
    std::uint64_t seed = 1;       // focused chain = stream (seed, 0), ensemble chain i = stream (seed, i)
    float temperature = 1.0f;     // constant temperature T (T_start of a linear or cosine schedule)
    ScheduleKind schedule = ScheduleKind::Constant;  // temperature over the steps (docs/METHODS.md §6.2.1)
    float t_end = 1.0f;           // T of step `steps` for a linear or cosine schedule
    int ensemble_size = 100;      // chains advanced in lockstep with the focused chain (0 = none)
    int steps = 100;              // Start runs to this step, then pauses
    int threads = 1;              // threads for the ensemble step (leave a core to the UI)
};

// A short human description, e.g. "intersection {2, 9}, k = 149, seed 7, T = 1".
std::string describe(const SessionParams& params);

}  // namespace topdown
