// Estimated wall time and peak memory of sweep tasks, from the costs measured on this project's reference
// machine (README, Performance: 2 cores, Zen 4) and the study memory estimate; calibrated by the costs the
// manifest measured for finished tasks of the same stage (sweep_requests).
#pragma once
#include <cstdint>
#include <vector>

#include "sweep/sweep_plan.hpp"

namespace topdown {

struct TaskCost {
    double seconds = 0;
    std::uint64_t bytes = 0;
};

// A training: CD-1 epochs over the (limited) training set, then read-out, M and k.
TaskCost training_cost(const TrainingSpec& t, int threads);

// A study process running `conditions` conditions (and writing the study outputs when `write_outputs`).
TaskCost study_cost(const std::vector<int>& arch, int classes, int chains, int steps, int conditions, bool write_outputs,
                    int threads);

// Merging the shards of a study with `conditions` conditions and writing every output.
TaskCost merge_cost(const std::vector<int>& arch, int classes, int chains, int steps, int conditions);

}  // namespace topdown
