// PNG figures of a study, drawn on the Canvas (no GL).
#pragma once
#include <map>
#include <string>

#include "experiment/study_summary.hpp"

namespace topdown {

// Per-condition visited states (mean ± SEM), bars grouped and coloured by method.
void plot_visited_states(const std::string& path, const std::vector<ConditionResult>& results,
                         const std::vector<ConditionSummary>& summaries);

// A (C+1) x (C+1) transition-matrix heatmap with the values printed in the cells.
void plot_transition_heatmap(const std::string& path, const Eigen::MatrixXd& matrix,
                             const std::vector<std::string>& state_names, const std::string& title);

// Mean state time: rows = label conditions, columns = states.
void plot_state_time(const std::string& path, const std::vector<ConditionResult>& results,
                     const std::vector<ConditionSummary>& summaries, const std::vector<std::string>& state_names);

// Energy of each layer over the first `steps` steps, one line per method (mean over its conditions).
void plot_energy(const std::string& path, const std::vector<ConditionResult>& results, int steps);

// PCA trajectories: panels (label, 10 best chimeras, random) at 10 log-spaced steps; time as colour
// saturation; dark halo where the step's most frequent state is the non-class state.
void plot_pca(const std::string& path, const std::vector<ConditionResult>& results,
              const std::vector<ConditionSummary>& summaries, const std::vector<Matrix>& projections, int num_classes,
              const std::string& title);

// Example filmstrips: the first chain of each label condition and of the 5 best chimeras, each frame drawn as
// an image_rows x image_cols image at scale 2 (a shape <= 0 writes nothing; a filmstrip of another width
// leaves its row empty).
void plot_filmstrips(const std::string& path, const std::vector<ConditionResult>& results,
                     const std::vector<ConditionSummary>& summaries, int image_rows, int image_cols);

}  // namespace topdown
