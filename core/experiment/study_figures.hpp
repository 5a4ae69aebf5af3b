// The figures of a study as data (core/figure): visited states and transitions per method as distributions
// with Mann-Whitney brackets, state-time heatmaps, transition matrices, energy per layer with SEM bands, PCA
// trajectories and filmstrips with state-coloured frames. study_report writes them (PNG/SVG/PDF + CSV).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "experiment/study_summary.hpp"
#include "figure/figure.hpp"
#include "figure/render.hpp"

namespace topdown {

// Which files a figure is written as: formats and the PNG's pixels per point.
struct FigureOptions {
    std::vector<figure::Format> formats = figure::default_formats();
    double png_scale = 2.0;
};

// What the study figures are built from.
struct StudyFigureInput {
    const std::vector<ConditionResult>& results;
    const std::vector<ConditionSummary>& sums;                 // one per result
    const std::map<std::string, MethodSummary>& methods;       // pooled per method
    std::vector<std::string> state_names;                      // classes, then the non-class state
    int num_classes = 0;
    int image_rows = 0, image_cols = 0;                        // the model's image shape
};

// The methods present, in the papers' order (label, double, intersection, random, sample).
std::vector<std::string> ordered_methods(const std::map<std::string, MethodSummary>& methods);

// Text of a significance bracket: "p < 0.001 ***", "p = 0.012 *", "n.s. (p = 0.41)".
std::string significance_text(double p);

// Visited states and transitions per chain, one distribution (violin + box + every chain) per method, with
// brackets for the Mann-Whitney tests of the study's pairs (one-sided, docs/METHODS.md §9.3).
figure::Figure visited_transitions_figure(const StudyFigureInput& in);

// A method's pooled transition matrix as a heatmap in percent, with state swatches and a colour bar.
figure::Figure transition_figure(const std::string& method, const MethodSummary& m, const std::vector<std::string>& state_names,
                                 int num_classes);

// Share of steps spent in each state: per method (pooled) and per label condition, as heatmaps in percent.
figure::Figure state_time_figure(const StudyFigureInput& in);

// Energy of each layer over the first `steps` steps: one line per method (mean of its conditions) with a band
// of ± SEM (the SEM of that mean: sqrt(sum of the conditions' squared SEMs) / conditions).
figure::Figure energy_figure(const StudyFigureInput& in, int steps);

// PCA trajectories: panels (label, 10 best chimeras, random) at 10 log-spaced steps; time as saturation; a
// dark ring where the step's most frequent state is the non-class state.
figure::Figure pca_figure(const StudyFigureInput& in, const std::vector<Matrix>& projections, const std::string& title);

// Example filmstrips: the first chain of each label condition, the 5 best chimeras and a few random starts,
// each frame framed in the colour of its classified state (empty figure when the image shape is unknown).
figure::Figure filmstrip_figure(const StudyFigureInput& in);

// Writes a figure as `dir/name.<format>` for each format plus `dir/name.csv`.
void write_study_figure(const figure::Figure& f, const std::string& dir, const std::string& name, const FigureOptions& options);

}  // namespace topdown
