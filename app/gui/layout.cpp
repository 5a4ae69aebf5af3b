#include "layout.hpp"

#include <algorithm>
#include <cmath>

namespace topdown::gui {

Placement default_placement(const std::string& name, ImVec2 display, float menu_height) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float W = display.x, H = display.y;
    const float transport_h = ImGui::GetFrameHeight() + st.WindowPadding.y * 2.0f + 2.0f;
    const float top = menu_height, body_top = top + transport_h, body_h = H - body_top;
    const float left_w = std::clamp(W * 0.25f, 260.0f, 460.0f);
    const float center_w = std::clamp(W * 0.36f, 300.0f, 900.0f);
    const float right_x = left_w + center_w, right_w = W - right_x;
    const float model_h = std::round(body_h * 0.29f);
    const float visible_h = std::round(body_h * 0.60f);
    const float energy_h = std::round(body_h * 0.47f), timeline_h = std::round(body_h * 0.12f);
    if (name == "transport") return {{0, top}, {W, transport_h}};
    if (name == "model") return {{0, body_top}, {left_w, model_h}};
    if (name == "biasing") return {{0, body_top + model_h}, {left_w, body_h - model_h}};
    if (name == "visible") return {{left_w, body_top}, {center_w, visible_h}};
    if (name == "hidden") return {{left_w, body_top + visible_h}, {center_w, body_h - visible_h}};
    if (name == "energy") return {{right_x, body_top}, {right_w, energy_h}};
    if (name == "timeline") return {{right_x, body_top + energy_h}, {right_w, timeline_h}};
    if (name == "analysis")
        return {{right_x, body_top + energy_h + timeline_h}, {right_w, body_h - energy_h - timeline_h}};
    if (name == "guide") return {{W * 0.2f, H * 0.1f}, {W * 0.6f, H * 0.8f}};
    if (name == "replay") return {{W * 0.08f, H * 0.07f}, {W * 0.84f, H * 0.86f}};
    if (name == "export") return {{W * 0.3f, H * 0.25f}, {W * 0.4f, H * 0.45f}};
    return {{W * 0.25f, H * 0.25f}, {W * 0.5f, H * 0.5f}};
}

}  // namespace topdown::gui
