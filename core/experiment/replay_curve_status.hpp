// Whether a replay condition's curve is complete (all its epochs ran) or partial (cancelled or failed part
// way, or still running): partial curves are shown as such and are never scored against complete ones.
#pragma once
#include <string>

#include "experiment/replay.hpp"

namespace topdown {

// True when `c` holds all `total_epochs` epochs of both the new-data and the MNIST curve.
bool replay_curve_complete(const ReplayCurve& c, int total_epochs);
// Text for a partial curve: epochs done of all, e.g. "partial 3/20".
std::string replay_partial_text(const ReplayCurve& c, int total_epochs);

}  // namespace topdown
