// `sweep run --backend local`: the tasks as plain processes on this machine, at most N at once, each started as
// soon as its dependencies have finished.
#pragma once
#include "sweep/sweep_backend.hpp"

namespace topdown {

// Runs every unfinished task of `g` with `o.workers` processes. A task whose dependency failed is not run;
// after an interrupt (o.interrupt) no task starts, the running ones end, the rest count as not run.
BackendReport run_local(const SweepGraph& g, const BackendOptions& o);

}  // namespace topdown
