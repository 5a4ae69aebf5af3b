// The tiled layouts (default and presentation) of the panel windows for the current display, font and
// transport height (recomputed on resize, zoom change, presentation toggle and "View > Reset layout";
// otherwise imgui.ini keeps the user's arrangement). The arithmetic lives in core/session/panel_layout.
#pragma once
#include <imgui.h>

#include <string>

#include "session/panel_layout.hpp"

namespace topdown::gui {

struct UiContext;

struct Placement {
    ImVec2 pos, size;
};

// Placement of panel `name` ("transport", "model", "biasing", "visible", "hidden", "energy", "timeline",
// "analysis", "composer", "guide", "export", "replay", "start") in this frame's display.
Placement default_placement(const UiContext& ctx, const std::string& name);
// What the layout is computed from this frame: display, menu bar, transport height, font, mode.
LayoutInput layout_input(const UiContext& ctx);
// The same for the default layout with a one-row transport bar (dialogs placed before a context exists).
Placement default_placement(const std::string& name, ImVec2 display, float menu_height);

}  // namespace topdown::gui
