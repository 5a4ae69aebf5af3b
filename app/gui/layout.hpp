// The tiled default layout: where each panel window goes for a given display size (recomputed on resize,
// zoom change and "View > Reset layout"; otherwise imgui.ini keeps the user's arrangement).
#pragma once
#include <imgui.h>

#include <string>

namespace topdown::gui {

struct Placement {
    ImVec2 pos, size;
};

// Placement of panel `name` ("transport", "model", "biasing", "visible", "hidden", "energy", "timeline",
// "analysis", "guide", "export") in a display of `display` pixels below a menu bar `menu_height` high.
Placement default_placement(const std::string& name, ImVec2 display, float menu_height);

}  // namespace topdown::gui
