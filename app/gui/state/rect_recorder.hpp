// Screen rectangles recorded while drawing, by name (for screenshots of one panel and for the GUI tests).
#pragma once
#include <imgui.h>

#include <map>
#include <string>

namespace topdown::gui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
};

struct RectRecorder {
    std::map<std::string, Rect> panel_rects;  // window rectangles by panel name
    std::map<std::string, Rect> item_rects;   // e.g. "visible_image", "energy_plot"
    std::string suffix;                       // appended to every name (e.g. "_b" while side B of compare draws)

    // Forgets the rectangles of the previous frame (panels and items not drawn this frame are not reported).
    void begin_frame() {
        panel_rects.clear();
        item_rects.clear();
    }
    // Records the current window's rectangle under `name`.
    void record_window(const std::string& name) {
        const ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
        panel_rects[name + suffix] = Rect{p.x, p.y, s.x, s.y};
    }
    // Records the last item's rectangle under `name`.
    void record_item(const std::string& name) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        item_rects[name + suffix] = Rect{a.x, a.y, b.x - a.x, b.y - a.y};
    }
    // Records `r` as the rectangle of item `name` (something drawn without an ImGui item).
    void record_item(const std::string& name, const Rect& r) { item_rects[name + suffix] = r; }
};

}  // namespace topdown::gui
