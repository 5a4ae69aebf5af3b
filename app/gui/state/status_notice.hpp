// A short warning for the status line (e.g. the settings file could not be read) and its full text.
#pragma once
#include <string>

namespace topdown::gui {

struct StatusNotice {
    std::string text;    // shown in the transport bar; empty: none
    std::string detail;  // its full text (tooltip)
};

}  // namespace topdown::gui
