// Running many chains of one biasing condition: builds every chain's H⁰, steps the batch, and hands each
// step to a callback (the CLI records energies and frames; the experiments classify every state).
#pragma once
#include <functional>
#include <memory>

#include "generate/biasing.hpp"
#include "generate/chain_batch.hpp"
#include "util/task.hpp"

namespace topdown {

struct GenerationRequest {
    BiasSpec bias;
    int chains = 100;
    int steps = 100;
    std::uint64_t seed = 1;
    std::uint64_t first_chain_index = 0;  // chain i uses stream (seed, first_chain_index + i)
    TemperatureSchedule temperature;
    TemperingSpec tempering;              // the ladder of method `tempering` (docs/METHODS.md §6.5)
    int threads = 0;                      // 0: all cores
};

// H⁰ of every chain of a request (N x n_top) and the first chain's description.
Matrix initial_states(const Dbn& model, const GenerationRequest& request, InitialState* first = nullptr);

// The temperature of a request's chains: its schedule, with the tempering ladder for method `tempering` only.
TemperatureSchedule request_temperature(const GenerationRequest& request);

// Runs the request; `on_step` sees the batch after every step. Throws ArgumentError / CancelledError.
void run_generation(std::shared_ptr<const GenerationModel> model, const GenerationRequest& request,
                    const std::function<void(const ChainBatch&)>& on_step, TaskState* task = nullptr);

}  // namespace topdown
