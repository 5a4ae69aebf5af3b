// Whether a panel window has left its tiled place (dragged or resized by the user). Tiled panels draw no
// background (the frame is cleared to the panel colour); once any panel floats, panels overlap and every
// panel needs an opaque background, or the text of one shows through another.
#pragma once

namespace topdown {

// A window rectangle in pixels.
struct PanelRect {
    float x = 0, y = 0, w = 0, h = 0;
};

// True when `actual` differs from the tiled `placement` by more than `tolerance` pixels in any edge.
bool panel_floats(const PanelRect& actual, const PanelRect& placement, float tolerance = 1.0f);

}  // namespace topdown
