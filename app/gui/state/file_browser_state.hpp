// The shared "Open file..." browser and what it was opened for.
#pragma once
#include <string>

#include "widgets/file_browser.hpp"

namespace topdown::gui {

struct FileBrowserState {
    FileBrowser browser;  // shared "Open file..." browser
    std::string purpose;  // "model" or "session"
};

}  // namespace topdown::gui
