// The replay accuracy curves as a figure (core/figure): MNIST accuracy (fixed read-out) and the new dataset's
// accuracy over the epochs of retraining, one line per replay condition (docs/METHODS.md §12).
#pragma once
#include <string>
#include <vector>

#include "experiment/replay.hpp"
#include "figure/figure.hpp"

namespace topdown {

// Two panels (old task, new task), one line with markers per condition; epoch 0 of the old task is the
// accuracy before retraining.
figure::Figure replay_figure(const std::vector<ReplayCurve>& curves, const std::string& new_dataset);

}  // namespace topdown
