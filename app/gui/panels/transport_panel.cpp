// Transport: play/pause (Space), step (→), step back (←), reset (R), speed, "run to step N", and the
// step counter, always visible.
#include "panels/panel.hpp"

#include <GLFW/glfw3.h>

namespace topdown::gui {

namespace {
void send_speed(UiContext& ctx) { ctx.send(cmd::SetSpeed{ctx.view.max_speed ? 0.0f : ctx.view.speed}); }

void reset(UiContext& ctx) { ctx.send(cmd::Restart{ctx.snap->params, false}); }

// Keys come from the press log (GLFW callback), not from a once-per-frame poll: a tap shorter than a frame
// still counts, and several taps in one slow frame count several times.
void handle_keys(UiContext& ctx) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || !ctx.snap->model || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
        return;
    if (ctx.keys.presses(GLFW_KEY_SPACE) % 2 == 1) toggle_play(ctx);  // two taps in one frame: play, pause
    if (ctx.keys.pressed(GLFW_KEY_RIGHT, true)) ctx.send(cmd::Step{});
    if (ctx.keys.pressed(GLFW_KEY_LEFT, true)) ctx.send(cmd::StepBack{});
    if (ctx.keys.pressed(GLFW_KEY_R)) reset(ctx);
}
}  // namespace

bool composer_differs(const UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    if (!s.model || !s.model->model || s.bias_description.empty()) return false;
    return !same_session_params(composer_params(ctx.composer), s.params, s.model->model->k);
}

void toggle_play(UiContext& ctx) {
    switch (play_action(ctx.snap->mode != RunMode::Paused, composer_differs(ctx))) {
        case PlayAction::Pause: ctx.send(cmd::Pause{}); break;
        case PlayAction::Resume: ctx.send(cmd::Play{}); break;
        case PlayAction::RestartWithComposer:  // run what the composer shows, from step 0
            ctx.send(cmd::Restart{composer_params(ctx.composer), false});
            ctx.send(cmd::Play{});
            break;
    }
}

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
        const bool fresh = !playing && composer_differs(ctx);
        if (ImGui::Button(playing ? "  Pause  ###play" : fresh ? "  Play new settings  ###play" : "  Play  ###play"))
            toggle_play(ctx);
        ctx.record_item("play_button");
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(fresh ? "Space: restart from step 0 with the composer's settings (they differ from "
                                      "the running chains)"
                                    : "Space");
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
        if (!ctx.notice.empty()) {  // e.g. the settings file could not be read (defaults in use)
            ImGui::SameLine(0, fh);
            ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1), "%s", ctx.notice.c_str());
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
                ImGui::TextUnformatted(ctx.notice_detail.empty() ? ctx.notice.c_str() : ctx.notice_detail.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
        }
    }
    ImGui::End();
}

}  // namespace topdown::gui
