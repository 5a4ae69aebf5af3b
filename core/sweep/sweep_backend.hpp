// What every sweep backend (local, GNU parallel, Slurm) is given and reports back.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include "sweep/sweep_graph.hpp"
#include "util/shell_quote.hpp"
#include "util/task.hpp"

namespace topdown {

struct BackendOptions {
    std::string cli;            // absolute path of topdown-cli (the tasks run `cli sweep task ...`)
    std::string plan_snapshot;  // <work>/plan.json: the plan every task reads
    int workers = 1;            // local / parallel: tasks at once
    int threads = 1;            // threads per task (Slurm: --cpus-per-task)
    int throttle = 0;           // Slurm: % throttle of every array (0: none)
    std::string partition;      // Slurm partition
    std::string sshloginfile;   // parallel: --sshloginfile
    bool dry_run = false;       // print what would run / be submitted, run nothing
    bool wait = false;          // Slurm: wait until the submitted jobs have left the queue
    std::FILE* out = stdout;    // where progress lines go
    const TaskState* interrupt = nullptr;  // local: once cancel is requested (Ctrl-C), start no more tasks
};

struct BackendReport {
    int done = 0, skipped = 0;
    std::vector<std::string> failed;   // task ids that ran and failed
    std::vector<std::string> not_run;  // task ids that never ran (a dependency failed, or not waited for)
    std::vector<std::string> job_ids;  // Slurm job ids submitted
};

// The command line (argv) that runs one task through `topdown-cli sweep task`.
std::vector<std::string> task_argv(const BackendOptions& o, const std::string& work_dir, const std::string& id);

// Fills `failed` / `not_run` of a report from the manifest: every task of `g` that is not finished.
void report_from_manifest(const SweepGraph& g, BackendReport& r);

}  // namespace topdown
