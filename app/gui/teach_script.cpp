#include "teach_script.hpp"

#include <nlohmann/json.hpp>

#include "generate/biasing.hpp"
#include "panels/teach_panels.hpp"

namespace topdown::gui {

bool apply_teach_options(const AppOptions& o, UiContext& ctx, std::string& error) {
    const ModelInfo* m = ctx.snap->model.get();
    if (!m) return true;
    if (!o.start_image.empty()) {
        fit_canvas_to_model(ctx, m->image_rows, m->image_cols);
        std::fill(ctx.composer.clamp_mask.begin(), ctx.composer.clamp_mask.end(), 0.0f);
        if (!load_canvas_image(ctx, o.start_image, m->image_rows, m->image_cols) ||
            (!o.clamp_mask.empty() && !load_canvas_mask(ctx, o.clamp_mask, m->image_rows, m->image_cols))) {
            error = ctx.teach.canvas.message;
            return false;
        }
        ctx.composer.method = static_cast<int>(BiasMethod::Image);
        ctx.teach.canvas.open = o.panel == "canvas";
    } else if (!o.clamp_mask.empty()) {
        error = "--clamp-mask needs --start-image";
        return false;
    }
    if (!o.lesson.empty()) {
        open_lesson(ctx, o.lesson, o.lesson_step - 1);
        if (!ctx.teach.lesson.lesson || ctx.teach.lesson.path != o.lesson) {
            error = ctx.teach.lesson.message;
            return false;
        }
        ctx.send(cmd::SetSpeed{0});  // the script runs flat out whatever the lesson's speed
    }
    return true;
}

void add_teach_content(const UiContext& ctx, nlohmann::json& j) {
    const Snapshot& s = *ctx.snap;
    if (s.model && s.params.bias.method == BiasMethod::Image) {
        const auto& b = s.params.bias;
        const auto shown = s.current ? s.current : s.step == 0 ? s.start : nullptr;
        nlohmann::json c;
        c["rows"] = s.model->image_rows;
        c["cols"] = s.model->image_cols;
        c["source"] = std::vector<float>(b.image.data(), b.image.data() + b.image.size());
        c["mask"] = std::vector<float>(b.clamp_mask.data(), b.clamp_mask.data() + b.clamp_mask.size());
        if (shown) c["visible"] = shown->visible;
        c["step"] = s.step;
        j["image_start"] = c;
    }
    const LessonState& ls = ctx.teach.lesson;
    if (ls.open && ls.lesson) {
        const LessonStep& st = ls.lesson->steps[static_cast<std::size_t>(ls.step)];
        j["lesson"] = {{"title", ls.lesson->title}, {"step", ls.step + 1}, {"steps", ls.lesson->steps.size()},
                       {"step_title", st.title}, {"panel", st.panel}, {"method", ctx.composer.method},
                       {"class_a", ctx.composer.class_a}, {"class_b", ctx.composer.class_b}};
    }
    j["canvas_strokes"] = ctx.teach.canvas.strokes;
}

}  // namespace topdown::gui
