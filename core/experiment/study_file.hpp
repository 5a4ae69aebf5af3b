// Study results on disk (kind "study-results" in the TensorFile container): what a shard writes and
// what `topdown-cli merge` reads back, so studies can be split across processes or machines.
#pragma once
#include <nlohmann/json.hpp>

#include "experiment/study.hpp"

namespace topdown {

// Saves results with a header `meta` (study, chains, steps, seed, model, classifier, shard). Throws IoError.
void save_study_results(const std::string& path, const std::vector<ConditionResult>& results, const nlohmann::json& meta);

// Loads results saved by save_study_results; `meta` receives the header. Throws IoError / FileFormatError.
std::vector<ConditionResult> load_study_results(const std::string& path, nlohmann::json* meta = nullptr);

}  // namespace topdown
