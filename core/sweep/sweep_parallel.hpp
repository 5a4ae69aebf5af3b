// `sweep run --backend parallel`: per stage, a GNU parallel job list (every task of the stage, one
// `topdown-cli sweep task` line each) run with --jobs N, --joblog and --resume-failed (finished jobs of an
// interrupted run are not started again, failed ones are), optionally on SSH hosts (--sshloginfile; the work
// folder must be on a file system every host sees). Stages run one after the other.
#pragma once
#include "sweep/sweep_backend.hpp"

namespace topdown {

// The job list of stage `s` (one shell command per line).
std::string parallel_job_list(const SweepGraph& g, Stage s, const BackendOptions& o);

// The argv of the GNU parallel run of one stage.
std::vector<std::string> parallel_argv(const SweepGraph& g, Stage s, const BackendOptions& o);

// Writes <work>/parallel/<stage>.jobs and runs GNU parallel on it for every stage with unfinished tasks (or
// prints the lists and commands with o.dry_run); stops after a stage with failed tasks.
BackendReport run_parallel(const SweepGraph& g, const BackendOptions& o);

}  // namespace topdown
