// A sweep plan (`topdown-cli sweep PLAN.json|PLAN.toml`): trainings (architecture, recipe, dataset, seeds) and
// studies (models trained by the plan or given as files, study kinds, chains, steps, seeds, shards per study).
// Every field is checked on load; unknown keys are errors (a typo must not silently fall back to a default).
#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "util/errors.hpp"

namespace topdown {

// A plan file that cannot be used: the message names the file, the field and what is wrong.
class PlanError : public ArgumentError {
public:
    using ArgumentError::ArgumentError;
};

struct TrainingSpec {
    std::string name;                  // [A-Za-z0-9_.-]+, unique in the plan
    std::string arch = "784-500-500-1000", mode = "iterative", recipe = "idbn2025", dataset = "mnist";
    int epochs = 0;                    // 0: the recipe's
    int batch_size = 0;                // 0: the recipe's
    double lr = 0;                     // 0: the recipe's
    std::uint64_t limit = 0;           // 0: every training image
    std::vector<std::uint64_t> seeds;  // one trained model per seed
};

struct StudySpec {
    std::string name;                  // [A-Za-z0-9_.-]+, unique in the plan
    std::vector<std::string> models;   // training names or model files (absolute after loading)
    std::vector<std::string> kinds;    // label, double, intersection, random, all
    std::string classifier;            // state classifier file (absolute after loading)
    int chains = 100, steps = 100, k = 0;
    std::vector<std::uint64_t> seeds;  // one study run per seed (and per model)
    int shards = 1;                    // `experiment --shard i/n` processes per run, merged afterwards
};

struct SweepPlan {
    std::string name = "sweep";
    std::string work_dir;              // absolute; default: <plan folder>/<name>-work
    int threads = 1;                   // threads of every task (Slurm: --cpus-per-task)
    int retries = 1;                   // extra attempts of a failed task
    int throttle = 0;                  // Slurm: at most this many array tasks at once (0: no limit)
    std::string partition;             // Slurm partition (empty: the cluster's default)
    std::vector<TrainingSpec> trainings;
    std::vector<StudySpec> studies;

    // The training called `name`, or nullptr.
    const TrainingSpec* training(const std::string& name) const;
};

// Checks and converts a parsed plan; relative paths are resolved against `base_dir`; `source` names the file in
// messages. Throws PlanError.
SweepPlan plan_from_json(const nlohmann::json& j, const std::string& base_dir, const std::string& source);

// The plan as JSON (absolute paths), readable by plan_from_json: the snapshot every task of a sweep reads.
nlohmann::json plan_to_json(const SweepPlan& plan);

// Parses plan text: JSON, or TOML when `toml` (if this build has TOML support). Throws PlanError.
SweepPlan parse_plan_text(const std::string& text, bool toml, const std::string& base_dir, const std::string& source);

// Loads a plan file (.json, or .toml when built with toml++). Throws PlanError / IoError.
SweepPlan load_plan(const std::string& path);

// Whether this build reads TOML plans.
bool plan_toml_supported();

}  // namespace topdown
