// The "tempering beside chimeras" part of a study report (docs/METHODS.md §10.6): per method, visited states,
// transitions, non-class steps and the mean joint energy; one-sided Mann-Whitney tests of visited states
// between tempering, label biasing and intersection chimeras. Empty when the study has no tempering condition.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiment/study.hpp"
#include "experiment/study_summary.hpp"

namespace topdown {

// The comparison as JSON (results.json "tempering_comparison"); null without tempering conditions.
nlohmann::json tempering_comparison_json(const std::vector<ConditionResult>& results,
                                         const std::map<std::string, MethodSummary>& methods);

// The report section (Markdown) of that comparison; empty without tempering conditions.
std::string tempering_comparison_markdown(const std::vector<ConditionResult>& results,
                                          const std::map<std::string, MethodSummary>& methods);

}  // namespace topdown
