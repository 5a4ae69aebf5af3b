// Coordinate mapping for the plotting module: data ranges, data <-> pixel maps, "nice" ticks, hover
// look-ups. Header-only and free of ImGui so that it is unit-tested on its own (tests/test_plot_mapping.cpp).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace topdown::plot {

// A closed data interval [lo, hi].
struct Range {
    double lo = 0, hi = 1;
    // hi - lo.
    double span() const { return hi - lo; }
    // True when both ends are finite and hi > lo.
    bool valid() const { return std::isfinite(lo) && std::isfinite(hi) && hi > lo; }
    // Grows the range to include v (ignores non-finite v).
    void include(double v) {
        if (!std::isfinite(v)) return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
};

// An empty range that include() widens from the first value on.
inline Range empty_range() { return Range{HUGE_VAL, -HUGE_VAL}; }

// Maps v in r linearly to the pixel interval from p0 (at r.lo) to p1 (at r.hi); p1 < p0 for a y axis
// that grows upwards. A degenerate range maps everything to the middle.
inline float to_pixel(double v, const Range& r, float p0, float p1) {
    if (!(r.span() > 0)) return 0.5f * (p0 + p1);
    return static_cast<float>(p0 + (v - r.lo) / r.span() * (static_cast<double>(p1) - p0));
}

// The inverse of to_pixel: the data value at pixel p.
inline double from_pixel(float p, const Range& r, float p0, float p1) {
    if (p1 == p0) return r.lo;
    return r.lo + (static_cast<double>(p) - p0) / (static_cast<double>(p1) - p0) * r.span();
}

// A range covering [lo, hi] plus `pad` of its span on both sides; a degenerate range is widened to ±0.5
// (or ±5% of |lo|), an empty one becomes [0, 1].
inline Range padded_range(double lo, double hi, double pad = 0.05) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi) return Range{0, 1};
    if (hi == lo) {
        const double w = std::max(0.5, std::abs(lo) * 0.05);
        return Range{lo - w, hi + w};
    }
    const double m = (hi - lo) * pad;
    return Range{lo - m, hi + m};
}

// A tick step of the form {1, 2, 5} x 10^n that gives about `target` ticks over `span`.
inline double nice_step(double span, int target) {
    if (!(span > 0) || !std::isfinite(span) || target < 1) return 1.0;
    const double raw = span / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    const double nice = f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0;
    return nice * mag;
}

// Tick positions: the multiples of nice_step(r.span(), target) inside r (at most 100).
inline std::vector<double> ticks(const Range& r, int target) {
    std::vector<double> out;
    if (!r.valid()) return out;
    const double step = nice_step(r.span(), target);
    const double first = std::ceil(r.lo / step - 1e-9) * step;
    for (int i = 0; i < 100; ++i) {
        const double t = first + i * step;
        if (t > r.hi + step * 1e-9) break;
        out.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return out;
}

// A tick label with just enough decimals for ticks `step` apart (e.g. 0.25 -> "0.25", 200 -> "200";
// |v| >= 1e5 as "1.2e+05").
inline std::string format_tick(double v, double step) {
    char buf[32];
    if (std::abs(v) >= 1e5) {
        std::snprintf(buf, sizeof buf, "%.3g", v);
        return buf;
    }
    int decimals = 0;
    if (step > 0 && step < 1) decimals = std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Index of the element of the ascending `xs` nearest to x (0 for an empty vector).
inline std::size_t nearest_index(const std::vector<double>& xs, double x) {
    if (xs.empty()) return 0;
    auto it = std::lower_bound(xs.begin(), xs.end(), x);
    if (it == xs.begin()) return 0;
    if (it == xs.end()) return xs.size() - 1;
    const auto i = static_cast<std::size_t>(it - xs.begin());
    return (x - xs[i - 1] <= xs[i] - x) ? i - 1 : i;
}

// The cell (0..n-1) of a grid of n equal cells spanning pixels [p0, p1) that contains pixel p; -1 outside.
inline int cell_index(float p, float p0, float p1, int n) {
    if (n <= 0 || !(p1 > p0) || p < p0 || p >= p1) return -1;
    const int i = static_cast<int>((p - p0) / (p1 - p0) * static_cast<float>(n));
    return std::clamp(i, 0, n - 1);
}

}  // namespace topdown::plot
