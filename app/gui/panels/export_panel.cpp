// Export: PNG of the window or one panel, PNG filmstrip, the figures (core/session/live_figures), CSV of the focused chain and of the ensemble,
// and a session file (JSON) that reopens the same chain.
#include <GLFW/glfw3.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "exporters.hpp"
#include "panels/panel.hpp"
#include "session/live_figures.hpp"
#include "util/export_folder.hpp"

namespace topdown::gui {

namespace {
std::string default_export_dir() {
    const char* home = std::getenv("HOME");
    return (std::filesystem::path(home ? home : "/tmp") / "topdown-exports").string();
}

template <typename F>
void run_export(UiContext& ctx, const std::string& path, F&& f) {
    try {
        ensure_export_folder(path);  // a new account has no ~/topdown-exports yet
        f(path);
        ctx.export_message = "wrote " + path;
    } catch (const std::exception& e) {
        ctx.export_message.clear();
        ctx.pending_error = std::string("Export failed: ") + e.what();
        ctx.pending_error_note.clear();  // nothing else is affected
    }
}
}  // namespace

void draw_export_panel(UiContext& ctx) {
    if (!ctx.view.show_export || ctx.capturing) return;  // never part of its own window / panel PNG
    static char folder[1024] = {0};
    if (!folder[0]) std::snprintf(folder, sizeof folder, "%s", default_export_dir().c_str());
    if (begin_panel(ctx, "export")) {
        const Snapshot& s = *ctx.snap;
        ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4);
        ImGui::InputText("folder", folder, sizeof folder);
        const std::string stem = (std::filesystem::path(folder) / (std::string("topdown-seed") + std::to_string(s.params.seed) +
                                                                    std::string("-step") + std::to_string(s.step))).string();
        ImGui::Separator();
        if (ImGui::Button("PNG of the window", ImVec2(-1, 0))) {
            ctx.screenshot_request = stem + "-window.png";
            ctx.screenshot_panel.clear();
        }
        static int panel = 0;
        static const std::vector<const char*> panels = exportable_panels();  // from the panel table
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::Combo("##panel", &panel, panels.data(), static_cast<int>(panels.size()));
        ImGui::SameLine();
        if (ImGui::Button("PNG of this panel", ImVec2(-1, 0))) {
            ctx.screenshot_request = stem + "-" + panels[panel] + ".png";
            ctx.screenshot_panel = panels[panel];
        }
        if (ImGui::Button("PNG filmstrip (last 16 steps)", ImVec2(-1, 0)))
            run_export(ctx, stem + "-filmstrip.png",
                       [&](const std::string& p) { export_filmstrip_png(s, ctx.view.colormap, 16, p); });
        if (ImGui::Button("Figures: SVG, PDF and PNG, each with its CSV", ImVec2(-1, 0)))
            run_export(ctx, stem + "-figures", [&](const std::string&) {
                write_live_figures(s, stem, {figure::Format::Svg, figure::Format::Pdf, figure::Format::Png});
            });
        if (ImGui::Button("CSV of the focused chain", ImVec2(-1, 0)))
            run_export(ctx, stem + "-chain.csv", [&](const std::string& p) { export_focused_csv(s, p); });
        if (ImGui::Button("CSV of the ensemble", ImVec2(-1, 0)))
            run_export(ctx, stem + "-ensemble.csv", [&](const std::string& p) { export_ensemble_csv(s, p); });
        if (ImGui::Button("Session file (JSON)", ImVec2(-1, 0)))
            run_export(ctx, stem + "-session.json", [&](const std::string& p) { export_session_json(s, p); });
        help_marker(ctx, "session", "A session file stores the model path, the biasing, the seed, the "
                                    "temperature and the step. Opening it (Model > Open...) replays the same chain "
                                    "exactly.");
        if (!ctx.export_message.empty()) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1), "%s", ctx.export_message.c_str());
            ImGui::PopTextWrapPos();
        }
        if (ImGui::Button("Close")) ctx.view.show_export = false;
    }
    ImGui::End();
}

void draw_error_dialog(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    if (s.error_serial != ctx.shown_error_serial) {
        ctx.shown_error_serial = s.error_serial;
        if (!s.error.empty()) {
            ctx.pending_error = s.error;
            // Only a failed model load keeps the previous model; other worker errors say their own context.
            ctx.pending_error_note = s.model && s.status == "kept the previous model"
                                         ? "The previous model (" + s.model->name + ") stays loaded."
                                         : "";
        }
    }
    if (!ctx.pending_error.empty() && !ImGui::IsPopupOpen("Error")) ImGui::OpenPopup("Error");
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, ds.y * 0.4f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    // Fixed width, height fitted every frame: a later, longer message (several bad files in a row) still shows
    // whole with its OK button.
    ImGui::SetNextWindowSize(ImVec2(std::min(ds.x * 0.6f, ImGui::GetFontSize() * 36), 0), ImGuiCond_Always);
    if (ImGui::BeginPopupModal("Error", nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        ctx.record_window("error");
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1), "%s", ctx.pending_error.c_str());
        ImGui::Spacing();
        if (!ctx.pending_error_note.empty()) dim_text("%s", ctx.pending_error_note.c_str());
        ImGui::PopTextWrapPos();
        // Enter / Escape close the dialog only when pressed after it appeared: the Enter that opened a broken
        // file (File > Open, path field) must not close the error it caused in the same or a later frame.
        const bool appearing = ImGui::IsWindowAppearing();
        const ImGuiIO& io = ImGui::GetIO();
        const bool enter = ctx.error_enter_guard.accept(appearing, io.KeysDown[GLFW_KEY_ENTER] || io.KeysDown[GLFW_KEY_KP_ENTER],
                                                        ctx.keys.pressed(GLFW_KEY_ENTER) || ctx.keys.pressed(GLFW_KEY_KP_ENTER));
        const bool escape = ctx.error_escape_guard.accept(appearing, io.KeysDown[GLFW_KEY_ESCAPE], ctx.keys.pressed(GLFW_KEY_ESCAPE));
        if (ImGui::Button("OK", ImVec2(ImGui::GetFontSize() * 6, 0)) || enter || escape) {
            ctx.pending_error.clear();
            ctx.pending_error_note.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace topdown::gui
