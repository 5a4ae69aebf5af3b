// report.md of a study: the per-method table and our numbers beside the papers' (paper_values.hpp).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "experiment/study.hpp"
#include "experiment/study_summary.hpp"

namespace topdown {

// The Markdown report. `meta` gives model, classifier and seed; `mann_whitney` and `pca` are the entries of
// results.json (pca null when none was fitted).
std::string study_markdown(const Dbn& model, const nlohmann::json& meta, const std::vector<ConditionResult>& results,
                           const std::map<std::string, MethodSummary>& methods, const nlohmann::json& mann_whitney,
                           const nlohmann::json& pca);

}  // namespace topdown
