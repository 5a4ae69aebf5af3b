// State timeline: one coloured cell per step of the focused chain (colour = classifier state, dark for
// the non-class state), with its visited-states and transitions counts. Needs the state classifier.
#include <set>

#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"

namespace topdown::gui {

void draw_timeline_panel(UiContext& ctx) {
    if (begin_panel(ctx, "timeline", "State timeline", ImGuiWindowFlags_NoScrollbar)) {
        const Snapshot& s = *ctx.snap;
        ImGui::TextUnformatted("");
        help_marker(ctx, "attractor", "Each cell is one step of the chain you watch, coloured by the digit the "
                                      "classifier sees (dark = a non-digit state). Long runs of one colour are "
                                      "attractors; colour changes are transitions.");
        if (!s.classifier_loaded || !s.model) {
            ImGui::SameLine();
            dim_text("classifier not loaded - no states to colour yet");
            ImGui::End();
            return;
        }
        const int C = s.model->num_classes();
        std::set<int> visited;
        int transitions = 0, last = -1;
        for (const auto& f : s.recent) {
            const int st = f->verdict.state;
            if (st < 0) continue;
            visited.insert(st);
            if (last >= 0 && st != last) ++transitions;
            last = st;
        }
        ImGui::SameLine();
        ImGui::Text("visited states %zu   transitions %d", visited.size(), transitions);
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::InvisibleButton("##timeline", avail);
        ImDrawList* d = ImGui::GetWindowDrawList();
        const std::size_t n = s.recent.size();
        const std::size_t cells = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(1.0f, avail.x / 2.0f)));
        const float cw = avail.x / static_cast<float>(std::max<std::size_t>(cells, 1));
        for (std::size_t i = 0; i < cells; ++i) {
            const FocusedFrame& f = *s.recent[n - cells + i];
            const ImVec2 a(p.x + cw * static_cast<float>(i), p.y);
            d->AddRectFilled(a, ImVec2(a.x + cw, p.y + avail.y), plot::to_imu32(plot::state_color(f.verdict.state, C)));
        }
        if (ImGui::IsItemHovered() && cells > 0) {
            const int i = plot::cell_index(ImGui::GetIO().MousePos.x, p.x, p.x + avail.x, static_cast<int>(cells));
            if (i >= 0) {
                const FocusedFrame& f = *s.recent[n - cells + static_cast<std::size_t>(i)];
                const int st = f.verdict.state;
                ImGui::SetTooltip("step %d: %s", f.step,
                                  st < 0 ? "?" : st < C ? s.model->model->class_names[static_cast<std::size_t>(st)].c_str()
                                                        : "non-class");
            }
        }
        ctx.record_item("timeline");
    }
    ImGui::End();
}

}  // namespace topdown::gui
