// What the layout learns while a frame is drawn: menu, transport and timeline heights, font size, the compact
// layout, floating panels, and whether the panels must be tiled again next frame.
#pragma once

namespace topdown::gui {

struct LayoutFrameState {
    float menu_height = 0;            // height of the main menu bar this frame
    float transport_height = 0;       // the transport bar's height as last drawn (rows wrap)
    float timeline_height = 0;        // the height the timeline asked for (its legend wraps)
    bool relayout = false;            // the transport bar changed height: re-tile next frame
    float font_size = 16;             // the font size of this frame (zoom x 16)
    bool compact = false;             // the compact default layout (energy is a tab of analysis)
    bool any_panel_floating = false;  // a panel left its tile last frame: panels draw opaque backgrounds
    bool panel_floating_now = false;  // ... found while drawing this frame
};

}  // namespace topdown::gui
