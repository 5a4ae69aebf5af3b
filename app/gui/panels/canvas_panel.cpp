// Start-image canvas (issue 16 item 2, docs/METHODS.md §15): draw, erase, clear, load an image file or pick a
// test image by thumbnail; mark the pixels to clamp (brush in a clamp mode, or the left half / top half / none
// buttons); "Start from this image" runs BiasMethod::Image from it. The image and the mask live in the composer.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "generate/clamp_mask.hpp"
#include "generate/start_image.hpp"
#include "panels/panel.hpp"
#include "panels/teach_panels.hpp"
#include "util/paths.hpp"

namespace topdown::gui {

namespace {
constexpr ImU32 kClampColour = IM_COL32(255, 150, 30, 255);  // the clamp outline (canvas and visible panel)

// Paints a disc of radius `r` (image pixels) around (x, y) with `value` into `px` (rows x cols); soft edge 1 px.
void paint(std::vector<float>& px, int rows, int cols, float x, float y, float r, float value, bool add) {
    for (int i = std::max(0, int(y - r - 1)); i <= std::min(rows - 1, int(y + r + 1)); ++i)
        for (int j = std::max(0, int(x - r - 1)); j <= std::min(cols - 1, int(x + r + 1)); ++j) {
            const float d = std::hypot(float(j) + 0.5f - x, float(i) + 0.5f - y);
            const float w = std::clamp(r + 0.5f - d, 0.0f, 1.0f);
            if (w <= 0) continue;
            float& p = px[std::size_t(i) * std::size_t(cols) + std::size_t(j)];
            p = add ? std::max(p, value * w) : (value == 0.0f ? std::min(p, 1.0f - w) : p);
        }
}

void tool_row(CanvasState& cs) {
    const char* names[] = {"draw", "erase", "clamp", "unclamp"};
    for (int t = 0; t < 4; ++t) {
        if (t) ImGui::SameLine();
        if (ImGui::RadioButton(names[t], cs.tool == static_cast<CanvasTool>(t))) cs.tool = static_cast<CanvasTool>(t);
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    ImGui::SliderFloat("brush", &cs.brush, 0.5f, 4.0f, "%.1f px");
}

// The canvas: one rectangle per pixel, the clamp outlined, strokes with the mouse.
void canvas_area(UiContext& ctx, int rows, int cols, float side) {
    ComposerState& c = ctx.composer;
    CanvasState& cs = ctx.teach.canvas;
    const float cell = std::floor(side / float(std::max(rows, cols)));
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("canvas", ImVec2(cell * float(cols), cell * float(rows)));
    ctx.record_item("canvas_image");
    const bool active = ImGui::IsItemActive();
    if (active && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const ImVec2 mp = ImGui::GetIO().MousePos;
        const float x = (mp.x - p0.x) / cell, y = (mp.y - p0.y) / cell;
        switch (cs.tool) {
            case CanvasTool::Draw: paint(c.start_image, rows, cols, x, y, cs.brush, cs.ink, true); break;
            case CanvasTool::Erase: paint(c.start_image, rows, cols, x, y, cs.brush, 0.0f, false); break;
            case CanvasTool::Clamp: paint(c.clamp_mask, rows, cols, x, y, cs.brush, 1.0f, true); break;
            case CanvasTool::Unclamp: paint(c.clamp_mask, rows, cols, x, y, cs.brush, 0.0f, false); break;
        }
        for (float& m : c.clamp_mask) m = m >= 0.5f ? 1.0f : 0.0f;
    }
    if (ImGui::IsItemDeactivated()) ++cs.strokes;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j) {
            const auto g = static_cast<int>(std::clamp(c.start_image[std::size_t(i * cols + j)], 0.0f, 1.0f) * 255.0f + 0.5f);
            const ImVec2 a(p0.x + cell * float(j), p0.y + cell * float(i));
            dl->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(g, g, g, 255));
        }
    draw_clamp_outline(dl, p0, ImVec2(p0.x + cell * float(cols), p0.y + cell * float(rows)), c.clamp_mask, rows, cols);
}

// Test images of the model's dataset as thumbnails (a page of 20); a click copies one onto the canvas.
void test_thumbnails(UiContext& ctx, const ModelInfo& m, int rows, int cols) {
    CanvasState& cs = ctx.teach.canvas;
    const std::string name = m.model->dataset.empty() ? "mnist" : m.model->dataset;
    if (!cs.tests || cs.tests_name != name) {
        cs.tests_name = name;
        try {
            cs.tests = std::make_shared<const Dataset>(load_dataset(name, Split::Test, data_dir(), 2000));
        } catch (const Error& e) {
            cs.tests.reset();
            cs.message = std::string("test images: ") + e.what();
        }
    }
    if (!cs.tests || cs.tests->images.cols() != rows * cols) return;
    const int per_page = 20, pages = std::max(1, int(cs.tests->size()) / per_page);
    ImGui::TextUnformatted("test images");
    ImGui::SameLine();
    if (ImGui::ArrowButton("prev", ImGuiDir_Left)) cs.page = (cs.page + pages - 1) % pages;
    ImGui::SameLine();
    if (ImGui::ArrowButton("next", ImGuiDir_Right)) cs.page = (cs.page + 1) % pages;
    ImGui::SameLine();
    dim_text("page %d / %d", cs.page + 1, pages);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float t = std::floor(std::min(ImGui::GetFontSize() * 2.2f, (ImGui::GetContentRegionAvail().x - 9 * gap) / 10.0f));
    for (int k = 0; k < per_page; ++k) {
        const int idx = cs.page * per_page + k;
        if (idx >= cs.tests->size()) break;
        if (k % 10) ImGui::SameLine();
        ImGui::PushID(k);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("t", ImVec2(t, t))) {
            const float* row = cs.tests->images.row(idx).data();
            ctx.composer.start_image.assign(row, row + rows * cols);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("test image %d: click to draw it on the canvas", idx);
        ctx.renderer->draw(ImGui::GetWindowDrawList(), p, ImVec2(p.x + t, p.y + t), "canvas_thumb_" + std::to_string(k),
                           cs.tests, idx, cs.tests->images.row(idx).data(), rows, cols, plot::ColorMap::Gray, false);
        ImGui::PopID();
    }
}

void load_row(UiContext& ctx, int rows, int cols) {
    CanvasState& cs = ctx.teach.canvas;
    char buf[1024];
    std::snprintf(buf, sizeof buf, "%s", cs.file.c_str());
    ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 5, ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 13.5f));
    if (ImGui::InputText("##file", buf, sizeof buf)) cs.file = buf;
    ImGui::SameLine();
    if (ImGui::Button("load image")) load_canvas_image(ctx, cs.file, rows, cols);
    ImGui::SameLine();
    if (ImGui::Button("load as mask")) load_canvas_mask(ctx, cs.file, rows, cols);
}
}  // namespace

void draw_clamp_outline(ImDrawList* dl, ImVec2 min, ImVec2 max, const std::vector<float>& mask, int rows, int cols) {
    if (mask.size() != std::size_t(rows) * std::size_t(cols)) return;
    const float cw = (max.x - min.x) / float(cols), ch = (max.y - min.y) / float(rows);
    const float th = std::max(2.0f, std::floor(std::min(cw, ch) * 0.22f));
    auto on = [&](int i, int j) { return i >= 0 && j >= 0 && i < rows && j < cols && mask[std::size_t(i * cols + j)] != 0.0f; };
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j) {
            if (!on(i, j)) continue;
            const float x0 = min.x + cw * float(j), y0 = min.y + ch * float(i), x1 = x0 + cw, y1 = y0 + ch;
            // An edge between a clamped and a free pixel (or the image border): a band inside the clamped pixel.
            if (!on(i - 1, j)) dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y0 + th), kClampColour);
            if (!on(i + 1, j)) dl->AddRectFilled(ImVec2(x0, y1 - th), ImVec2(x1, y1), kClampColour);
            if (!on(i, j - 1)) dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + th, y1), kClampColour);
            if (!on(i, j + 1)) dl->AddRectFilled(ImVec2(x1 - th, y0), ImVec2(x1, y1), kClampColour);
        }
}

void draw_session_clamp_outline(const UiContext& ctx, ImVec2 min, ImVec2 max) {
    const Snapshot& s = *ctx.snap;
    if (!s.model || s.params.bias.method != BiasMethod::Image || s.params.bias.clamp_mask.size() == 0) return;
    const Matrix& m = s.params.bias.clamp_mask;
    const std::vector<float> mask(m.data(), m.data() + m.size());
    draw_clamp_outline(ImGui::GetWindowDrawList(), min, max, mask, s.model->image_rows, s.model->image_cols);
}

bool load_canvas_image(UiContext& ctx, const std::string& path, int rows, int cols) {
    try {
        const Matrix im = load_start_image(path, ImageShape{rows, cols});
        ctx.composer.start_image.assign(im.data(), im.data() + im.size());
        ctx.teach.canvas.message = "loaded " + path;
        return true;
    } catch (const Error& e) {
        ctx.teach.canvas.message = e.what();
        return false;
    }
}

bool load_canvas_mask(UiContext& ctx, const std::string& path, int rows, int cols) {
    try {
        const Matrix im = load_clamp_mask(path, ImageShape{rows, cols});
        ctx.composer.clamp_mask.assign(im.data(), im.data() + im.size());
        ctx.teach.canvas.message = "clamp mask from " + path;
        return true;
    } catch (const Error& e) {
        ctx.teach.canvas.message = e.what();
        return false;
    }
}

void fit_canvas_to_model(UiContext& ctx, int rows, int cols) {
    const std::size_t d = std::size_t(rows) * std::size_t(cols);
    if (ctx.composer.start_image.size() != d) ctx.composer.start_image.assign(d, 0.0f);
    if (ctx.composer.clamp_mask.size() != d) ctx.composer.clamp_mask.assign(d, 0.0f);
}

void start_from_canvas(UiContext& ctx) {
    ctx.composer.method = static_cast<int>(BiasMethod::Image);
    ctx.send(cmd::Restart{composer_params(ctx.composer), false});
}

void draw_canvas_panel(UiContext& ctx) {
    CanvasState& cs = ctx.teach.canvas;
    if (!cs.open) return;
    if (begin_panel(ctx, "canvas")) {
        const ModelInfo* m = ctx.snap->model.get();
        if (!m) {
            dim_text("Load a model first: the canvas takes the shape of its visible layer.");
        } else {
            const int rows = m->image_rows, cols = m->image_cols;
            fit_canvas_to_model(ctx, rows, cols);
            ComposerState& c = ctx.composer;
            tool_row(cs);
            ImGui::SameLine();
            if (ImGui::Button("clear")) std::fill(c.start_image.begin(), c.start_image.end(), 0.0f);
            dim_text("clamp:");
            ImGui::SameLine();
            if (ImGui::Button("left half")) {
                const Matrix h = left_half_mask(rows, cols);
                c.clamp_mask.assign(h.data(), h.data() + h.size());
            }
            ImGui::SameLine();
            if (ImGui::Button("top half")) {
                const Matrix h = top_half_mask(rows, cols);
                c.clamp_mask.assign(h.data(), h.data() + h.size());
            }
            ImGui::SameLine();
            if (ImGui::Button("none")) std::fill(c.clamp_mask.begin(), c.clamp_mask.end(), 0.0f);
            const ImVec2 avail = ImGui::GetContentRegionAvail();
            const float fh = ImGui::GetFontSize();
            const float side = std::max(fh * 8, std::min(avail.x, avail.y - fh * 12.5f));
            canvas_area(ctx, rows, cols, side);
            if (ImGui::Button("Start from this image")) start_from_canvas(ctx);
            ctx.record_item("canvas_start");
            int clamped = 0;
            for (float v : c.clamp_mask) clamped += v != 0.0f;
            ImGui::SameLine();
            dim_text("%d pixels clamped (outlined)", clamped);
            ImGui::PushTextWrapPos(0);
            dim_text("White = on. Clamped pixels keep these values at every step while the rest evolves.");
            ImGui::PopTextWrapPos();
            load_row(ctx, rows, cols);
            if (!cs.message.empty()) dim_text("%s", cs.message.c_str());
            test_thumbnails(ctx, *m, rows, cols);
        }
        if (ImGui::Button("Close")) cs.open = false;
    }
    ImGui::End();
}

}  // namespace topdown::gui
