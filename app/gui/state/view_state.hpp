// View options the user sets (saved with the settings): colour map, zoom, presentation mode, open dialogs,
// analysis tab, energy layer, speed.
#pragma once
#include <string>

#include "plot/colormaps.hpp"

namespace topdown::gui {

struct ViewState {
    plot::ColorMap colormap = plot::ColorMap::Gray;
    bool pixel_grid = false;
    float zoom = 1.0f;              // zoom (Ctrl +/-), kMinZoom .. kMaxZoom
    bool present = false;           // presentation mode (F11, --present; Esc leaves)
    int present_view = 0;           // presentation mode's analysis view: 0 energy, 1 transition matrix, 2 PCA
    bool show_start = false;        // the "getting started" overlay (first run)
    bool start_dismissed = false;   // ... was closed once (saved)
    bool show_guide = false;
    std::string guide_topic;        // topic to scroll to when the guide opens
    bool show_export = false;
    bool show_replay = false;
    bool show_demo = false;
    bool transitions_of_focused = false;
    int analysis_tab = 0;           // 0 transition matrix, 1 PCA, 2 metrics
    int energy_layer = -1;          // -1: all layers
    bool reset_layout = true;
    float speed = 30.0f;            // steps per second
    bool max_speed = false;         // as fast as possible
    int run_to = 100;               // "run to step N" field
};

}  // namespace topdown::gui
