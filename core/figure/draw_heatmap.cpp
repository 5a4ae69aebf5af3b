// A heatmap panel: coloured cells with their values printed (percentages by default), row and column names
// with optional state-colour swatches, row/column titles, and a colour bar.
#include <algorithm>
#include <cmath>

#include "figure/panel_draw.hpp"
#include "figure/ticks.hpp"

namespace topdown::figure {

namespace {
// Geometry of a heatmap inside its cell.
struct HeatLayout {
    double left = 0, top = 0, cell = 0, bottom = 0, name_w = 0, col_angle = 0, col_names_h = 0;
};

HeatLayout layout_heatmap(const Panel& p, Painter& g, double width) {
    const Heatmap& h = *p.heatmap;
    HeatLayout l;
    for (const auto& s : h.row_names) l.name_w = std::max(l.name_w, g.text_width(s, FontSizes::kTick));
    const bool swatch = !h.row_name_colors.empty();
    l.left = 4 + (h.row_title.empty() ? 0 : 13) + l.name_w + (swatch ? 10 : 0) + 4;
    l.top = p.title.empty() ? 6 : 17;
    const double right = 6 + 8 + 4 + g.text_width("100", FontSizes::kTick) + (h.colorbar_title.empty() ? 0 : 13) + 4;
    l.cell = std::clamp((width - l.left - right) / std::max(1, h.cols), 6.0, 34.0);
    double col_w = 0;
    for (const auto& s : h.col_names) col_w = std::max(col_w, g.text_width(s, FontSizes::kTick));
    l.col_angle = col_w > l.cell - 2 ? 45 : 0;
    l.col_names_h = l.col_angle != 0 ? col_w * 0.71 + FontSizes::kTick : FontSizes::kTick * 1.4;
    l.bottom = 4 + l.col_names_h + (h.col_title.empty() ? 0 : 13) + (p.note.empty() ? 0 : 11) + 3;
    return l;
}

// The vertical colour bar right of the cells.
void draw_colorbar(const Heatmap& h, Painter& g, double x, double y, double height) {
    const int steps = 64;
    for (int k = 0; k < steps; ++k) {
        const float t = float(k) / float(steps - 1);
        g.fill_rect(x, y + height * (1 - double(k + 1) / steps), 8, height / steps + 0.3, h.magma ? magma(t) : viridis(t));
    }
    g.stroke_rect(x, y, 8, height, {90, 90, 90}, 0.4);
    const double lo = h.vmin * h.cell_scale, hi = h.vmax * h.cell_scale;
    const auto ticks = nice_ticks(lo, hi, std::max(2, int(height / 25)));
    const auto labels = tick_labels(ticks);
    double lw = 0;
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        const double ty = y + height * (1 - (ticks[i] - lo) / (hi - lo));
        g.line(x + 8, ty, x + 10, ty, {60, 60, 60}, 0.6);
        g.text(x + 12, ty, labels[i], FontSizes::kTick, kInk, 0);
        lw = std::max(lw, g.text_width(labels[i], FontSizes::kTick));
    }
    g.text(x + 12 + lw + 8, y + height / 2, h.colorbar_title, FontSizes::kLabel, kInk, 0.5, false, 90);
}
}  // namespace

double heatmap_height(const Panel& p, Painter& g, double width) {
    const auto l = layout_heatmap(p, g, width);
    return l.top + l.cell * p.heatmap->rows + l.bottom;
}

void draw_heatmap(const Panel& p, Painter& g, double x, double y, double width) {
    const Heatmap& h = *p.heatmap;
    const auto l = layout_heatmap(p, g, width);
    const double x0 = x + l.left, y0 = y + l.top, span = h.vmax - h.vmin > 0 ? h.vmax - h.vmin : 1.0;
    for (int i = 0; i < h.rows; ++i)
        for (int j = 0; j < h.cols; ++j) {
            const std::size_t k = std::size_t(i) * std::size_t(h.cols) + std::size_t(j);
            const double v = k < h.values.size() ? h.values[k] : 0.0;
            const float t = float((v - h.vmin) / span);
            const Rgb c = h.magma ? magma(t) : viridis(t);
            g.fill_rect(x0 + j * l.cell, y0 + i * l.cell, l.cell - 0.6, l.cell - 0.6, c);
            if (!(std::abs(v) >= h.min_printed)) continue;
            const std::string s = format_number(h.cell_format.c_str(), v * h.cell_scale);
            const double fs = std::min(FontSizes::kCell, FontSizes::kCell * (l.cell - 2.5) / std::max(1.0, g.text_width(s, FontSizes::kCell)));
            g.text(x0 + (j + 0.5) * l.cell, y0 + (i + 0.5) * l.cell, s, fs, luminance(c) > 0.5 ? kInk : Rgb{255, 255, 255}, 0.5);
        }
    for (int i = 0; i < h.rows && std::size_t(i) < h.row_names.size(); ++i) {
        const double cy = y0 + (i + 0.5) * l.cell;
        g.text(x0 - 4 - (h.row_name_colors.empty() ? 0 : 10), cy, h.row_names[std::size_t(i)], FontSizes::kTick, kInk, 1.0);
        if (std::size_t(i) < h.row_name_colors.size())
            g.fill_rect(x0 - 11, cy - 3.5, 7, 7, h.row_name_colors[std::size_t(i)]), g.stroke_rect(x0 - 11, cy - 3.5, 7, 7, {80, 80, 80}, 0.4);
    }
    const double yb = y0 + h.rows * l.cell;
    for (int j = 0; j < h.cols && std::size_t(j) < h.col_names.size(); ++j) {
        const double cx = x0 + (j + 0.5) * l.cell;
        if (std::size_t(j) < h.col_name_colors.size())
            g.fill_rect(cx - 3.5, yb + 2, 7, 3, h.col_name_colors[std::size_t(j)]);
        if (l.col_angle == 0)
            g.text(cx, yb + 5 + FontSizes::kTick * 0.6, h.col_names[std::size_t(j)], FontSizes::kTick, kInk, 0.5);
        else
            g.text(cx + 2, yb + 7, h.col_names[std::size_t(j)], FontSizes::kTick, kInk, 1.0, false, l.col_angle);
    }
    g.text(x0 + h.cols * l.cell / 2, yb + 6 + l.col_names_h + 5, h.col_title, FontSizes::kLabel, kInk, 0.5);
    g.text(x + 6, y0 + h.rows * l.cell / 2, h.row_title, FontSizes::kLabel, kInk, 0.5, false, 90);
    g.text(x + l.left, y + 8, p.title, FontSizes::kTitle, kInk, 0, true);
    if (!p.note.empty()) g.text(x + l.left, yb + l.bottom - 7, p.note, FontSizes::kNote, kInkLight, 0);
    draw_colorbar(h, g, x0 + h.cols * l.cell + 6, y0, h.rows * l.cell);
}

}  // namespace topdown::figure
