// Where each panel window of the app goes (the tiled default layout and the presentation layout), as plain
// arithmetic on the window size and the font size so that it can be tested without a GUI: widths and
// heights grow with the font (zoom) and the tiles never overlap or leave the window.
#pragma once
#include <string>
#include <vector>

#include "session/panel_float.hpp"

namespace topdown {

struct LayoutInput {
    float width = 1280, height = 800;  // the window (display) in pixels
    float menu_height = 0;             // the main menu bar (0 in presentation mode)
    float transport_height = 40;       // the transport bar (one or more rows)
    float font_size = 16;              // the font size in pixels (zoom x 16)
    float timeline_height = 0;         // what the timeline needs (its legend wraps with long class names); 0: default
    bool present = false;              // the presentation layout
    bool compare = false;              // the compare layout (two simulations side by side; presentation wins)
    float compare_bar_height = 0;      // the compare layout's bar of both sides' controls; 0: two rows of widgets
};

// True when the default layout is too short for the font to stack energy, timeline and analysis in the right
// column (less than 40 font sizes below the transport bar): the energy plots become a tab of the analysis
// panel instead of a panel of their own.
bool compact_layout(const LayoutInput& in);

// Panels tiled by the layout, in the panel table's order: default "transport", "model", "biasing", "visible",
// "hidden", "energy" (not in the compact layout), "timeline", "analysis"; presentation "transport", "visible",
// "timeline", "analysis", "composer"; compare "transport", "visible", "energy", "timeline", "analysis",
// "compare" and side B's "visible_b", "energy_b", "timeline_b", "analysis_b".
std::vector<std::string> tiled_panels(const LayoutInput& in);

// The rectangle of panel `id`: its tile of this layout in the panel table (panel_specs), else its dialog box
// ("guide", "replay", "export", "start"); anything else gets a centred box.
PanelRect panel_placement(const std::string& id, const LayoutInput& in);

// The zoom used in presentation mode: the user's zoom, but at least what makes text readable from the back of
// a hall on this window height (height / 600, within 1 .. 2.5).
float presentation_zoom(float user_zoom, float window_height);

// The zoom range of the app (Ctrl +/-, --zoom, HiDPI start), and a zoom clamped into it.
constexpr float kMinZoom = 0.8f, kMaxZoom = 2.5f;
float clamp_zoom(float zoom);

}  // namespace topdown
