// Transport: play/pause (Space), step (→), step back (←), reset (R), speed, "run to step N", and the
// step counter, always visible.
#include "panels/panel.hpp"

#include <GLFW/glfw3.h>

namespace topdown::gui {

namespace {
void send_speed(UiContext& ctx) { ctx.send(cmd::SetSpeed{ctx.view.max_speed ? 0.0f : ctx.view.speed}); }

void toggle_play(UiContext& ctx) {
    if (ctx.snap->mode == RunMode::Paused) ctx.send(cmd::Play{});
    else ctx.send(cmd::Pause{});
}

void reset(UiContext& ctx) { ctx.send(cmd::Restart{ctx.snap->params, false}); }

void handle_keys(UiContext& ctx) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || !ctx.snap->model || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
        return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) toggle_play(ctx);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), true)) ctx.send(cmd::Step{});
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), true)) ctx.send(cmd::StepBack{});
    if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) reset(ctx);
}
}  // namespace

void draw_transport_panel(UiContext& ctx) {
    handle_keys(ctx);
    if (begin_panel(ctx, "transport", "Transport",
                    ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoResize)) {
        const Snapshot& s = *ctx.snap;
        const bool ready = s.model && s.newest_step >= 0 && !s.bias_description.empty();
        const float fh = ImGui::GetFontSize();
        if (!ready) ImGui::BeginDisabled();
        const bool playing = s.mode != RunMode::Paused;
        ImGui::PushStyleColor(ImGuiCol_Button, playing ? ImVec4(0.70f, 0.30f, 0.20f, 1) : ImVec4(0.16f, 0.48f, 0.30f, 1));
        if (ImGui::Button(playing ? "  Pause  " : "  Play  ")) toggle_play(ctx);
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space");
        ImGui::SameLine();
        if (ImGui::ArrowButton("##back", ImGuiDir_Left)) ctx.send(cmd::StepBack{});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step back (Left arrow)");
        ImGui::SameLine();
        if (ImGui::ArrowButton("##step", ImGuiDir_Right)) ctx.send(cmd::Step{});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step forward (Right arrow)");
        ImGui::SameLine();
        if (ImGui::Button("Reset")) reset(ctx);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to step 0 with the same settings (R)");
        ImGui::SameLine(0, fh * 1.2f);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("speed");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(fh * 9);
        if (ctx.view.max_speed) ImGui::BeginDisabled();
        if (ImGui::SliderFloat("##speed", &ctx.view.speed, 1.0f, 500.0f, "%.0f steps/s", ImGuiSliderFlags_Logarithmic))
            send_speed(ctx);
        if (ctx.view.max_speed) ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Checkbox("max", &ctx.view.max_speed)) send_speed(ctx);
        ImGui::SameLine(0, fh * 1.2f);
        ImGui::SetNextItemWidth(fh * 4.5f);
        ImGui::InputInt("##runto", &ctx.view.run_to, 0, 0);
        ctx.view.run_to = std::clamp(ctx.view.run_to, 1, kMaxSessionSteps);
        ImGui::SameLine();
        if (ImGui::Button("Run to")) ctx.send(cmd::RunTo{ctx.view.run_to});
        if (!ready) ImGui::EndDisabled();

        // The step counter: large and always visible.
        ImGui::SameLine(0, fh * 1.5f);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1), "STEP %d", s.step);
        ctx.record_item("step_counter");
        ImGui::SameLine();
        if (s.newest_step > 0)
            dim_text("(kept %d-%d)", s.oldest_kept_step, s.newest_step);
        ImGui::SameLine(0, fh);
        const char* mode = s.mode == RunMode::Paused ? "paused" : s.mode == RunMode::Playing ? "playing" : "running";
        if (s.mode != RunMode::Paused && s.measured_steps_per_second > 0)
            ImGui::Text("%s  %.0f steps/s", mode, s.measured_steps_per_second);
        else
            ImGui::TextUnformatted(mode);
        if (!s.status.empty()) {
            ImGui::SameLine(0, fh);
            dim_text("%s", s.status.c_str());
        }
    }
    ImGui::End();
}

}  // namespace topdown::gui
