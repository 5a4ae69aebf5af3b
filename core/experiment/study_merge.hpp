// Merging study shards (`topdown-cli merge`): the shards of one study, each a .tds file written by
// `topdown-cli experiment --shard i/n`, combined into the study's results in its condition order. Nothing is
// combined before every shard has been checked against the model named by the user (SHA-256 of the file,
// layer count, hidden and visible widths, class count) and against the other shards.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "experiment/study.hpp"

namespace topdown {

struct MergedStudy {
    std::vector<ConditionResult> results;  // in the order of study_conditions()
    nlohmann::json meta;                   // the shards' common header, without shard fields
};

// Checks that results fit `model`: layers, hidden and visible widths, states in 0..C (C = non-class) and
// biased classes below C. `name` (a file) appears in messages. Throws ArgumentError.
void check_results_fit_model(const std::vector<ConditionResult>& results, const Dbn& model, const std::string& name);

// Loads and merges the shard files of one study run on `model` (whose file has SHA-256 `model_sha256`).
// Throws IoError / FileFormatError (a damaged shard) or ArgumentError (shards that do not belong together or
// were run on another model).
MergedStudy merge_study_shards(const std::vector<std::string>& paths, const Dbn& model, const std::string& model_sha256);

}  // namespace topdown
