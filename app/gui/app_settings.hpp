// Per-user settings of the app (colour map, zoom, speed, window size, composer, last model, getting-started
// overlay dismissed), stored as JSON in
// settings_dir() next to imgui.ini (panel layout) - never in the working directory.
#pragma once
#include <string>

#include "ui_context.hpp"

namespace topdown::gui {

struct WindowSettings {
    int width = 1280, height = 800;
    bool found = false;      // a settings file was read (false on the first run)
    bool has_zoom = false;   // it held a zoom (else the start zoom follows the monitor's content scale)
    std::string model_path;  // the model of the last run
};

// Path of imgui.ini under settings_dir() (the folder is created).
std::string imgui_ini_path();
// Reads settings.json into the view, the composer and the window size; missing or bad values keep defaults.
// Returns "" or why the file could not be used (a missing file is no error); never throws.
std::string load_settings(ViewState& view, ComposerState& composer, WindowSettings& window);
// Writes settings.json atomically. Returns "" or why it could not be saved; never throws.
std::string save_settings(const ViewState& view, const ComposerState& composer, const WindowSettings& window);

}  // namespace topdown::gui
