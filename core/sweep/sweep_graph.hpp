// The job graph of a sweep: every training, study shard, merge and the final collect as a task with its
// command line (arguments of topdown-cli), inputs, outputs, dependencies and estimated cost. Stages run in order
// (train -> study -> merge -> collect); one Slurm job array per stage.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sweep/sweep_plan.hpp"

namespace topdown {

enum class Stage { Train = 0, Study = 1, Merge = 2, Collect = 3 };
constexpr int kStageCount = 4;

// "train", "study", "merge", "collect".
const char* stage_name(Stage s);
// The stage called `name`; throws ArgumentError.
Stage parse_stage(const std::string& name);

struct SweepTask {
    std::string id;                    // e.g. "study/s1/idbn-seed1/label/seed-1/shard-0-of-4"
    Stage stage = Stage::Train;
    int index = 0;                     // position within its stage (Slurm: SLURM_ARRAY_TASK_ID)
    std::vector<std::string> args;     // topdown-cli arguments (empty for collect, which runs in-process)
    std::vector<std::string> inputs;   // files read (absolute): their SHA-256 goes into the manifest
    std::vector<std::string> outputs;  // files written (absolute), checked by SHA-256 on resubmission
    std::vector<std::string> deps;     // ids of the tasks that must finish first
    double est_seconds = 0;            // estimated wall time on `threads` threads (README's measured costs)
    std::uint64_t est_bytes = 0;       // estimated peak memory
};

// One study run: a model, a study kind, a seed; its merged results folder is what `sweep collect` reads.
struct StudyRun {
    std::string study, kind;
    std::string group;                 // training name, or the given model file's stem
    std::string model;                 // model file (absolute)
    std::int64_t training_seed = -1;   // -1 for a given model
    std::uint64_t seed = 0;            // study seed
    std::string results_dir;           // folder with results.json after the run (merged when sharded)
};

struct SweepGraph {
    std::string work_dir;
    std::vector<SweepTask> tasks;      // grouped by stage, in stage order
    std::vector<StudyRun> runs;
    std::vector<std::string> trained_models;  // outputs of the train stage, in plan order

    // The tasks of one stage, in index order.
    std::vector<const SweepTask*> stage(Stage s) const;
    // The task with this id, or nullptr.
    const SweepTask* find(const std::string& id) const;
};

// Number of study conditions of a kind for `classes` classes (label C, double / intersection C(C-1)/2,
// random 10, all: their sum), as study_conditions() makes them.
int conditions_of_kind(const std::string& kind, int classes);

// Builds the graph of `plan` with its outputs under `work_dir`. Model files named by studies are opened for
// their architecture (estimates). Throws PlanError / IoError / FileFormatError.
SweepGraph build_graph(const SweepPlan& plan, const std::string& work_dir);

// The collect outputs: <work>/collect/table.csv, table.md, figure.png, figure.svg, figure.csv.
std::vector<std::string> collect_outputs(const std::string& work_dir);

}  // namespace topdown
