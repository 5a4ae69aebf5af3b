// `sweep run --backend slurm`: one sbatch script per stage, each a job array over the stage's unfinished tasks
// (the array index is the task's position in its stage, read from SLURM_ARRAY_TASK_ID), with a % throttle,
// afterok dependencies on the stages before it, and memory / time requests from the tasks' costs (calibrated
// by the costs measured for finished tasks of the same stage). Submitted with sbatch, or printed (--dry-run).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sweep/sweep_backend.hpp"
#include "sweep/sweep_manifest.hpp"

namespace topdown {

struct SlurmRequest {
    std::vector<int> indices;       // unfinished tasks of the stage
    int cpus = 1;
    std::uint64_t mem_mb = 0;       // --mem per array task
    int minutes = 0;                // --time per array task
    double time_factor = 1, mem_factor = 1;  // measured / estimated of finished tasks (1: no measurement)
    int measured = 0;               // finished tasks of the stage the factors come from
};

// The request for the unfinished tasks of stage `s`: the largest estimate, scaled by the largest measured /
// estimated ratio among finished tasks of the stage, with head room (x1.5 memory, x3 + 2 min time).
SlurmRequest slurm_request(const SweepGraph& g, Stage s, const Manifest& m, int threads);

// "0-3,5,7-8%4": array indices as ranges, with a throttle (0: none).
std::string slurm_array_spec(const std::vector<int>& indices, int throttle);

// A time limit for sbatch: "D-HH:MM:00".
std::string slurm_time(int minutes);

// "td-<sweep>-<8 hex of the work folder's SHA-256>-": the job names of one sweep start with it.
std::string slurm_job_prefix(const std::string& sweep_name, const std::string& work_dir);

// The sbatch script of one stage.
std::string slurm_script(const SweepGraph& g, Stage s, const SlurmRequest& r, const BackendOptions& o,
                         const std::string& sweep_name);

// Writes <work>/slurm/<stage>.sbatch and submit.sh, then submits (or, with o.dry_run, prints the scripts and
// the submission commands). Refuses (Error) while jobs of this sweep are still in the queue. With o.wait, waits for the jobs to leave the queue and reports from the manifest.
// Throws Error when sbatch fails.
BackendReport run_slurm(const SweepGraph& g, const BackendOptions& o, const std::string& sweep_name);

}  // namespace topdown
