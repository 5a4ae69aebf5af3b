// Study results on disk (kind "study-results" in the TensorFile container): what a shard writes and
// what `topdown-cli merge` reads back, so studies can be split across processes or machines.
#pragma once
#include <nlohmann/json.hpp>

#include "experiment/study.hpp"
#include "model/tensor_file.hpp"

namespace topdown {

// The container of a study file: header `meta` + "kind" + the condition list, 7 arrays per condition.
TensorFile study_to_tensor_file(const std::vector<ConditionResult>& results, const nlohmann::json& meta);

// Saves results with a header `meta` (study, chains, steps, seed, model, classifier, shard). Throws IoError.
void save_study_results(const std::string& path, const std::vector<ConditionResult>& results, const nlohmann::json& meta);

// Loads results saved by save_study_results; `meta` receives the header. Every array's shape is checked against
// its condition, the header and the other conditions (one chains x steps, one layer count, one hidden and one
// visible width for the whole file). Throws IoError / FileFormatError.
std::vector<ConditionResult> load_study_results(const std::string& path, nlohmann::json* meta = nullptr);

// The same from bytes (for fuzzing and tests); `name` appears in messages. Throws FileFormatError.
std::vector<ConditionResult> parse_study_results(const unsigned char* data, std::size_t size, const std::string& name,
                                                 nlohmann::json* meta = nullptr);

// The sizes every condition of a study file shares (all zero for a file without conditions).
struct StudyShape {
    int chains = 0, steps = 0;
    int layers = 0;   // L: columns of energy_mean, energy_sem, active_mean
    int hidden = 0;   // n_1 + ... + n_L: columns of hidden_mean
    int visible = 0;  // D: columns of filmstrip
};

// The shape of results loaded by load_study_results / parse_study_results (which checked it is uniform).
StudyShape study_shape(const std::vector<ConditionResult>& results);

}  // namespace topdown
