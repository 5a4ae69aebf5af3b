// Lesson player (issue 16 item 4): Help > Lessons opens a lesson file (assets/lessons, or a lecturer's own);
// each step sets up the app (model, biasing, speed, panel) and says what to look for; Back / Next and the keys
// N / P (or Page Down / Page Up) move through the steps. The panel the step points at is outlined.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <filesystem>

#include "panels/panel.hpp"
#include "panels/teach_panels.hpp"
#include "util/errors.hpp"

namespace topdown::gui {

namespace fs = std::filesystem;

namespace {
constexpr ImU32 kHighlight = IM_COL32(255, 210, 60, 255);

std::vector<std::string> lesson_folders() {
    std::vector<std::string> dirs;
#ifdef TOPDOWN_SOURCE_DIR
    dirs.push_back((fs::path(TOPDOWN_SOURCE_DIR) / "assets" / "lessons").string());
#endif
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back((exe.parent_path().parent_path() / "assets" / "lessons").string());
    return dirs;
}

// Opens the panel a step points at (a dialog, or a tab of the analysis window).
void show_step_panel(UiContext& ctx, const std::string& panel) {
    if (panel.empty()) return;
    const int tab = panel_tab(panel);
    if (tab >= 0) ctx.view.analysis_tab = tab;
    if (panel == "replay") ctx.view.show_replay = true;
    if (panel == "guide") ctx.view.show_guide = true;
    if (panel == "canvas") ctx.teach.canvas.open = true;
}

// The loaded model's file name ("" when none).
std::string loaded_model_file(const UiContext& ctx) {
    const ModelInfo* m = ctx.snap ? ctx.snap->model.get() : nullptr;
    return m ? fs::path(m->path).filename().string() : std::string();
}
}  // namespace

void open_lesson(UiContext& ctx, const std::string& path, int step) {
    LessonState& ls = ctx.teach.lesson;
    try {
        ls.lesson = load_lesson(path);
    } catch (const Error& e) {
        ls.message = e.what();
        ctx.errors.show(e.what());
        return;
    }
    ls.path = path;
    ls.open = true;
    ls.message.clear();
    ls.applied = -1;
    // Starting further in: the composer settings of the steps before (each step applies on top of the last).
    step = std::clamp(step, 0, static_cast<int>(ls.lesson->steps.size()) - 1);
    for (int i = 0; i < step; ++i) apply_lesson_step(ls.lesson->steps[static_cast<std::size_t>(i)], ctx.composer);
    show_lesson_step(ctx, step);
}

void show_lesson_step(UiContext& ctx, int index) {
    LessonState& ls = ctx.teach.lesson;
    if (!ls.lesson || index < 0 || index >= static_cast<int>(ls.lesson->steps.size())) return;
    ls.step = index;
    if (ls.applied == index) return;
    ls.applied = index;
    const LessonStep& st = ls.lesson->steps[static_cast<std::size_t>(index)];
    apply_lesson_step(st, ctx.composer);
    if (st.speed) {
        ctx.view.max_speed = *st.speed == 0.0f;
        if (*st.speed > 0) ctx.view.speed = *st.speed;
        ctx.send(cmd::SetSpeed{*st.speed});
    }
    show_step_panel(ctx, st.panel);
    ls.message.clear();
    // The model of this step: the last one named by this step or an earlier one.
    std::optional<std::string> model;
    for (int i = 0; i <= index; ++i)
        if (const auto& m = ls.lesson->steps[static_cast<std::size_t>(i)].model) model = m;
    if (model && *model != loaded_model_file(ctx)) {
        const std::string path = shipped_model_path(*model);
        if (path.empty()) {
            ls.message = "model " + *model + " not found in the model folders";
            return;
        }
        ctx.models.current_path = path;
        ctx.send(cmd::LoadModel{path, composer_params(ctx.composer), st.play ? ctx.composer.steps : 0});
        ls.pending_model = path;
    } else if (st.play) {
        ctx.send(cmd::Restart{composer_params(ctx.composer), true});
    }
}

void update_lessons(UiContext& ctx) {
    LessonState& ls = ctx.teach.lesson;
    if (!ls.pending_model.empty() && ctx.snap->model && ctx.snap->model->path == ls.pending_model && !ctx.snap->loading)
        ls.pending_model.clear();
    if (!ls.open || !ls.lesson || ImGui::GetIO().WantTextInput) return;
    if (ctx.keys.pressed(GLFW_KEY_N) || ctx.keys.pressed(GLFW_KEY_PAGE_DOWN)) show_lesson_step(ctx, ls.step + 1);
    if (ctx.keys.pressed(GLFW_KEY_P) || ctx.keys.pressed(GLFW_KEY_PAGE_UP)) show_lesson_step(ctx, ls.step - 1);
}

void lessons_menu(UiContext& ctx) {
    LessonState& ls = ctx.teach.lesson;
    if (!ImGui::BeginMenu("Lessons")) return;
    if (ls.files.empty())
        for (const auto& d : lesson_folders())
            for (const auto& f : lesson_files(d))
                if (std::find(ls.files.begin(), ls.files.end(), f) == ls.files.end()) ls.files.push_back(f);
    for (const auto& f : ls.files) {
        std::string title = fs::path(f).stem().string();
        if (ImGui::MenuItem(title.c_str())) open_lesson(ctx, f);
    }
    if (ls.files.empty()) ImGui::TextDisabled("no lessons in assets/lessons");
    if (ImGui::MenuItem("Open lesson file...")) {
        ctx.files.browser.open("Open lesson", ".", {".json"});
        ctx.files.purpose = "lesson";
    }
    if (ImGui::MenuItem("Start-image canvas")) ctx.teach.canvas.open = true;
    ImGui::EndMenu();
}

void draw_lesson_panel(UiContext& ctx) {
    LessonState& ls = ctx.teach.lesson;
    if (!ls.open || !ls.lesson) return;
    if (begin_panel(ctx, "lesson")) {
        const Lesson& l = *ls.lesson;
        const int n = static_cast<int>(l.steps.size());
        const LessonStep& st = l.steps[static_cast<std::size_t>(ls.step)];
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1), "%s", l.title.c_str());
        dim_text("step %d of %d", ls.step + 1, n);
        ImGui::Separator();
        ImGui::TextUnformatted(st.title.c_str());
        ctx.record_item("lesson_step_title");
        ImGui::Spacing();
        ImGui::TextUnformatted(st.text.c_str());
        if (!st.look_for.empty()) {
            ImGui::Spacing();
            ImGui::TextColored(ImVec4(1.0f, 0.82f, 0.25f, 1), "Look for:");
            ImGui::SameLine();
            ImGui::TextUnformatted(st.look_for.c_str());
        }
        if (!ls.pending_model.empty()) dim_text("loading the model...");
        if (!ls.message.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", ls.message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        ImGui::BeginDisabled(ls.step == 0);
        if (ImGui::Button("< Back")) show_lesson_step(ctx, ls.step - 1);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(ls.step + 1 >= n);
        if (ImGui::Button("Next >")) show_lesson_step(ctx, ls.step + 1);
        ImGui::EndDisabled();
        ctx.record_item("lesson_next");
        ImGui::SameLine();
        if (ImGui::Button("Close")) ls.open = false;
        dim_text("keys: N next, P back");
        // Outline the panel the step points at (its window, or the window holding its tab).
        if (!st.panel.empty()) {
            const auto it = ctx.rects.panel_rects.find(panel_window(st.panel));
            if (it != ctx.rects.panel_rects.end()) {
                const Rect& r = it->second;
                ImGui::GetForegroundDrawList()->AddRect(ImVec2(r.x + 1, r.y + 1), ImVec2(r.x + r.w - 1, r.y + r.h - 1),
                                                        kHighlight, 0.0f, 0, 3.0f);
            }
        }
    }
    ImGui::End();
}

}  // namespace topdown::gui
