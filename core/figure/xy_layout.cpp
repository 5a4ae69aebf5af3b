// Layout of an x-y panel: data range, ticks (thinned so labels never overlap), margins from measured text,
// and a legend placed in the first corner of the plot that covers no data (else outside on the right).
#include <algorithm>
#include <cmath>

#include "figure/panel_draw.hpp"
#include "figure/ticks.hpp"
#include "session/tick_thinning.hpp"

namespace topdown::figure {

namespace {
struct Extent {
    double lo = INFINITY, hi = -INFINITY;
    void add(double v) {
        if (!std::isfinite(v)) return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
};

// Data extents of every series; brackets get levels above the data.
Range data_range(const Panel& p, std::vector<double>& bracket_y) {
    Extent x, y;
    for (const auto& s : p.lines)
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            x.add(s.x[i]);
            const double e = i < s.sem.size() ? s.sem[i] : 0.0;
            y.add(s.y[i] - e);
            y.add(s.y[i] + e);
        }
    for (const auto& s : p.scatters)
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) x.add(s.x[i]), y.add(s.y[i]);
    for (const auto& b : p.bars)
        for (std::size_t i = 0; i < b.height.size(); ++i) {
            x.add(i < b.x.size() ? b.x[i] : double(i));
            const double e = i < b.err.size() ? b.err[i] : 0.0;
            y.add(0.0);
            y.add(b.height[i] + e);
        }
    for (const auto& d : p.distributions) {
        x.add(d.x);
        for (double v : d.values) y.add(v);
    }
    if (!(x.hi >= x.lo)) x = {0, 1};
    if (!(y.hi >= y.lo)) y = {0, 1};
    if (y.hi - y.lo < 1e-12) y = {y.lo - 0.5, y.hi + 0.5};
    if (x.hi - x.lo < 1e-12) x = {x.lo - 0.5, x.hi + 0.5};
    Range r{x.lo, x.hi, y.lo, y.hi};
    const double ypad = 0.05 * (r.yhi - r.ylo), xpad = 0.03 * (r.xhi - r.xlo);
    if (!p.x.categories.empty()) {
        r.xlo = -0.6;
        r.xhi = double(p.x.categories.size()) - 0.4;
    } else {
        r.xlo -= xpad, r.xhi += xpad;
    }
    const bool from_zero = !p.bars.empty() && r.ylo >= 0;
    r.ylo = from_zero ? 0.0 : r.ylo - ypad;
    const double top = r.yhi, step = 0.13 * (r.yhi - r.ylo);
    for (std::size_t i = 0; i < p.brackets.size(); ++i) bracket_y.push_back(top + (double(i) + 0.7) * step);
    r.yhi = p.brackets.empty() ? r.yhi + ypad : top + (double(p.brackets.size()) + 0.6) * step;
    if (p.x.min) r.xlo = *p.x.min;
    if (p.x.max) r.xhi = *p.x.max;
    if (p.y.min) r.ylo = *p.y.min;
    if (p.y.max) r.yhi = *p.y.max;
    if (!(r.xhi > r.xlo)) r.xhi = r.xlo + 1;
    if (!(r.yhi > r.ylo)) r.yhi = r.ylo + 1;
    return r;
}

// Legend entries: labelled series (first of each label) and the extra entries.
std::vector<LegendItem> legend_items(const Panel& p) {
    std::vector<LegendItem> out;
    auto add = [&](const std::string& label, Rgb c, bool line, bool band) {
        if (label.empty()) return;
        for (const auto& e : out)
            if (e.label == label) return;
        out.push_back({label, c, line, band});
    };
    for (const auto& s : p.lines) add(s.label, s.color, true, !s.sem.empty());
    for (const auto& s : p.scatters) add(s.label, s.colors.empty() ? s.color : s.colors.front(), false, false);
    for (const auto& s : p.bars) add(s.label, s.color, false, false);
    for (const auto& s : p.distributions) add(s.label, s.color, false, false);
    for (const auto& e : p.legend_extra) add(e.label, e.color, e.line, false);
    return out;
}

// Sample points (panel coordinates) of everything the panel draws, for legend placement.
std::vector<std::pair<double, double>> data_points(const Panel& p, const XyLayout& l) {
    std::vector<std::pair<double, double>> pts;
    auto seg = [&](double x0, double y0, double x1, double y1) {
        for (int k = 0; k <= 8; ++k) pts.emplace_back(l.px(x0 + (x1 - x0) * k / 8.0), l.py(y0 + (y1 - y0) * k / 8.0));
    };
    for (const auto& s : p.lines)
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            const double e = i < s.sem.size() ? s.sem[i] : 0.0;
            if (i + 1 < s.x.size() && i + 1 < s.y.size()) seg(s.x[i], s.y[i], s.x[i + 1], s.y[i + 1]);
            pts.emplace_back(l.px(s.x[i]), l.py(s.y[i] + e));
            pts.emplace_back(l.px(s.x[i]), l.py(s.y[i] - e));
        }
    for (const auto& s : p.scatters)
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) pts.emplace_back(l.px(s.x[i]), l.py(s.y[i]));
    for (const auto& b : p.bars)
        for (std::size_t i = 0; i < b.height.size(); ++i) {
            const double x = i < b.x.size() ? b.x[i] : double(i);
            for (double dx : {-0.5, 0.0, 0.5}) seg(x + dx * b.width, 0.0, x + dx * b.width, b.height[i]);
        }
    for (const auto& d : p.distributions) {
        if (d.values.empty()) continue;
        const auto [lo, hi] = std::minmax_element(d.values.begin(), d.values.end());
        for (double dx : {-0.4, 0.0, 0.4}) seg(d.x + dx, *lo, d.x + dx, *hi);
    }
    for (std::size_t i = 0; i < p.brackets.size(); ++i) seg(p.brackets[i].x0, l.bracket_y[i], p.brackets[i].x1, l.bracket_y[i]);
    return pts;
}

// Places the legend inside the plot where it covers no data; false if no corner is free.
bool place_legend_inside(const Panel& p, XyLayout& l) {
    const auto pts = data_points(p, l);
    const double in = 4;
    const double xs[5] = {l.left + l.pw - l.lw - in, l.left + in, l.left + l.pw - l.lw - in, l.left + in, l.left + (l.pw - l.lw) / 2};
    const double ys[5] = {l.top + in, l.top + in, l.top + l.ph - l.lh - in, l.top + l.ph - l.lh - in, l.top + in};
    for (int c = 0; c < 5; ++c) {
        bool free = l.lw + 2 * in <= l.pw && l.lh + 2 * in <= l.ph;
        for (const auto& [x, y] : pts)
            if (x > xs[c] - 3 && x < xs[c] + l.lw + 3 && y > ys[c] - 3 && y < ys[c] + l.lh + 3) {
                free = false;
                break;
            }
        if (free) {
            l.lx = xs[c], l.ly = ys[c];
            return true;
        }
    }
    return false;
}

// Tick values and labels of both axes, and which labels print without overlapping.
void layout_ticks(const Panel& p, Painter& g, XyLayout& l) {
    l.xt.clear(), l.xl.clear();
    if (!p.x.categories.empty()) {
        for (std::size_t i = 0; i < p.x.categories.size(); ++i) l.xt.push_back(double(i)), l.xl.push_back(p.x.categories[i]);
    } else {
        l.xt = nice_ticks(l.r.xlo, l.r.xhi, std::max(2, int(l.pw / 45)), p.x.integer_ticks);
        l.xl = tick_labels(l.xt);
    }
    l.yt = nice_ticks(l.r.ylo, l.r.yhi, std::max(2, int(l.ph / 28)), p.y.integer_ticks);
    l.yl = tick_labels(l.yt);
    std::vector<float> c, e;
    double widest = 0;
    for (std::size_t i = 0; i < l.xt.size(); ++i) {
        c.push_back(float(l.px(l.xt[i])));
        e.push_back(float(g.text_width(l.xl[i], FontSizes::kTick)));
        widest = std::max(widest, double(e.back()));
    }
    l.x_label_angle = 0;
    l.x_keep = thinned_tick_labels(c, e, 4.0f);
    if (!p.x.categories.empty() && l.x_keep.size() < l.xt.size()) {  // categories never drop: rotate instead
        l.x_label_angle = 35;
        l.x_keep.clear();
        std::vector<float> h(c.size(), float(FontSizes::kTick * 1.25));
        l.x_keep = thinned_tick_labels(c, h, 1.0f);
    }
    c.clear(), e.clear();
    for (double v : l.yt) c.push_back(float(l.py(v))), e.push_back(float(FontSizes::kTick * 1.1));
    l.y_keep = thinned_tick_labels(c, e, 2.0f);
    (void)widest;
}
}  // namespace

XyLayout layout_xy(const Panel& p, Painter& g, double width) {
    XyLayout l;
    l.r = data_range(p, l.bracket_y);
    l.top = p.title.empty() ? 7 : 17;
    l.legend = p.legend ? legend_items(p) : std::vector<LegendItem>{};
    l.lh = l.legend.empty() ? 0 : 4 + 10.0 * double(l.legend.size());
    for (const auto& e : l.legend) l.lw = std::max(l.lw, g.text_width(e.label, FontSizes::kTick) + 22);
    double right = 8;
    for (int pass = 0; pass < 2; ++pass) {
        l.pw = l.ph = 100;  // provisional, for the tick labels' widths
        l.yt = nice_ticks(l.r.ylo, l.r.yhi, 5, p.y.integer_ticks);
        double ytw = 0;
        for (const auto& s : tick_labels(l.yt)) ytw = std::max(ytw, g.text_width(s, FontSizes::kTick));
        l.left = 4 + (p.y.title.empty() ? 0 : 13) + ytw + 5;
        l.pw = std::max(40.0, width - l.left - right);
        const double asp = p.equal_aspect ? std::clamp((l.r.yhi - l.r.ylo) / (l.r.xhi - l.r.xlo), 0.45, 1.3) : p.aspect;
        l.ph = l.pw * asp;
        layout_ticks(p, g, l);
        double rot = 0;
        if (l.x_label_angle != 0)
            for (const auto& s : l.xl) rot = std::max(rot, g.text_width(s, FontSizes::kTick) * std::sin(l.x_label_angle * M_PI / 180));
        l.bottom = 4 + FontSizes::kTick * 1.3 + rot + (p.x.title.empty() ? 0 : 13) + (p.note.empty() ? 0 : 11) + 3;
        l.height = l.top + l.ph + l.bottom;
        if (l.legend.empty() || pass == 1 || place_legend_inside(p, l)) break;
        l.legend_outside = true;  // no free corner: shrink the plot and put the legend on its right
        right = 8 + l.lw + 6;
    }
    if (l.legend_outside) l.lx = l.left + l.pw + 6, l.ly = l.top, l.height = std::max(l.height, l.top + l.lh + 4);
    return l;
}

}  // namespace topdown::figure
