// Which steps a filmstrip shows: the one place for the studies' fixed schedule and the CLI's log-spaced
// default (kept apart because study files and `generate` outputs store them and must reproduce).
#pragma once
#include <vector>

namespace topdown {

// The steps kept for a study's example filmstrips: 1, 2, 3, 5, 10, 20, 30, 50, 75, 100 clipped to `steps`,
// plus `steps` itself when it is over 100.
std::vector<int> study_filmstrip_steps(int steps);

// Roughly log-spaced steps 1, 2, 3, 5, 10, 20, 30, 50, 100, ... up to `steps` (at most 10), ending at `steps`:
// the default frames of `topdown-cli generate`.
std::vector<int> log_spaced_filmstrip_steps(int steps);

}  // namespace topdown
