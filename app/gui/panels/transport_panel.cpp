// Transport: play/pause (Space), step (→), step back (←), reset (R), speed, "run to step N", and the
// step counter, always visible.
#include "compare_mode.hpp"
#include "panels/panel.hpp"

#include <GLFW/glfw3.h>

#include <cmath>
#include <cstdio>

namespace topdown::gui {

namespace {
void send_speed(UiContext& ctx) { drive(ctx, cmd::SetSpeed{ctx.view.max_speed ? 0.0f : ctx.view.speed}); }

void reset(UiContext& ctx) {
    if (ctx.compare.active) return reset_both(ctx);
    ctx.send(cmd::Restart{ctx.snap->params, false});
}

// Keys come from the press log (GLFW callback), not from a once-per-frame poll: a tap shorter than a frame
// still counts, and several taps in one slow frame count several times.
void handle_keys(UiContext& ctx) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || !ctx.snap->model || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
        return;
    if (ctx.keys.presses(GLFW_KEY_SPACE) % 2 == 1) toggle_play(ctx);  // two taps in one frame: play, pause
    if (ctx.keys.pressed(GLFW_KEY_RIGHT, true)) drive(ctx, cmd::Step{});
    if (ctx.keys.pressed(GLFW_KEY_LEFT, true)) drive(ctx, cmd::StepBack{});
    if (ctx.keys.pressed(GLFW_KEY_R)) reset(ctx);
}
}  // namespace

bool composer_differs(const UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    if (!s.model || !s.model->model || s.bias_description.empty()) return false;
    return !same_session_params(composer_params(ctx.composer), s.params, s.model->model->k);
}

void toggle_play(UiContext& ctx) {
    if (ctx.compare.active) return toggle_compare_play(ctx);
    switch (play_action(ctx.snap->mode != RunMode::Paused, composer_differs(ctx))) {
        case PlayAction::Pause: ctx.send(cmd::Pause{}); break;
        case PlayAction::Resume: ctx.send(cmd::Play{}); break;
        case PlayAction::RestartWithComposer:  // run what the composer shows, from step 0
            ctx.send(cmd::Restart{composer_params(ctx.composer), false});
            ctx.send(cmd::Play{});
            break;
    }
}

namespace {
// Puts the next item of width `w` on the current row when it fits, else starts a new row (the bar wraps at
// large zoom or in a narrow window instead of running off screen). `gap` is the space before it.
void flow(float w, float gap = -1.0f) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float g = gap < 0 ? st.ItemSpacing.x : gap;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + g + w <= right) ImGui::SameLine(0, g);
}
float button_w(const char* text) {
    return ImGui::CalcTextSize(text, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

// Play / Pause (green, red while running; "Play new settings" when the composer differs), back, forward, Reset.
void play_buttons(UiContext& ctx, bool ready) {
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const float frame_h = ImGui::GetFrameHeight();
    if (!ready) ImGui::BeginDisabled();
    const bool playing = transport_playing(ctx);
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
    // Back, forward and Reset stay together.
    flow(frame_h * 2 + button_w("Reset") + sp * 2);
    if (ImGui::ArrowButton("##back", ImGuiDir_Left)) drive(ctx, cmd::StepBack{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step back (Left arrow)");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##step", ImGuiDir_Right)) drive(ctx, cmd::Step{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step forward (Right arrow)");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) reset(ctx);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to step 0 with the same settings (R)");
    if (!ready) ImGui::EndDisabled();

}

// The speed slider with "max", and "Run to" step N (not in presentation mode).
void speed_controls(UiContext& ctx, bool ready) {
    const float fh = ImGui::GetFontSize();
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const float frame_h = ImGui::GetFrameHeight();
    if (!ready) ImGui::BeginDisabled();
    flow(ImGui::CalcTextSize("speed").x + fh * 9 + ImGui::CalcTextSize("max").x + frame_h + sp * 4, fh * 1.2f);
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
    if (!ctx.view.present) {  // presentation mode keeps transport only
        flow(fh * 4.5f + button_w("Run to") + sp, fh * 1.2f);
        ImGui::SetNextItemWidth(fh * 4.5f);
        ImGui::InputInt("##runto", &ctx.view.run_to, 0, 0);
        ctx.view.run_to = std::clamp(ctx.view.run_to, 1, kMaxSessionSteps);
        ImGui::SameLine();
        if (ImGui::Button("Run to")) drive(ctx, cmd::RunTo{ctx.view.run_to});
    }
    if (!ready) ImGui::EndDisabled();

}

// The kept range, the run mode with the measured rate, the way out of presentation mode, the worker's status
// and the settings notice, each where it fits on the rows.
void status_texts(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    const float fh = ImGui::GetFontSize();
    if (s.newest_step > 0 && !ctx.view.present) {
        char kept[64];
        std::snprintf(kept, sizeof kept, "(kept %d-%d)", s.oldest_kept_step, s.newest_step);
        flow(ImGui::CalcTextSize(kept).x, fh);
        ImGui::AlignTextToFramePadding();
        dim_text("%s", kept);
    }
    const char* mode = s.mode == RunMode::Paused ? "paused" : s.mode == RunMode::Playing ? "playing" : "running";
    char mode_text[64];
    if (s.mode != RunMode::Paused && s.measured_steps_per_second > 0)
        std::snprintf(mode_text, sizeof mode_text, "%s  %.0f steps/s", mode, s.measured_steps_per_second);
    else
        std::snprintf(mode_text, sizeof mode_text, "%s", mode);
    flow(ImGui::CalcTextSize(mode_text).x, fh);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(mode_text);
    if (!s.status.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.status.c_str());
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ctx.view.present) {  // the way out, where it fits on the row (never a row of its own)
        for (const char* hint : {"F11 / Esc: leave presentation", "Esc: leave"})
            if (ImGui::GetItemRectMax().x + fh * 1.5f + ImGui::CalcTextSize(hint).x <= right) {
                ImGui::SameLine(0, fh * 1.5f);
                dim_text("%s", hint);
                break;
            }
    }
    // The worker's status where it fits on the row (else in the mode's tooltip: it never adds a row).
    if (!s.status.empty() && !ctx.view.present && ImGui::GetItemRectMax().x + fh + ImGui::CalcTextSize(s.status.c_str()).x <= right) {
        ImGui::SameLine(0, fh);
        dim_text("%s", s.status.c_str());
    }
    if (!ctx.notice.text.empty()) {  // e.g. the settings file could not be read (defaults in use)
        flow(ImGui::CalcTextSize(ctx.notice.text.c_str()).x, fh);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1), "%s", ctx.notice.text.c_str());
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
            ImGui::TextUnformatted(ctx.notice.detail.empty() ? ctx.notice.text.c_str() : ctx.notice.detail.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
}
}  // namespace

void draw_transport_panel(UiContext& ctx) {
    handle_keys(ctx);
    if (begin_panel(ctx, "transport",
                    ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoResize)) {
        const Snapshot& s = *ctx.snap;
        const bool ready = s.model && s.newest_step >= 0 && !s.bias_description.empty();
        const float fh = ImGui::GetFontSize();
        play_buttons(ctx, ready);
        // The step counter: large and always visible, right after the buttons.
        char step_text[32];
        std::snprintf(step_text, sizeof step_text, "STEP %d", s.step);
        flow(ImGui::CalcTextSize(step_text).x, fh * 1.2f);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1), "%s", step_text);
        ctx.record_item("step_counter");

        speed_controls(ctx, ready);
        status_texts(ctx);
        // The bar is as tall as its rows: the layout tiles the panels below it again when that changes.
        const float needed = std::ceil(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y +
                                       ImGui::GetStyle().WindowPadding.y + 2.0f);
        if (std::fabs(needed - ctx.frame.transport_height) > 0.5f) {
            ctx.frame.transport_height = needed;
            ctx.frame.relayout = true;
        }
    }
    ImGui::End();
}

}  // namespace topdown::gui
