// How a partial replay condition is shown (whether a condition is complete is ReplayProgress::complete(i),
// set by the job itself; partial conditions are never scored).
#pragma once
#include <string>

#include "experiment/replay.hpp"

namespace topdown {

// Text for a partial curve: epochs done of all, e.g. "partial 3/20".
std::string replay_partial_text(const ReplayCurve& c, int total_epochs);

}  // namespace topdown
