#include "session/panel_layout.hpp"

#include <algorithm>
#include <cmath>

#include "session/panel_specs.hpp"

namespace topdown {

bool compact_layout(const LayoutInput& in) {
    const float body_h = in.height - in.menu_height - in.transport_height;
    return !in.present && body_h < in.font_size * 40.0f;
}

std::vector<std::string> tiled_panels(const LayoutInput& in) {
    const bool compact = compact_layout(in);
    std::vector<std::string> ids;
    for (const PanelSpec& p : panel_specs())
        if (in.present ? p.in_present : p.in_default && !(compact && p.tab_when_compact)) ids.push_back(p.id);
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

PanelRect default_tile(const std::string& id, const LayoutInput& in) {
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
    // Compact: no energy panel (its plots are a tab of the analysis panel); the timeline goes on top.
    const bool compact = compact_layout(in);
    const float energy_h = compact ? 0.0f : std::round((body_h - timeline_h) * 0.45f);
    if (compact && id == "timeline") return {right_x, body_top, right_w, timeline_h};
    if (compact && id == "energy") return {right_x, body_top, 0, 0};
    if (id == "transport") return {0, top, W, in.transport_height};
    if (id == "model") return {0, body_top, left_w, model_h};
    if (id == "biasing") return {0, body_top + model_h, left_w, body_h - model_h};
    if (id == "visible") return {left_w, body_top, center_w, visible_h};
    if (id == "hidden") return {left_w, body_top + visible_h, center_w, body_h - visible_h};
    if (id == "energy") return {right_x, body_top, right_w, energy_h};
    if (id == "timeline") return {right_x, body_top + energy_h, right_w, timeline_h};
    if (id == "analysis") return {right_x, body_top + energy_h + timeline_h, right_w, body_h - energy_h - timeline_h};
    return dialog(id, W, H);
}

PanelRect present_tile(const std::string& id, const LayoutInput& in) {
    const float W = in.width, H = in.height, fh = in.font_size;
    const float body_top = in.menu_height + in.transport_height, body_h = std::max(0.0f, H - body_top);
    // The visible layer: as wide as its height allows (a square image plus the filmstrip below it).
    const float vis_w = std::round(std::clamp(body_h * 0.78f, W * 0.42f, W * 0.6f));
    const float right_x = vis_w, right_w = W - vis_w;
    const float timeline_h = std::round(std::min(body_h * 0.34f, std::max(fh * 7.5f, in.timeline_height)));
    const float composer_h = std::round(std::min(body_h * 0.25f, fh * 4.8f));
    const float analysis_h = body_h - timeline_h - composer_h;
    if (id == "transport") return {0, in.menu_height, W, in.transport_height};
    if (id == "visible") return {0, body_top, vis_w, body_h};
    if (id == "timeline") return {right_x, body_top, right_w, timeline_h};
    if (id == "analysis") return {right_x, body_top + timeline_h, right_w, analysis_h};
    if (id == "composer") return {right_x, body_top + timeline_h + analysis_h, right_w, composer_h};
    return dialog(id, W, H);
}
}  // namespace

PanelRect panel_placement(const std::string& id, const LayoutInput& in) {
    return in.present ? present_tile(id, in) : default_tile(id, in);
}

}  // namespace topdown
