#include "figure/ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace topdown::figure {

std::vector<double> nice_ticks(double lo, double hi, int approx_count, bool integers) {
    std::vector<double> t;
    if (!std::isfinite(lo) || !std::isfinite(hi)) return t;
    if (hi < lo) std::swap(lo, hi);
    if (hi - lo < 1e-12) return {lo};
    const double raw = (hi - lo) / std::max(1, approx_count);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    static constexpr double kSteps[] = {0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0};
    int k = 4;
    while (k < 8 && kSteps[k] * mag < raw) ++k;
    for (; k >= 0; --k) {  // the step closest to raw that still gives two ticks
        double step = kSteps[k] * mag;
        if (integers) step = std::max(1.0, std::round(step));
        t.clear();
        const double first = std::ceil(lo / step - 1e-9) * step;
        for (double v = first; v <= hi + step * 1e-9 && t.size() < 200; v += step) t.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
        if (t.size() >= 2 || (integers && step <= 1.0)) break;
    }
    return t;
}

std::string format_number(const char* fmt, double v) {
    char b[64];
    std::snprintf(b, sizeof b, fmt, v);
    return b;
}

std::vector<std::string> tick_labels(const std::vector<double>& ticks) {
    int decimals = 0;
    for (; decimals < 6; ++decimals) {
        bool distinct = true, exact = true;
        std::vector<std::string> s;
        for (double v : ticks) {
            s.push_back(format_number(("%." + std::to_string(decimals) + "f").c_str(), v));
            exact = exact && std::abs(std::stod(s.back()) - v) < 1e-9 * std::max(1.0, std::abs(v));
        }
        for (std::size_t i = 1; i < s.size(); ++i) distinct = distinct && s[i] != s[i - 1];
        if (distinct && exact) break;
    }
    std::vector<std::string> out;
    for (double v : ticks) {
        std::string s = format_number(("%." + std::to_string(decimals) + "f").c_str(), v);
        if (s[0] == '-') s = "\u2212" + s.substr(1);
        out.push_back(s);
    }
    return out;
}

}  // namespace topdown::figure
