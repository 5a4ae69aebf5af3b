// Per-user folders: data, models, settings.
#pragma once
#include <string>

namespace topdown {

// Data folder: `override_dir` if non-empty, else $TOPDOWN_DATA_DIR, else $XDG_DATA_HOME/topdown/data,
// else ~/.local/share/topdown/data.
std::string data_dir(const std::string& override_dir = "");

// User models folder: $XDG_DATA_HOME/topdown/models (or ~/.local/share/topdown/models).
std::string user_models_dir();

// Settings folder: $XDG_CONFIG_HOME/topdown (or ~/.config/topdown).
std::string settings_dir();

}  // namespace topdown
