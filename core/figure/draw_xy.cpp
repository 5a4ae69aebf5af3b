// Drawing of an x-y panel: grid, SEM bands, lines, bars, distributions, points, brackets, axes, legend.
#include <cmath>

#include "figure/panel_draw.hpp"

namespace topdown::figure {

namespace {
constexpr Rgb kGrid{228, 228, 228};
constexpr Rgb kAxis{60, 60, 60};

// Lines with their SEM bands (bands first, so every line stays on top).
void draw_lines(const Panel& p, Painter& g, const XyLayout& l) {
    cairo_t* cr = g.cr();
    for (const auto& s : p.lines) {
        const std::size_t n = std::min(s.x.size(), s.y.size());
        if (s.sem.size() < n || n < 2) continue;
        for (std::size_t i = 0; i < n; ++i) cairo_line_to(cr, l.px(s.x[i]), l.py(s.y[i] + s.sem[i]));
        for (std::size_t i = n; i-- > 0;) cairo_line_to(cr, l.px(s.x[i]), l.py(s.y[i] - s.sem[i]));
        cairo_close_path(cr);
        g.color(s.color, 0.22);
        cairo_fill(cr);
    }
    for (const auto& s : p.lines) {
        const std::size_t n = std::min(s.x.size(), s.y.size());
        for (std::size_t i = 0; i < n; ++i) cairo_line_to(cr, l.px(s.x[i]), l.py(s.y[i]));
        const double dash[2] = {3.5, 2.0};
        cairo_set_dash(cr, dash, s.dashed ? 2 : 0, 0);
        cairo_set_line_width(cr, s.width);
        g.color(s.color);
        cairo_stroke(cr);
        cairo_set_dash(cr, dash, 0, 0);
        if (!s.markers) continue;
        for (std::size_t i = 0; i < n; ++i) cairo_new_sub_path(cr), cairo_arc(cr, l.px(s.x[i]), l.py(s.y[i]), s.width * 1.3, 0, 2 * M_PI);
        cairo_fill(cr);
    }
}

// Bars with black error bars.
void draw_bars(const Panel& p, Painter& g, const XyLayout& l) {
    for (const auto& b : p.bars)
        for (std::size_t i = 0; i < b.height.size(); ++i) {
            const double x = i < b.x.size() ? b.x[i] : double(i);
            const double x0 = l.px(x - b.width / 2), x1 = l.px(x + b.width / 2);
            g.fill_rect(x0, l.py(b.height[i]), x1 - x0, l.py(std::max(l.r.ylo, 0.0)) - l.py(b.height[i]), b.color);
            if (i >= b.err.size() || !(b.err[i] > 0)) continue;
            const double xc = l.px(x), w = 0.25 * (x1 - x0);
            g.line(xc, l.py(b.height[i] - b.err[i]), xc, l.py(b.height[i] + b.err[i]), kInk, 0.8);
            g.line(xc - w, l.py(b.height[i] + b.err[i]), xc + w, l.py(b.height[i] + b.err[i]), kInk, 0.8);
            g.line(xc - w, l.py(b.height[i] - b.err[i]), xc + w, l.py(b.height[i] - b.err[i]), kInk, 0.8);
        }
}

// Scatter points, with an optional dark ring per point.
void draw_scatters(const Panel& p, Painter& g, const XyLayout& l) {
    cairo_t* cr = g.cr();
    for (const auto& s : p.scatters)
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            const double x = l.px(s.x[i]), y = l.py(s.y[i]);
            if (i < s.ring.size() && s.ring[i]) {
                cairo_arc(cr, x, y, s.radius + 1.4, 0, 2 * M_PI);
                g.color({30, 30, 30}, s.opacity);
                cairo_fill(cr);
            }
            cairo_arc(cr, x, y, s.radius, 0, 2 * M_PI);
            g.color(i < s.colors.size() ? s.colors[i] : s.color, s.opacity);
            cairo_fill(cr);
        }
}

// Spines, ticks, tick labels and axis titles.
void draw_axes(const Panel& p, Painter& g, const XyLayout& l) {
    const double x0 = l.left, y1 = l.top + l.ph;
    g.line(x0, l.top, x0, y1, kAxis, 0.8);
    g.line(x0, y1, x0 + l.pw, y1, kAxis, 0.8);
    for (int i : l.y_keep) {
        const double y = l.py(l.yt[std::size_t(i)]);
        g.line(x0 - 3, y, x0, y, kAxis, 0.8);
        g.text(x0 - 5, y, l.yl[std::size_t(i)], FontSizes::kTick, kInk, 1.0);
    }
    for (int i : l.x_keep) {
        const double x = l.px(l.xt[std::size_t(i)]);
        g.line(x, y1, x, y1 + 3, kAxis, 0.8);
        if (l.x_label_angle == 0)
            g.text(x, y1 + 4 + FontSizes::kTick * 0.65, l.xl[std::size_t(i)], FontSizes::kTick, kInk, 0.5);
        else
            g.text(x + 2, y1 + 4 + FontSizes::kTick * 0.4, l.xl[std::size_t(i)], FontSizes::kTick, kInk, 1.0, false, l.x_label_angle);
    }
    const double below = y1 + l.bottom - (p.note.empty() ? 0 : 11) - 9;
    g.text(l.left + l.pw / 2, below, p.x.title, FontSizes::kLabel, kInk, 0.5);
    g.text(6, l.top + l.ph / 2, p.y.title, FontSizes::kLabel, kInk, 0.5, false, 90);
    g.text(l.left, 8, p.title, FontSizes::kTitle, kInk, 0, true);
    if (!p.note.empty()) g.text(l.left, l.height - 7, p.note, FontSizes::kNote, kInkLight, 0);
}

// The legend box.
void draw_legend(Painter& g, const XyLayout& l) {
    if (l.legend.empty()) return;
    if (!l.legend_outside) {
        g.fill_rect(l.lx, l.ly, l.lw, l.lh, {255, 255, 255}, 0.9);
        g.stroke_rect(l.lx, l.ly, l.lw, l.lh, {200, 200, 200}, 0.5);
    }
    for (std::size_t i = 0; i < l.legend.size(); ++i) {
        const auto& e = l.legend[i];
        const double y = l.ly + 7 + 10.0 * double(i), x = l.lx + 4;
        if (e.band) g.fill_rect(x, y - 3, 13, 6, e.color, 0.25);
        if (e.line)
            g.line(x, y, x + 13, y, e.color, 1.6);
        else
            g.fill_rect(x + 2, y - 3.5, 8, 7, e.color), g.stroke_rect(x + 2, y - 3.5, 8, 7, {90, 90, 90}, 0.3);
        g.text(x + 17, y, e.label, FontSizes::kTick, kInk, 0);
    }
}
}  // namespace

void draw_xy(const Panel& p, Painter& g, const XyLayout& l, double x, double y) {
    cairo_t* cr = g.cr();
    cairo_save(cr);
    cairo_translate(cr, x, y);
    for (int i : l.y_keep) g.line(l.left, l.py(l.yt[std::size_t(i)]), l.left + l.pw, l.py(l.yt[std::size_t(i)]), kGrid, 0.5);
    cairo_save(cr);
    cairo_rectangle(cr, l.left, l.top, l.pw, l.ph);
    cairo_clip(cr);
    draw_bars(p, g, l);
    draw_distributions(p, g, l);
    draw_lines(p, g, l);
    draw_scatters(p, g, l);
    cairo_restore(cr);
    draw_brackets(p, g, l);
    draw_axes(p, g, l);
    draw_legend(g, l);
    cairo_restore(cr);
}

}  // namespace topdown::figure
