// Distributions (violin by Gaussian kernel density, box with median, quartiles and 1.5 IQR whiskers, every
// value as a jittered point) and significance brackets.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "figure/panel_draw.hpp"

namespace topdown::figure {

double quantile(const std::vector<double>& v, double q) {
    if (v.empty()) return 0;
    const double pos = q * double(v.size() - 1);
    const auto i = static_cast<std::size_t>(std::floor(pos));
    const double f = pos - double(i);
    return i + 1 < v.size() ? v[i] * (1 - f) + v[i + 1] * f : v[i];
}

std::vector<double> kernel_density(const std::vector<double>& values, const std::vector<double>& at) {
    std::vector<double> d(at.size(), 0.0);
    const std::size_t n = values.size();
    if (n < 2) return d;
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(n);
    double var = 0;
    for (double v : values) var += (v - mean) * (v - mean);
    const double sd = std::sqrt(var / double(n - 1));
    auto sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
    double spread = std::min(sd, iqr / 1.34);
    if (!(spread > 0)) spread = sd > 0 ? sd : 1.0;
    const double h = 0.9 * spread * std::pow(double(n), -0.2);  // Silverman's rule of thumb
    for (std::size_t k = 0; k < at.size(); ++k) {
        double s = 0;
        for (double v : values) s += std::exp(-0.5 * (at[k] - v) * (at[k] - v) / (h * h));
        d[k] = s / (double(n) * h * std::sqrt(2 * M_PI));
    }
    return d;
}

namespace {
constexpr int kMaxPoints = 400;  // points drawn per distribution (evenly strided); the CSV has all

// The violin of one distribution, half-width `half` in x units at the densest point.
void draw_violin(const Distribution& d, Painter& g, const XyLayout& l, double half) {
    const auto [lo, hi] = std::minmax_element(d.values.begin(), d.values.end());
    if (!(*hi > *lo)) return;
    std::vector<double> at(64);
    for (std::size_t k = 0; k < at.size(); ++k) at[k] = *lo + (*hi - *lo) * double(k) / double(at.size() - 1);
    const auto dens = kernel_density(d.values, at);
    const double peak = *std::max_element(dens.begin(), dens.end());
    if (!(peak > 0)) return;
    cairo_t* cr = g.cr();
    for (std::size_t k = 0; k < at.size(); ++k) cairo_line_to(cr, l.px(d.x + half * dens[k] / peak), l.py(at[k]));
    for (std::size_t k = at.size(); k-- > 0;) cairo_line_to(cr, l.px(d.x - half * dens[k] / peak), l.py(at[k]));
    cairo_close_path(cr);
    g.color(d.color, 0.28);
    cairo_fill_preserve(cr);
    g.color(d.color, 0.9);
    cairo_set_line_width(cr, 0.7);
    cairo_stroke(cr);
}

// The box (quartiles), whiskers (1.5 IQR, clipped to the data) and median of one distribution.
void draw_box(const Distribution& d, Painter& g, const XyLayout& l, double half, bool filled) {
    auto v = d.values;
    std::sort(v.begin(), v.end());
    const double q1 = quantile(v, 0.25), med = quantile(v, 0.5), q3 = quantile(v, 0.75), iqr = q3 - q1;
    double wlo = q1, whi = q3;
    for (double x : v)
        if (x >= q1 - 1.5 * iqr) {
            wlo = x;
            break;
        }
    for (auto it = v.rbegin(); it != v.rend(); ++it)
        if (*it <= q3 + 1.5 * iqr) {
            whi = *it;
            break;
        }
    const double x0 = l.px(d.x - half), x1 = l.px(d.x + half), xc = l.px(d.x);
    const Rgb ink{40, 40, 40};
    g.line(xc, l.py(wlo), xc, l.py(q1), ink, 0.8);
    g.line(xc, l.py(q3), xc, l.py(whi), ink, 0.8);
    g.fill_rect(x0, l.py(q3), x1 - x0, l.py(q1) - l.py(q3), filled ? lighten(d.color, 0.55) : Rgb{255, 255, 255}, filled ? 1.0 : 0.85);
    g.stroke_rect(x0, l.py(q3), x1 - x0, l.py(q1) - l.py(q3), ink, 0.7);
    g.line(x0, l.py(med), x1, l.py(med), ink, 1.4);
}

// Every value (up to kMaxPoints, evenly strided) as a point jittered across the distribution's width.
void draw_points(const Distribution& d, Painter& g, const XyLayout& l, double spread) {
    const std::size_t n = d.values.size(), stride = std::max<std::size_t>(1, (n + kMaxPoints - 1) / kMaxPoints);
    cairo_t* cr = g.cr();
    for (std::size_t i = 0; i < n; i += stride) {
        const double u = std::fmod(double(i) * 0.6180339887498949, 1.0) - 0.5;  // golden-ratio jitter
        cairo_new_sub_path(cr);
        cairo_arc(cr, l.px(d.x + spread * u), l.py(d.values[i]), 1.1, 0, 2 * M_PI);
    }
    g.color(lighten(d.color, 0.0), 0.55);
    cairo_fill(cr);
}
}  // namespace

void draw_distributions(const Panel& p, Painter& g, const XyLayout& l) {
    for (const auto& d : p.distributions) {
        if (d.values.empty()) continue;
        const bool violin = p.distribution_style != DistributionStyle::Box;
        if (violin) draw_violin(d, g, l, 0.42);
        draw_points(d, g, l, violin ? 0.3 : 0.5);
        draw_box(d, g, l, violin ? 0.07 : 0.25, !violin);
    }
}

void draw_brackets(const Panel& p, Painter& g, const XyLayout& l) {
    for (std::size_t i = 0; i < p.brackets.size() && i < l.bracket_y.size(); ++i) {
        const auto& b = p.brackets[i];
        const double y = l.py(l.bracket_y[i]), x0 = l.px(b.x0), x1 = l.px(b.x1), tick = 3;
        g.line(x0, y + tick, x0, y, kInk, 0.7);
        g.line(x0, y, x1, y, kInk, 0.7);
        g.line(x1, y, x1, y + tick, kInk, 0.7);
        g.text((x0 + x1) / 2, y - FontSizes::kTick * 0.6, b.text, FontSizes::kTick - 0.5, kInk, 0.5);
    }
}

}  // namespace topdown::figure
