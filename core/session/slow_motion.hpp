// The clock of the network view's slow motion (docs/METHODS.md §17.2): shows the state before a step for one
// period, then each sub-step for one period, at a speed the lecturer may change at any time (progress is
// accumulated, so a new speed never jumps), or sub-step by sub-step by hand.
#pragma once

namespace topdown {

class SlowMotionClock {
public:
    // Starts over with `phases` sub-steps (the state before the step comes first).
    void start(int phases);
    // Stops (nothing shown).
    void stop() { phases_ = 0, progress_ = 0, paused_ = false; }
    // Advances by `dt` seconds at `seconds_per_phase` (> 0) per sub-step, unless paused or finished.
    void advance(double dt, double seconds_per_phase);
    // Moves by `delta` sub-steps by hand (pauses the clock), not before -1; past the last one it finishes.
    void step_by(int delta);
    // Pauses or resumes.
    void set_paused(bool paused) { paused_ = paused; }
    bool paused() const { return paused_; }
    // True between start() and stop().
    bool active() const { return phases_ > 0; }
    // The sub-step shown: -1 = the state before the step, 0 .. phases - 1; -1 when inactive.
    int phase() const;
    // True once the last sub-step has been shown for a whole period (or reached by hand).
    bool finished() const { return active() && progress_ >= static_cast<double>(phases_ + 1); }
    // Number of sub-steps.
    int phases() const { return phases_; }
    // Progress in periods since start (0 .. phases + 1).
    double progress() const { return progress_; }

private:
    int phases_ = 0;
    double progress_ = 0;  // periods since start: [0, 1) before the step, [k + 1, k + 2) sub-step k
    bool paused_ = false;
};

}  // namespace topdown
