// The papers' generation studies (docs/METHODS.md §10): conditions (every label, all class pairs for each
// chimera method, random inits matched to chimera sparsity), each run as N chains x S steps with every
// visible state classified.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analyze/attractor_census.hpp"
#include "classify/state_classifier.hpp"
#include "generate/biasing.hpp"
#include "generate/filmstrip_steps.hpp"
#include "generate/generation_model.hpp"
#include "util/task.hpp"

namespace topdown {

struct Condition {
    std::string id;       // e.g. "label-3", "intersection-2-9", "random-k63"
    BiasSpec bias;        // the method (label, double, intersection, random), classes and k
    std::string title;    // e.g. "C_int {2,9}"
    // The method's name as written in study files ("label", "double", "intersection", "random").
    std::string method_name() const { return to_string(bias.method); }
};

// Conditions of a study ("label", "double", "intersection", "random" or "all"). Random controls use the
// 10 deciles of the 45 intersection sizes as k (matched to chimera sparsity). Throws ArgumentError.
std::vector<Condition> study_conditions(const Dbn& model, const std::string& study, int k = 0);

struct ConditionResult {
    Condition condition;
    int chains = 0, steps = 0;
    int initial_active = 0;
    bool empty = false;
    std::vector<int> states;          // chain-major: states[c * steps + s]
    Matrix energy_mean, energy_sem;   // steps x L
    Matrix active_mean;               // steps x L
    Matrix hidden_mean;               // steps x (n_1 + ... + n_L): chain-averaged hidden activity
    Matrix entropy_mean;              // 1 x steps
    Matrix filmstrip;                 // (3 chains x frames) x D visible states at study_filmstrip_steps()
    Matrix top_activity;              // chains x steps: fraction of active top-layer units (not in study files)
    std::vector<RunCensus> census;    // every run of every chain (empty without a census index; not in study files)
    CensusThresholds census_thresholds;  // the thresholds of the verdicts in `census`

    // States of chain c.
    std::vector<int> chain_states(int c) const;
};

struct StudyOptions {
    int chains = 100;
    int steps = 100;
    std::uint64_t seed = 1;
    int threads = 0;
    std::uint64_t first_chain_index = 0;  // chain i uses stream (condition seed, first_chain_index + i); the app's
                                          // ensemble starts at 1 (stream 0 is its focused chain)
    const CensusIndex* census = nullptr;  // the training set for the attractor census (none: no census)
};

// The seed of a condition: depends only on (session seed, condition id), so shards agree.
std::uint64_t condition_seed(std::uint64_t seed, const std::string& id);

// Runs one condition. Throws ArgumentError / CancelledError.
ConditionResult run_condition(std::shared_ptr<const GenerationModel> model, const StateClassifier& classifier,
                              const Condition& condition, const StudyOptions& options, TaskState* task = nullptr);

}  // namespace topdown
