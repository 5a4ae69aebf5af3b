// Model panel: models found in assets/models and the user models folder, "Open file...", and the facts
// of the loaded model (architecture, dataset, classes, read-out accuracy, k).
#include <filesystem>

#include "panels/panel.hpp"
#include "panels/teach_panels.hpp"
#include "session/session_file.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"

namespace topdown::gui {

namespace fs = std::filesystem;

std::vector<std::string> model_folders() {
    std::vector<std::string> dirs;
#ifdef TOPDOWN_SOURCE_DIR
    dirs.push_back((fs::path(TOPDOWN_SOURCE_DIR) / "assets" / "models").string());
#endif
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back((exe.parent_path().parent_path() / "assets" / "models").string());
    dirs.push_back(user_models_dir());
    return dirs;
}

std::string shipped_model_path(const std::string& file) {
    for (const auto& d : model_folders()) {
        std::error_code ec;
        const fs::path p = fs::path(d) / file;
        if (fs::is_regular_file(p, ec)) return fs::weakly_canonical(p, ec).string();
    }
    return "";
}

namespace {
void scan_models(UiContext& ctx) {
    ctx.models.files.clear();
    for (const auto& d : model_folders()) {
        std::error_code ec;
        for (fs::directory_iterator it(d, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().extension() == ".tdm") {
                const std::string p = fs::weakly_canonical(it->path(), ec).string();
                if (std::find(ctx.models.files.begin(), ctx.models.files.end(), p) == ctx.models.files.end())
                    ctx.models.files.push_back(p);
            }
    }
    std::sort(ctx.models.files.begin(), ctx.models.files.end());
    ctx.models.rescan = false;
}
}  // namespace

void draw_model_panel(UiContext& ctx) {
    if (ctx.models.rescan) scan_models(ctx);
    if (begin_panel(ctx, "model")) {
        const Snapshot& s = *ctx.snap;
        const ModelInfo* m = s.model.get();
        if (s.loading) {
            ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1), "Loading %s ...",
                               fs::path(s.loading_path).filename().string().c_str());
            ImGui::SameLine();
            const char spin[] = "|/-\\";
            ImGui::Text("%c", spin[static_cast<int>(ImGui::GetTime() * 8) % 4]);
        }
        const std::string current = m ? m->name : std::string("(none)");
        ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 5.2f);
        if (ImGui::BeginCombo("##models", current.c_str())) {
            for (const auto& p : ctx.models.files) {
                const bool sel = m && m->path == p;
                if (ImGui::Selectable(fs::path(p).filename().string().c_str(), sel)) {
                    ctx.models.current_path = p;
                    ctx.send(cmd::LoadModel{p});
                }
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.c_str());
            }
            if (ctx.models.files.empty()) ImGui::TextDisabled("no .tdm files in assets/models or %s", user_models_dir().c_str());
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        if (ImGui::Button("Open...")) {
            ctx.files.purpose = "model";
            const std::string start = m && !m->path.empty() ? fs::path(m->path).parent_path().string() : user_models_dir();
            ctx.files.browser.open("Open model or session", start, {".tdm", ".npz", ".json"});
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open a model file (.tdm, or NumPy .npz) or a saved session (.json)");
        if (m) {
            const Dbn& d = *m->model;
            if (ImGui::BeginTable("facts", 2, ImGuiTableFlags_SizingStretchProp)) {
                auto row = [](const char* k, const std::string& v) {
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextDisabled("%s", k);
                    ImGui::TableNextColumn();
                    ImGui::TextWrapped("%s", v.c_str());
                };
                row("layers", m->architecture + (d.depth() == 1 ? "  (RBM)" : "  (DBN)"));
                row("dataset", d.dataset.empty() ? std::string("?") : d.dataset);
                std::string names;
                for (std::size_t i = 0; i < d.class_names.size(); ++i) names += (i ? ", " : "") + d.class_names[i];
                row("classes", names.empty() ? std::string("none") : names);
                char buf[64];
                if (d.readout_accuracy >= 0) std::snprintf(buf, sizeof buf, "%.1f %%", d.readout_accuracy * 100.0);
                else std::snprintf(buf, sizeof buf, "unknown");
                row("read-out", buf);
                row("k", d.k > 0 ? std::to_string(d.k) + " active top units" : std::string("not set"));
                row("label bias", m->has_label_biasing ? std::string("M stored") : std::string("missing"));
                ImGui::EndTable();
            }
        } else if (!s.loading) {
            ImGui::TextWrapped("No model loaded. Pick one above or open a .tdm file.");
        }
    }
    ImGui::End();
    if (ctx.files.browser.draw()) {
        const std::string p = ctx.files.browser.selected();
        if (ctx.files.purpose == "lesson") {
            open_lesson(ctx, p);
        } else if (p.size() > 5 && p.compare(p.size() - 5, 5, ".json") == 0) {
            open_session(ctx, p);
        } else {
            ctx.models.current_path = p;
            ctx.send(cmd::LoadModel{p});
        }
    }
}

}  // namespace topdown::gui
