// How the app draws each panel of the table in core/session/panel_specs.hpp (issue 14): the table there holds
// ids, titles and placement; this one adds the draw functions and the flag that opens a dialog.
#pragma once
#include <string>
#include <vector>

#include "ui_context.hpp"

namespace topdown::gui {

struct PanelDraw {
    const char* id;                    // the panel id (core/session/panel_specs.hpp)
    void (*draw)(UiContext&);          // draws the window (a dialog's function draws nothing while it is closed)
    void (*draw_present)(UiContext&);  // in the presentation layout; nullptr: `draw`
    bool ViewState::*shown;            // the flag that opens a dialog (menus, --panel); nullptr for tiles
};

// One entry per panel of panel_specs().
const std::vector<PanelDraw>& panel_draws();
// The entry of panel `id`, or nullptr.
const PanelDraw* find_panel_draw(const std::string& id);
// Draws this frame's tiles (default or presentation layout, compact or not) and the dialogs, in the table's order.
void draw_panels(UiContext& ctx);
// Opens dialog `id` (sets its `shown` flag); does nothing for a tile.
void show_panel(UiContext& ctx, const std::string& id);
// The ImGui window label of panel `id`: "Title###id" (the title can change without losing imgui.ini's place).
std::string panel_label(const char* id);

}  // namespace topdown::gui
