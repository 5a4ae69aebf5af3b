// Figures of the attractor sections of a study (docs/METHODS.md §16.6), through core/figure: each writes
// `base` in the study's figure formats (`base`.png, .svg, .pdf as chosen) and the data behind it as `base`.csv.
#pragma once
#include <string>
#include <vector>

#include "experiment/study_attractors.hpp"
#include "experiment/study_figures.hpp"

namespace topdown {

// Per condition, the mean fraction of steps memorised / novel / spurious (± SEM over chains), one line each
// (nothing without a census).
void plot_census(const std::string& base, const std::vector<AttractorSummary>& conditions, const FigureOptions& options);

// Per method (rows) and state (columns), the mean dwell time (steps per run) as a heatmap.
void plot_dwell(const std::string& base, const std::vector<AttractorSummary>& methods, const std::vector<std::string>& state_names, const FigureOptions& options);

// Per condition, the entropy production (points, coloured by method) with its bootstrap interval (a segment).
void plot_entropy_production(const std::string& base, const std::vector<AttractorSummary>& conditions, const FigureOptions& options);

// Per condition, the integrated autocorrelation time (mean ± SEM over chains) of the top-layer activity and of
// the modal-class indicator, bars coloured by method, in two panels.
void plot_mixing(const std::string& base, const std::vector<AttractorSummary>& conditions, const FigureOptions& options);

}  // namespace topdown
