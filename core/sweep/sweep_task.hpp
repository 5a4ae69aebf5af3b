// Running one sweep task, the same way on every backend (`topdown-cli sweep task`): skipped when the manifest
// says it is finished, refused while a dependency is not, otherwise run (up to 1 + retries attempts) as a
// child process of topdown-cli with its output in <work>/logs/, and recorded in the manifest with its
// outputs' SHA-256, wall time and peak memory — or as failed, with the reason.
#pragma once
#include <string>

#include "sweep/sweep_graph.hpp"
#include "sweep/sweep_manifest.hpp"

namespace topdown {

struct TaskRunResult {
    bool ok = false;       // finished (now or before)
    bool skipped = false;  // was already finished: nothing ran
    std::string message;   // one line for people
};

// The log file of task `id` under `work_dir`.
std::string task_log_path(const std::string& work_dir, const std::string& id);

// Runs `task` of graph `g` (plan `plan`) with the topdown-cli at `cli`. Never throws for a failing task (the
// result says so); throws IoError when the manifest cannot be written.
TaskRunResult run_sweep_task(const SweepPlan& plan, const SweepGraph& g, const SweepTask& task, const std::string& cli);

}  // namespace topdown
