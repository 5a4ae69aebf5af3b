// Exports from a snapshot: filmstrip PNG, focused-chain CSV, ensemble CSV, session JSON, and window PNGs
// (read back from the GL framebuffer). Each throws topdown::IoError on failure.
#pragma once
#include <string>

#include "plot/colormaps.hpp"
#include "session/snapshot.hpp"
#include "ui_context.hpp"

namespace topdown::gui {

// The newest kept frames up to the current step (at most `max_frames`) side by side, labelled by order.
void export_filmstrip_png(const Snapshot& s, plot::ColorMap colormap, int max_frames, const std::string& path);
// One row per kept step of the focused chain: step, energies, active fractions, state, probability, entropy.
void export_focused_csv(const Snapshot& s, const std::string& path);
// One row per kept step of the ensemble: step, energy mean and SEM and mean active fraction per layer.
void export_ensemble_csv(const Snapshot& s, const std::string& path);
// A session file that reopens the same chain at the same step.
void export_session_json(const Snapshot& s, const std::string& path);
// Reads the window's framebuffer (width x height), crops to `crop` if it has a size, and writes a PNG.
void save_framebuffer_png(int width, int height, const Rect& crop, const std::string& path);

}  // namespace topdown::gui
