// The application shell: window, ImGui setup, frame loop, menu bar, keyboard zoom, settings, and the
// scripted mode. Panels do the drawing (panels/), the SessionWorker does the simulation (core/session/).
#pragma once
#include "app_options.hpp"

namespace topdown::gui {

// Runs the app until the window closes (or the script ends); returns the process exit code.
int run_app(const AppOptions& options);

}  // namespace topdown::gui
