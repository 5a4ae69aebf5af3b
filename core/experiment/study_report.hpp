// Every output of a study: JSON and CSV of every metric, transition matrices, PCA projections, figures
// (PNG/SVG/PDF, each with its CSV; core/figure) and a Markdown report with our numbers beside the papers' (docs/METHODS.md §10.4).
#pragma once
#include <nlohmann/json.hpp>

#include "experiment/study.hpp"
#include "experiment/study_figures.hpp"

namespace topdown {

// Writes results.json, metrics.csv, transitions.csv, energy.csv, pca.csv, the figures and report.md into
// `out_dir` (created if needed). `meta` carries the parameters; `model` the architecture and class names;
// `figures` the figure formats.
// Returns the JSON written to results.json.
nlohmann::json write_study_outputs(const std::string& out_dir, const std::vector<ConditionResult>& results,
                                   const Dbn& model, const nlohmann::json& meta, const FigureOptions& figures = {});

}  // namespace topdown
