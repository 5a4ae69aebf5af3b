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
        ctx.capture.export_message = "wrote " + path;
    } catch (const std::exception& e) {
        ctx.capture.export_message.clear();
        ctx.errors.show(std::string("Export failed: ") + e.what());
    }
}
}  // namespace

void draw_export_panel(UiContext& ctx) {
    if (!ctx.view.show_export || ctx.capture.capturing) return;  // never part of its own window / panel PNG
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
            ctx.capture.screenshot_request = stem + "-window.png";
            ctx.capture.screenshot_panel.clear();
        }
        static int panel = 0;
        static const std::vector<const char*> panels = exportable_panels();  // from the panel table
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::Combo("##panel", &panel, panels.data(), static_cast<int>(panels.size()));
        ImGui::SameLine();
        if (ImGui::Button("PNG of this panel", ImVec2(-1, 0))) {
            ctx.capture.screenshot_request = stem + "-" + panels[panel] + ".png";
            ctx.capture.screenshot_panel = panels[panel];
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
        if (!ctx.capture.export_message.empty()) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1), "%s", ctx.capture.export_message.c_str());
            ImGui::PopTextWrapPos();
        }
        if (ImGui::Button("Close")) ctx.view.show_export = false;
    }
    ImGui::End();
}

}  // namespace topdown::gui
