#include "session/slow_motion.hpp"

#include <algorithm>
#include <cmath>

namespace topdown {

void SlowMotionClock::start(int phases) {
    phases_ = std::max(0, phases);
    progress_ = 0;
    paused_ = false;
}

void SlowMotionClock::advance(double dt, double seconds_per_phase) {
    if (!active() || paused_ || finished() || !(dt > 0) || !(seconds_per_phase > 0)) return;
    progress_ = std::min(static_cast<double>(phases_ + 1), progress_ + dt / seconds_per_phase);
}

void SlowMotionClock::step_by(int delta) {
    if (!active()) return;
    paused_ = true;
    const int target = phase() + delta;
    // Past the last sub-step by hand: finished (the step is then taken, as when the clock runs out).
    progress_ = target >= phases_ ? static_cast<double>(phases_ + 1) : static_cast<double>(std::max(target, -1) + 1);
}

int SlowMotionClock::phase() const {
    if (!active()) return -1;
    const int k = static_cast<int>(std::floor(progress_)) - 1;
    return std::clamp(k, -1, phases_ - 1);
}

}  // namespace topdown
