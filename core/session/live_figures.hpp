// The app's "export figures": the same figure layer as the studies (core/figure), built from one snapshot of
// the live ensemble: energy per layer (ensemble mean ± SEM and the focused chain), the transition matrix, the
// ensemble's current states, PCA trajectories, and the focused chain's filmstrip with state-coloured frames.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "figure/figure.hpp"
#include "figure/render.hpp"
#include "session/snapshot.hpp"

namespace topdown {

// The figures the snapshot has data for, each with its file name stem ("energy", "transitions", "states",
// "pca", "filmstrip"); none without a model.
std::vector<std::pair<std::string, figure::Figure>> live_figures(const Snapshot& s);

// Writes every live figure as `stem-<name>.<format>` plus its CSV; returns the paths written.
std::vector<std::string> write_live_figures(const Snapshot& s, const std::string& stem, const std::vector<figure::Format>& formats);

}  // namespace topdown
