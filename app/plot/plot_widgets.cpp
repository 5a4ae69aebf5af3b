#include "plot/plot_widgets.hpp"

#include <cmath>

#include "session/tick_thinning.hpp"

namespace topdown::plot {

PlotArea begin_plot(const char* id, ImVec2 size, Range x, Range y, const char* x_label, const char* y_label) {
    PlotArea a;
    a.draw = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    const float fh = ImGui::GetFontSize();
    const bool has_y_label = y_label && *y_label;
    const float left = fh * 3.6f;
    const float top = has_y_label ? fh * 1.5f : fh * 0.5f;
    const bool x_ticks = x_label != nullptr;
    const float bottom = x_ticks ? fh * 1.5f + (*x_label ? fh * 1.2f : 0.0f) : fh * 0.3f;
    a.min = ImVec2(p0.x + left, p0.y + top);
    a.max = ImVec2(p0.x + size.x - fh * 0.6f, p0.y + size.y - bottom);
    if (a.max.x < a.min.x + 10) a.max.x = a.min.x + 10;
    if (a.max.y < a.min.y + 10) a.max.y = a.min.y + 10;
    a.x = x.valid() ? x : padded_range(x.lo, x.hi);
    a.y = y.valid() ? y : padded_range(y.lo, y.hi);
    a.mouse = ImGui::GetIO().MousePos;
    a.hovered = ImGui::IsItemHovered() && a.mouse.x >= a.min.x && a.mouse.x <= a.max.x && a.mouse.y >= a.min.y &&
                a.mouse.y <= a.max.y;
    ImDrawList* d = a.draw;
    d->AddRect(a.min, a.max, kPlotGrid, 3.0f);  // an outline only: the background is the panel's
    const int nx = std::max(2, static_cast<int>((a.max.x - a.min.x) / (fh * 5.0f)));
    const int ny = std::max(2, static_cast<int>((a.max.y - a.min.y) / (fh * 2.5f)));
    const double sx = nice_step(a.x.span(), nx), sy = nice_step(a.y.span(), ny);
    // Tick labels are thinned (every 2nd, 3rd, ...) so that no two overlap, whatever the zoom.
    {
        std::vector<float> centers, widths;
        std::vector<std::string> labels;
        for (double t : ticks(a.x, nx)) {
            const float px = to_pixel(t, a.x, a.min.x, a.max.x);
            d->AddLine(ImVec2(px, a.min.y), ImVec2(px, a.max.y), kPlotGrid);
            labels.push_back(format_tick(t, sx));
            centers.push_back(px);
            widths.push_back(ImGui::CalcTextSize(labels.back().c_str()).x);
        }
        if (x_ticks)
            for (int i : topdown::thinned_tick_labels(centers, widths, fh * 0.6f)) {
                const auto k = static_cast<std::size_t>(i);
                d->AddText(ImVec2(centers[k] - widths[k] * 0.5f, a.max.y + fh * 0.2f), kPlotAxisText, labels[k].c_str());
            }
    }
    {
        std::vector<float> centers, heights;
        std::vector<std::string> labels;
        for (double t : ticks(a.y, ny)) {
            const float py = to_pixel(t, a.y, a.max.y, a.min.y);
            d->AddLine(ImVec2(a.min.x, py), ImVec2(a.max.x, py), kPlotGrid);
            labels.push_back(format_tick(t, sy));
            centers.push_back(py);
            heights.push_back(fh);
        }
        for (int i : topdown::thinned_tick_labels(centers, heights, fh * 0.2f)) {
            const auto k = static_cast<std::size_t>(i);
            const ImVec2 ts = ImGui::CalcTextSize(labels[k].c_str());
            // Labels wider than the margin are cut at its left edge rather than drawn over the panel's border.
            d->PushClipRect(ImVec2(p0.x, a.min.y - fh), ImVec2(a.min.x, a.max.y + fh), true);
            d->AddText(ImVec2(a.min.x - ts.x - fh * 0.3f, centers[k] - ts.y * 0.5f), kPlotAxisText, labels[k].c_str());
            d->PopClipRect();
        }
    }
    if (x_label && *x_label) {
        const ImVec2 ts = ImGui::CalcTextSize(x_label);
        d->AddText(ImVec2(0.5f * (a.min.x + a.max.x) - ts.x * 0.5f, a.max.y + fh * 1.35f), kPlotAxisText, x_label);
    }
    if (has_y_label) d->AddText(ImVec2(p0.x + fh * 0.2f, p0.y), kPlotAxisText, y_label);  // no rotated text in ImGui
    d->PushClipRect(a.min, a.max, true);
    return a;
}

void end_plot(PlotArea& a) {
    a.draw->PopClipRect();
    a.draw->AddRect(a.min, a.max, kPlotGrid, 3.0f);
}

namespace {
// Keeps every point when they are sparse; otherwise the min and max of each pixel column (so that a dense
// series costs about two vertices per pixel, and spikes survive).
std::vector<std::size_t> decimate(const PlotArea& a, const double* xs, const float* ys, std::size_t n) {
    std::vector<std::size_t> keep;
    const float width = a.max.x - a.min.x;
    if (static_cast<float>(n) <= width * 2.0f) {
        keep.resize(n);
        for (std::size_t i = 0; i < n; ++i) keep[i] = i;
        return keep;
    }
    int col = -1;
    std::size_t lo = 0, hi = 0;
    auto flush = [&] {
        if (col < 0) return;
        if (lo == hi) keep.push_back(lo);
        else if (lo < hi) keep.push_back(lo), keep.push_back(hi);
        else keep.push_back(hi), keep.push_back(lo);
    };
    for (std::size_t i = 0; i < n; ++i) {
        const int c = static_cast<int>(to_pixel(xs[i], a.x, a.min.x, a.max.x));
        if (c != col) {
            flush();
            col = c;
            lo = hi = i;
        } else {
            if (ys[i] < ys[lo]) lo = i;
            if (ys[i] > ys[hi]) hi = i;
        }
    }
    flush();
    return keep;
}
}  // namespace

void plot_line(PlotArea& a, const double* xs, const float* ys, std::size_t n, ImU32 color, float thickness) {
    // Whole-pixel widths take ImGui's textured anti-aliased lines: 2 triangles per segment instead of 6, which
    // is most of a plot's cost on software GL.
    thickness = std::max(1.0f, std::round(thickness));
    const std::vector<std::size_t> keep = decimate(a, xs, ys, n);
    std::vector<ImVec2> pts;
    pts.reserve(keep.size());
    auto flush = [&] {
        if (pts.size() >= 2) a.draw->AddPolyline(pts.data(), static_cast<int>(pts.size()), color, 0, thickness);
        else if (pts.size() == 1) a.draw->AddCircleFilled(pts[0], thickness, color);
        pts.clear();
    };
    for (std::size_t i : keep) {
        if (!std::isfinite(ys[i]) || !std::isfinite(xs[i])) {
            flush();
            continue;
        }
        pts.push_back(a.at(xs[i], ys[i]));
    }
    flush();
}

void plot_band(PlotArea& a, const double* xs, const float* lo, const float* hi, std::size_t n, ImU32 color) {
    // Dense bands: one quad per ~1.5 pixels is enough.
    const float width = a.max.x - a.min.x;
    const std::size_t stride = static_cast<float>(n) > width / 1.5f && width > 0
                                   ? static_cast<std::size_t>(static_cast<float>(n) / (width / 1.5f)) + 1
                                   : 1;
    const ImDrawListFlags saved_flags = a.draw->Flags;
    a.draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;  // adjacent quads: no seams, half the vertices
    for (std::size_t i = 0; i + 1 < n; i += stride) {
        const std::size_t j = std::min(n - 1, i + stride);
        if (!std::isfinite(lo[i]) || !std::isfinite(hi[i]) || !std::isfinite(lo[j]) || !std::isfinite(hi[j])) continue;
        const ImVec2 q[4] = {a.at(xs[i], lo[i]), a.at(xs[i], hi[i]), a.at(xs[j], hi[j]), a.at(xs[j], lo[j])};
        a.draw->AddConvexPolyFilled(q, 4, color);
    }
    a.draw->Flags = saved_flags;
}

void plot_scatter(PlotArea& a, const double* xs, const float* ys, std::size_t n, ImU32 color, float radius) {
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(ys[i])) a.draw->AddCircleFilled(a.at(xs[i], ys[i]), radius, color, 12);
}

void plot_vline(PlotArea& a, double x, ImU32 color, float thickness) {
    const float px = to_pixel(x, a.x, a.min.x, a.max.x);
    a.draw->AddLine(ImVec2(px, a.min.y), ImVec2(px, a.max.y), color, thickness);
}

void plot_legend(PlotArea& a, const std::vector<LegendEntry>& entries) {
    if (entries.empty()) return;
    const float fh = ImGui::GetFontSize();
    float w = 0;
    for (const auto& e : entries) w = std::max(w, ImGui::CalcTextSize(e.label.c_str()).x);
    const float box_w = w + fh * 2.2f, box_h = fh * 1.25f * static_cast<float>(entries.size()) + fh * 0.4f;
    const ImVec2 p(a.max.x - box_w - fh * 0.4f, a.min.y + fh * 0.4f);
    a.draw->AddRectFilled(p, ImVec2(p.x + box_w, p.y + box_h), IM_COL32(16, 18, 22, 215), 3.0f);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const float y = p.y + fh * 0.2f + fh * 1.25f * static_cast<float>(i);
        a.draw->AddRectFilled(ImVec2(p.x + fh * 0.4f, y + fh * 0.35f), ImVec2(p.x + fh * 1.3f, y + fh * 0.75f),
                              entries[i].color, 2.0f);
        a.draw->AddText(ImVec2(p.x + fh * 1.6f, y), IM_COL32(225, 228, 235, 255), entries[i].label.c_str());
    }
}

int draw_heatmap(ImDrawList* d, ImVec2 min, ImVec2 max, int rows, int cols, const float* values, ColorMap map,
                 const std::vector<std::string>* labels) {
    if (rows <= 0 || cols <= 0) return -1;
    const float cw = (max.x - min.x) / static_cast<float>(cols), ch = (max.y - min.y) / static_cast<float>(rows);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const float v = values[r * cols + c];
            if (!std::isfinite(v)) continue;
            const ImVec2 a(min.x + cw * static_cast<float>(c), min.y + ch * static_cast<float>(r));
            const ImVec2 b(a.x + cw, a.y + ch);
            const Rgb col = colormap(map, v);
            d->AddRectFilled(a, b, to_imu32(col));
            if (labels && static_cast<std::size_t>(r * cols + c) < labels->size()) {
                const std::string& s = (*labels)[static_cast<std::size_t>(r * cols + c)];
                const ImVec2 ts = ImGui::CalcTextSize(s.c_str());
                if (!s.empty() && ts.x < cw - 2 && ts.y < ch)
                    d->AddText(ImVec2(a.x + (cw - ts.x) * 0.5f, a.y + (ch - ts.y) * 0.5f),
                               luminance(col) > 0.55f ? IM_COL32(10, 10, 10, 255) : IM_COL32(245, 245, 245, 255),
                               s.c_str());
            }
        }
    const ImVec2 m = ImGui::GetIO().MousePos;
    const int c = cell_index(m.x, min.x, max.x, cols), r = cell_index(m.y, min.y, max.y, rows);
    if (c < 0 || r < 0 || !ImGui::IsWindowHovered()) return -1;
    d->AddRect(ImVec2(min.x + cw * static_cast<float>(c), min.y + ch * static_cast<float>(r)),
               ImVec2(min.x + cw * static_cast<float>(c + 1), min.y + ch * static_cast<float>(r + 1)),
               IM_COL32(255, 255, 255, 255), 0, 0, 2.0f);
    return r * cols + c;
}

void placeholder(const char* text, ImVec2 size) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* d = ImGui::GetWindowDrawList();
    ImGui::Dummy(size);
    d->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(30, 32, 38, 255), 4.0f);
    d->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(70, 74, 84, 255), 4.0f, 0, 1.0f);
    const float wrap = size.x - ImGui::GetFontSize() * 2;
    const ImVec2 ts = ImGui::CalcTextSize(text, nullptr, false, wrap);
    d->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p.x + (size.x - ts.x) * 0.5f, p.y + (size.y - ts.y) * 0.5f),
               IM_COL32(150, 155, 165, 255), text, nullptr, wrap);
}

}  // namespace topdown::plot
