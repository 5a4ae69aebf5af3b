// Visible layer: the current sample, large, through our shader (nearest-neighbour upscale + colour map),
// the classifier's verdict, and a filmstrip of recent steps (click one to jump there).
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "compare_mode.hpp"
#include "panels/panel.hpp"
#include "panels/teach_panels.hpp"
#include "session/filmstrip_layout.hpp"

namespace topdown::gui {

namespace {
// The classifier's verdict: class name, then "p = .. H = .." (on the same line when `one_line`, leaving out H
// when the line would be wider than `room`).
void verdict_text(const Snapshot& s, const FocusedFrame& f, bool one_line, float room = 1e9f) {
    if (!s.classifier_loaded || !f.verdict.known()) {
        dim_text("classifier not loaded");
        return;
    }
    const int C = s.model->num_classes();
    const auto col = plot::state_color(f.verdict.state, C);
    const std::string name = f.verdict.state < C ? s.model->model->class_names[static_cast<std::size_t>(f.verdict.state)]
                                                 : std::string("non-class");
    const ImVec4 text = ImVec4(col.r / 255.f, col.g / 255.f, col.b / 255.f, 1);
    ImGui::TextColored(text, "%s", name.c_str());
    if (one_line) ImGui::SameLine();
    char line[64];
    std::snprintf(line, sizeof line, "p = %.2f   H = %.2f nats", static_cast<double>(f.verdict.probability),
                  static_cast<double>(f.verdict.entropy));
    if (one_line && ImGui::CalcTextSize(name.c_str()).x + ImGui::CalcTextSize(line).x + ImGui::GetFontSize() > room)
        std::snprintf(line, sizeof line, "p = %.2f", static_cast<double>(f.verdict.probability));
    ImGui::TextUnformatted(line);
}

// The colour map and the pixel grid switch.
void view_options(UiContext& ctx) {
    const float fh = ImGui::GetFontSize();
    int cm = static_cast<int>(ctx.view.colormap);
    const char* names[] = {"gray", "inverted", "viridis", "magma"};
    ImGui::SetNextItemWidth(fh * 7);
    if (ImGui::Combo("colour map", &cm, names, IM_ARRAYSIZE(names))) ctx.view.colormap = static_cast<plot::ColorMap>(cm);
    ImGui::SameLine();
    ImGui::Checkbox("pixel grid", &ctx.view.pixel_grid);
}

// The step, the classifier's verdict, and (beside the image, where the height allows: `full`) the energies and
// the seed; below the image on one line when `below`.
void draw_frame_info(UiContext& ctx, const FocusedFrame& f, bool below, bool full, float info_w, float avail_w) {
    const Snapshot& s = *ctx.snap;
    const float fh = ImGui::GetFontSize();
    if (below) {
        ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1), "step %d", f.step);
        ImGui::SameLine(0, fh);
        verdict_text(s, f, true, avail_w - (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x));
    } else {
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1), "step %d", f.step);
        verdict_text(s, f, false);
        if (full) {
            ImGui::Spacing();
            for (std::size_t l = 0; l < f.energy.size(); ++l)
                ImGui::Text("E%zu %9.1f", l + 1, static_cast<double>(f.energy[l]));
            help_marker(ctx, "energy", "Energy of each layer pair for the current state: lower energy = a state the "
                                       "model finds more typical. Attractors sit in energy valleys.");
            ImGui::Spacing();
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + info_w - fh * 0.5f);
            dim_text("seed %llu  T %.2g", static_cast<unsigned long long>(s.params.seed),
                     static_cast<double>(s.params.temperature));
            ImGui::PopTextWrapPos();
        }
        ImGui::EndGroup();
    }
}

// Filmstrip: the newest kept frames up to the cursor, oldest left, preceded by the start (step 0) while step 1
// is kept. As many as fit, at most one per texture slot (two thumbnails in one slot would show the same image).
// Each is a button framed in the frame's state colour (click: jump there) with its step below.
void draw_filmstrip(UiContext& ctx, const ModelInfo& m, float thumb_w, float thumb_h, float gap) {
    const Snapshot& s = *ctx.snap;
    const int count = filmstrip_count(ImGui::GetContentRegionAvail().x, thumb_w, gap);
    const std::vector<std::shared_ptr<const FocusedFrame>> strip = filmstrip_frames(s.start, s.recent, count);
    const std::size_t n = strip.size(), first = 0;
    ImGui::Spacing();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap * 0.5f));
    ImGui::BeginGroup();
    for (std::size_t i = first; i < n; ++i) {
        const auto& fr = strip[i];
        if (i > first) ImGui::SameLine();
        ImGui::BeginGroup();
        // A button framed in the frame's state colour; the image is drawn straight into the window.
        // Slots keyed by step: as the strip scrolls, a frame keeps its upload (one new upload per step).
        ImGui::PushID(static_cast<int>(i));
        const bool cur = fr->step == s.step;
        const auto sc = plot::state_color(fr->verdict.state, m.num_classes());
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("frame", ImVec2(thumb_w, thumb_h))) drive(ctx, cmd::Seek{fr->step});
        if (fr->step == 0) ctx.record_item("filmstrip_start");
        const bool hot = ImGui::IsItemHovered();
        ImVec4 frame = cur ? ImVec4(0.55f, 0.85f, 1.0f, 1) : ImVec4(sc.r / 255.f, sc.g / 255.f, sc.b / 255.f, 1);
        if (hot) frame = ImVec4(std::min(1.0f, frame.x * 1.25f + 0.1f), std::min(1.0f, frame.y * 1.25f + 0.1f),
                                std::min(1.0f, frame.z * 1.25f + 0.1f), 1);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p0, ImVec2(p0.x + thumb_w, p0.y + thumb_h), ImGui::ColorConvertFloat4ToU32(frame));
        ctx.renderer->draw(dl, ImVec2(p0.x + 2, p0.y + 2), ImVec2(p0.x + thumb_w - 2, p0.y + thumb_h - 2),
                           std::string("film_") + std::to_string(fr->step % kFilmstripSlots) + ctx.rects.suffix, fr, 0, fr->visible.data(),
                           m.image_rows, m.image_cols, ctx.view.colormap, false);
        if (hot && fr->step == 0) ImGui::SetTooltip("step 0: the start (mean-field image of the top state) - click to jump here");
        else if (hot) ImGui::SetTooltip("step %d - click to jump here", fr->step);
        ImGui::PopID();
        const std::string lbl = std::to_string(fr->step);
        const float tw = ImGui::CalcTextSize(lbl.c_str()).x;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (thumb_w - tw) * 0.5f);
        if (cur) ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1), "%s", lbl.c_str());
        else dim_text("%s", lbl.c_str());
        ImGui::EndGroup();
    }
    ImGui::EndGroup();
    ctx.record_item("filmstrip");
    ImGui::PopStyleVar();
}
}  // namespace

void draw_visible_panel(UiContext& ctx) {
    if (begin_panel(ctx, "visible", ImGuiWindowFlags_HorizontalScrollbar)) {
        const Snapshot& s = *ctx.snap;
        const float fh = ImGui::GetFontSize();
        if (!ctx.view.present) view_options(ctx);  // presentation mode: the picture only
        const ModelInfo* m = s.model.get();
        // At step 0 the panel shows the chain's start (the mean-field image of H⁰, docs/METHODS.md §13).
        const std::shared_ptr<const FocusedFrame> shown = s.current ? s.current : s.step == 0 ? s.start : nullptr;
        if (!m || !shown) {
            plot::placeholder(m ? (s.bias_description.empty() ? "Press Start (or Space) to run the chain."
                                                              : "Step 0: the chain is ready. Press Play (Space).")
                                : "Load a model to begin.",
                              ImGui::GetContentRegionAvail());
            ImGui::End();
            return;
        }
        const FocusedFrame& f = *shown;
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const ImGuiStyle& st = ImGui::GetStyle();
        // Filmstrip below: thumbnails 3.2 font sizes (2.6 in presentation mode) with their step label.
        // Thumbnails keep the image's shape (rows / cols): the longer side is `thumb` (`thumb_w` x `thumb_h`).
        const float aspect = static_cast<float>(m->image_rows) / static_cast<float>(std::max(1, m->image_cols));
        const float thumb = fh * (ctx.view.present ? 2.6f : 3.2f), gap = fh * 0.35f;
        const float thumb_w = aspect > 1.0f ? std::floor((thumb - 4.0f) / aspect) + 4.0f : thumb;
        const float thumb_h = std::floor((thumb_w - 4.0f) * aspect) + 4.0f;
        const float film_h = thumb_h + fh + st.ItemSpacing.y * 2.0f + gap;
        // The verdict beside the image, or (when that leaves the image smaller) on two lines below it.
        const float info_w = std::max(fh * 9.5f, ImGui::CalcTextSize("p = 0.00   H = 0.00 nats").x +
                                                     st.ItemSpacing.x * 2.0f);
        const float below_h = fh + st.ItemSpacing.y;  // one line: step, class, p (and H where it fits)
        // `side` is the image's width; its height side * aspect must fit too.
        const float side_beside = std::min(avail.x - info_w, (avail.y - film_h) / std::max(aspect, 1e-3f));
        const float side_below = std::min(avail.x, (avail.y - film_h - below_h) / std::max(aspect, 1e-3f));
        const bool info_below = side_below > side_beside;
        // Beside the image: step, verdict (2 lines), then the energies and the seed where the height allows.
        const float line = fh + st.ItemSpacing.y;
        const bool info_full = line * (5.0f + static_cast<float>(f.energy.size())) <= avail.y - film_h;
        // The image keeps at least 10 font sizes (the panel scrolls when it is smaller than that).
        const float side = std::floor(std::max(fh * 10.0f / std::max(aspect, 1.0f), info_below ? side_below : side_beside));
        const float img_h = std::floor(side * aspect);
        const ImVec2 img_pos = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(side, img_h));
        ctx.renderer->draw(ImGui::GetWindowDrawList(), img_pos, ImVec2(img_pos.x + side, img_pos.y + img_h), "visible" + ctx.rects.suffix,
                           shown, 0, f.visible.data(), m->image_rows, m->image_cols, ctx.view.colormap,
                           ctx.view.pixel_grid);
        ctx.record_item("visible_image");
        draw_session_clamp_outline(ctx, img_pos, ImVec2(img_pos.x + side, img_pos.y + img_h));  // image starts
        draw_frame_info(ctx, f, info_below, info_full, info_w, avail.x);

        draw_filmstrip(ctx, *m, thumb_w, thumb_h, gap);
    }
    ImGui::End();
}

}  // namespace topdown::gui
