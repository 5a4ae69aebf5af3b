#include "session/panel_layout.hpp"

#include <algorithm>
#include <cmath>

#include "session/panel_specs.hpp"

namespace topdown {

bool compact_layout(const LayoutInput& in) {
    const float body_h = in.height - in.menu_height - in.transport_height;
    return !in.present && !in.compare && body_h < in.font_size * 40.0f;
}

std::vector<std::string> tiled_panels(const LayoutInput& in) {
    const bool compact = compact_layout(in);
    std::vector<std::string> ids;
    for (const PanelSpec& p : panel_specs()) {
        const bool tiled = in.present   ? p.in_present
                           : in.compare ? p.compare_tile != Tile::None
                                        : p.in_default && !(compact && p.tab_when_compact);
        if (tiled) ids.push_back(p.id);
    }
    return ids;
}

float clamp_zoom(float zoom) {
    if (!std::isfinite(zoom)) return 1.0f;
    return std::clamp(zoom, kMinZoom, kMaxZoom);
}

float presentation_zoom(float user_zoom, float window_height) {
    const float readable = std::clamp(window_height / 600.0f, 1.0f, kMaxZoom);
    return clamp_zoom(std::max(user_zoom, readable));
}

namespace {
// A dialog's box from its fractions in the panel table; anything not in the table gets a centred box.
PanelRect dialog(const std::string& id, float W, float H) {
    const PanelSpec* p = find_panel(id);
    const PanelRect f = p && p->dialog() ? p->dialog_box : PanelRect{0.25f, 0.25f, 0.5f, 0.5f};
    return {W * f.x, H * f.y, W * f.w, H * f.h};
}

// The default layout: left column (model, biasing), centre (visible, hidden), right (energy, timeline, analysis).
PanelRect default_tile(Tile tile, const LayoutInput& in) {
    const float W = in.width, H = in.height, fh = in.font_size;
    const float top = in.menu_height, body_top = top + in.transport_height, body_h = std::max(0.0f, H - body_top);
    // Column widths follow the font (zoom) within what the window allows; the right column keeps at least
    // 28 % of the width for its plots.
    const float left_w = std::round(std::min(std::clamp(W * 0.25f, fh * 16.0f, fh * 28.0f), W * 0.34f));
    float center_w = std::clamp(W * 0.36f, fh * 18.75f, fh * 56.0f);
    center_w = std::round(std::min(center_w, W - left_w - W * 0.28f));
    const float right_x = left_w + center_w, right_w = W - right_x;
    const float model_h = std::round(body_h * 0.29f);
    const float visible_h = std::round(body_h * 0.60f);
    // The timeline holds a header line, the cells and the state legend.
    const float timeline_h =
        std::round(std::min(body_h * 0.3f, std::max({body_h * 0.12f, fh * 7.5f, in.timeline_height})));
    // Compact: no energy panel (its plots are a tab of the analysis panel, its tile is empty); the timeline
    // goes on top.
    const float energy_h = compact_layout(in) ? 0.0f : std::round((body_h - timeline_h) * 0.45f);
    switch (tile) {
        case Tile::Bar: return {0, top, W, in.transport_height};
        case Tile::LeftUpper: return {0, body_top, left_w, model_h};
        case Tile::LeftLower: return {0, body_top + model_h, left_w, body_h - model_h};
        case Tile::CenterUpper: return {left_w, body_top, center_w, visible_h};
        case Tile::CenterLower: return {left_w, body_top + visible_h, center_w, body_h - visible_h};
        case Tile::RightUpper: return {right_x, body_top, right_w, energy_h};
        case Tile::RightMiddle: return {right_x, body_top + energy_h, right_w, timeline_h};
        case Tile::RightLower: return {right_x, body_top + energy_h + timeline_h, right_w, body_h - energy_h - timeline_h};
        default: return {0, 0, 0, 0};
    }
}

// The presentation layout: the visible layer large on the left, timeline, analysis and composer on the right.
PanelRect present_tile(Tile tile, const LayoutInput& in) {
    const float W = in.width, H = in.height, fh = in.font_size;
    const float body_top = in.menu_height + in.transport_height, body_h = std::max(0.0f, H - body_top);
    // The visible layer: as wide as its height allows (a square image plus the filmstrip below it).
    const float vis_w = std::round(std::clamp(body_h * 0.78f, W * 0.42f, W * 0.6f));
    const float right_x = vis_w, right_w = W - vis_w;
    const float timeline_h = std::round(std::min(body_h * 0.34f, std::max(fh * 7.5f, in.timeline_height)));
    const float composer_h = std::round(std::min(body_h * 0.25f, fh * 4.8f));
    const float analysis_h = body_h - timeline_h - composer_h;
    switch (tile) {
        case Tile::Bar: return {0, in.menu_height, W, in.transport_height};
        case Tile::Stage: return {0, body_top, vis_w, body_h};
        case Tile::RightUpper: return {right_x, body_top, right_w, timeline_h};
        case Tile::RightMiddle: return {right_x, body_top + timeline_h, right_w, analysis_h};
        case Tile::RightLower: return {right_x, body_top + timeline_h + analysis_h, right_w, composer_h};
        default: return {0, 0, 0, 0};
    }
}

// The compare layout: the transport bar and the bar of both sides' controls across the window, then two halves
// (A left, B right), each with its visible layer over its timeline on the left and its energy over its analysis
// on the right.
PanelRect compare_tile(Tile tile, bool side_b, const LayoutInput& in) {
    const float W = in.width, H = in.height, fh = in.font_size;
    const float top = in.menu_height;
    const float bar_h = in.compare_bar_height > 0 ? in.compare_bar_height : std::round(fh * 4.6f);
    const float body_top = top + in.transport_height + bar_h, body_h = std::max(0.0f, H - body_top);
    const float half = std::floor(W * 0.5f);
    const float x0 = side_b ? half : 0.0f, side_w = side_b ? W - half : half;
    const float image_w = std::round(side_w * 0.5f);
    const float right_x = x0 + image_w, right_w = side_w - image_w;
    const float timeline_h =
        std::round(std::min(body_h * 0.3f, std::max({body_h * 0.12f, fh * 7.5f, in.timeline_height})));
    const float energy_h = std::round(body_h * 0.5f);
    switch (tile) {
        case Tile::Bar: return {0, top, W, in.transport_height};
        case Tile::CompareBar: return {0, top + in.transport_height, W, bar_h};
        case Tile::SideImage: return {x0, body_top, image_w, body_h - timeline_h};
        case Tile::SideMiddle: return {x0, body_top + body_h - timeline_h, image_w, timeline_h};
        case Tile::SideUpper: return {right_x, body_top, right_w, energy_h};
        case Tile::SideLower: return {right_x, body_top + energy_h, right_w, body_h - energy_h};
        default: return {0, 0, 0, 0};
    }
}
}  // namespace

PanelRect panel_placement(const std::string& id, const LayoutInput& in) {
    const PanelSpec* p = find_panel(id);
    const Tile tile = !p ? Tile::None : in.present ? p->present_tile : in.compare ? p->compare_tile : p->default_tile;
    if (tile == Tile::None) return dialog(id, in.width, in.height);
    if (in.present) return present_tile(tile, in);
    return in.compare ? compare_tile(tile, p->side_b, in) : default_tile(tile, in);
}

}  // namespace topdown
