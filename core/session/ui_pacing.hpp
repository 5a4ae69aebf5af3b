// Frame pacing of the app's UI thread: without vsync a UI loop draws as many frames as it can and eats a
// core the simulation could use, so interactive runs cap the frame rate by default.
#pragma once

namespace topdown {

// Default frame cap of an interactive run without a display refresh rate to go by (frames per second).
constexpr float kDefaultFpsCap = 60.0f;

// The frame cap to use: `requested` >= 0 is the user's (--fps-cap; 0 = none); < 0 means "default": scripted
// runs (benchmarks, screenshots) draw uncapped, interactive runs cap at the display's refresh rate
// (`refresh_hz`, <= 0 when unknown: kDefaultFpsCap), which vsync would give anyway where it works.
float effective_fps_cap(float requested, bool scripted, int refresh_hz);

}  // namespace topdown
