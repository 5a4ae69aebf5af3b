// Fonts: DejaVu Sans at a readable size (ImGui's built-in font when it is missing), rebuilt on zoom.
#pragma once

namespace topdown::gui {

// Base font size in pixels at zoom 1.
constexpr float kBaseFontSize = 16.0f;

// Background of the docked panels (RGB 0..1): the colour the frame is cleared to; panels themselves draw none.
constexpr float kPanelBackground[3] = {0.095f, 0.10f, 0.12f};

// Rebuilds the font atlas at kBaseFontSize * zoom and re-uploads it, and scales the style to match.
// Call between frames (not between NewFrame and Render).
void apply_zoom(float zoom);

}  // namespace topdown::gui
