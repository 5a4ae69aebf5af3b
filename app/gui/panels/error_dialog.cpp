// The error dialog: a modal with what failed (a bad file, a failed restart or export) and a note that belongs to
// it; Enter / Escape close it only when pressed after it appeared.
#include <GLFW/glfw3.h>

#include <algorithm>

#include "panels/panel.hpp"

namespace topdown::gui {

void draw_error_dialog(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    if (s.error_serial != ctx.errors.shown_serial) {
        ctx.errors.shown_serial = s.error_serial;
        if (!s.error.empty()) {
            ctx.errors.message = s.error;
            // Only a failed model load keeps the previous model; other worker errors say their own context.
            ctx.errors.note = s.model && s.status == "kept the previous model"
                                         ? "The previous model (" + s.model->name + ") stays loaded."
                                         : "";
        }
    }
    if (!ctx.errors.message.empty() && !ImGui::IsPopupOpen("Error")) ImGui::OpenPopup("Error");
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, ds.y * 0.4f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    // Fixed width, height fitted every frame: a later, longer message (several bad files in a row) still shows
    // whole with its OK button.
    ImGui::SetNextWindowSize(ImVec2(std::min(ds.x * 0.6f, ImGui::GetFontSize() * 36), 0), ImGuiCond_Always);
    if (ImGui::BeginPopupModal("Error", nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        ctx.record_window("error");
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1), "%s", ctx.errors.message.c_str());
        ImGui::Spacing();
        if (!ctx.errors.note.empty()) dim_text("%s", ctx.errors.note.c_str());
        ImGui::PopTextWrapPos();
        // Enter / Escape close the dialog only when pressed after it appeared: the Enter that opened a broken
        // file (File > Open, path field) must not close the error it caused in the same or a later frame.
        const bool appearing = ImGui::IsWindowAppearing();
        const ImGuiIO& io = ImGui::GetIO();
        const bool enter = ctx.errors.enter_guard.accept(appearing, io.KeysDown[GLFW_KEY_ENTER] || io.KeysDown[GLFW_KEY_KP_ENTER],
                                                        ctx.keys.pressed(GLFW_KEY_ENTER) || ctx.keys.pressed(GLFW_KEY_KP_ENTER));
        const bool escape = ctx.errors.escape_guard.accept(appearing, io.KeysDown[GLFW_KEY_ESCAPE], ctx.keys.pressed(GLFW_KEY_ESCAPE));
        if (ImGui::Button("OK", ImVec2(ImGui::GetFontSize() * 6, 0)) || enter || escape) {
            ctx.errors.message.clear();
            ctx.errors.note.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace topdown::gui
