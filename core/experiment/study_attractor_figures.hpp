// PNG figures of the attractor sections of a study (docs/METHODS.md §15.6), drawn on the Canvas.
#pragma once
#include <string>
#include <vector>

#include "experiment/study_attractors.hpp"

namespace topdown {

// Per condition, stacked bars of the mean fraction of steps memorised / novel / spurious (nothing without a census).
void plot_census(const std::string& path, const std::vector<AttractorSummary>& conditions);

// Per method (rows) and state (columns), the mean dwell time, shaded by occupancy, with the values printed.
void plot_dwell(const std::string& path, const std::vector<AttractorSummary>& methods, const std::vector<std::string>& state_names);

// Per condition, the entropy production with its bootstrap interval, coloured by method.
void plot_entropy_production(const std::string& path, const std::vector<AttractorSummary>& conditions);

// Per condition, the integrated autocorrelation time (mean ± SEM over chains) of the top-layer activity (top
// panel) and of the modal-class indicator (bottom panel), coloured by method.
void plot_mixing(const std::string& path, const std::vector<AttractorSummary>& conditions);

}  // namespace topdown
