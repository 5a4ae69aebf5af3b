// The panel windows of the app as one table (issue 14): id, title, where each one goes and which --panel
// names are tabs of which window. The layout (panel_layout), the app's drawing order, menus, the Export
// dialog's panel list, screenshots and their sidecars, and the tests all read it instead of matching names.
#pragma once
#include <string>
#include <vector>

#include "session/panel_float.hpp"

namespace topdown {

// A tile of a tiled layout (panel_layout.cpp computes each one's rectangle from the window and the font).
enum class Tile {
    None,
    Bar,          // the transport bar: the full width under the menu
    LeftUpper,    // default layout: the left column (model, biasing)
    LeftLower,
    CenterUpper,  // default layout: the centre column (visible, hidden)
    CenterLower,
    RightUpper,   // default and presentation layouts: the right column, top to bottom
    RightMiddle,
    RightLower,
    Stage,        // presentation layout: the tall left column
    CompareBar,   // compare layout: the row of side B's controls under the transport bar
    SideImage,    // compare layout, in each side's half: the visible layer (left column, top)
    SideMiddle,   // ... the timeline under it
    SideUpper,    // ... the energy plots (right column, top)
    SideLower,    // ... the analysis tabs under them
};

struct PanelSpec {
    const char* id;          // window id: layout, imgui.ini, sidecar "panels" key, --panel name, Export file name
    const char* title;       // the window's title
    bool in_default;         // a tile of the default layout
    bool in_present;         // a tile of the presentation layout
    bool tab_when_compact;   // the compact default layout shows it as a tab of "analysis" instead of a tile
    PanelRect dialog_box;    // a dialog (tile of neither layout): its box as fractions of the window (x, y, w, h)
    int export_rank;         // position in the Export dialog's "PNG of this panel" list (1 first), 0: not offered
    bool skip_while_capturing;  // not drawn in a frame taken for a PNG export
    Tile default_tile = Tile::None;  // its tile in the default layout (in_default)
    Tile present_tile = Tile::None;  // ... in the presentation layout (in_present)
    Tile compare_tile = Tile::None;  // ... in the compare layout (two simulations side by side)
    bool side_b = false;             // compare layout: a panel of side B (the right half; id ends in "_b")
    bool title_bar = true;           // the window has a title bar (the transport bar has none)
    // True for a window that floats over the tiles (opaque, placed by dialog_box).
    bool dialog() const { return !in_default && !in_present && compare_tile == Tile::None; }
};

// A --panel name that is a tab of a window: "transition" is tab 0 of "analysis".
struct PanelTab {
    const char* name;    // the --panel name
    const char* window;  // the panel id of the window holding it
    int tab;             // the tab index to select (-1: selects none)
};

// Every panel window, in drawing order (tiles first, then the dialogs).
const std::vector<PanelSpec>& panel_specs();
// The --panel names that are tabs of a window.
const std::vector<PanelTab>& panel_tabs();
// The panel `id`, or nullptr.
const PanelSpec* find_panel(const std::string& id);
// The window a --panel name lives in: the window holding the tab, else the name itself.
std::string panel_window(const std::string& name);
// The tab a --panel name selects in its window, or -1.
int panel_tab(const std::string& name);
// The ids offered by the Export dialog's "PNG of this panel", in its order.
std::vector<const char*> exportable_panels();

}  // namespace topdown
