// The "getting started" overlay of the first run: three steps (pick, compose, play), dismissible; it stays
// closed once dismissed (saved in the settings) and reopens from Help > Getting started.
#include <algorithm>

#include "panels/panel.hpp"

namespace topdown::gui {

void draw_start_overlay(UiContext& ctx) {
    if (!ctx.view.show_start) return;
    if (begin_panel(ctx, "start", ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
        const float fh = ImGui::GetFontSize();
        // As wide as 36 font sizes (less on a small window); as tall as its text.
        ImGui::PushTextWrapPos(std::min(fh * 36.0f, ImGui::GetIO().DisplaySize.x * 0.7f));
        ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1), "Watch a deep belief network dream, step by step.");
        ImGui::Spacing();
        ImGui::TextUnformatted("1. Pick a model (left, Model). The shipped iDBN on MNIST is open.");
        ImGui::Spacing();
        ImGui::TextUnformatted("2. Compose a start (left, Biasing composer): a class, or a chimera of two classes. "
                               "The intersection chimera {2, 9} of the 2025 paper is ready; presets recreate the "
                               "papers' figures.");
        ImGui::Spacing();
        ImGui::TextUnformatted("3. Play (Space): the visible layer wanders between attractors; the timeline and "
                               "the legend say which class the classifier sees at each step.");
        ImGui::Spacing();
        dim_text("F11: presentation mode for a lecture hall.  Ctrl +/-: zoom.  F1: the guide.");
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        if (ImGui::Button("Got it", ImVec2(fh * 8, 0))) {
            ctx.view.show_start = false;
            ctx.view.start_dismissed = true;
        }
        ImGui::SameLine();
        if (ImGui::Button("Play now", ImVec2(fh * 8, 0))) {
            ctx.view.show_start = false;
            ctx.view.start_dismissed = true;
            if (ctx.snap && ctx.snap->model) toggle_play(ctx);
        }
    }
    ImGui::End();
}

}  // namespace topdown::gui
