// A diverging colour map for signed values (receptive fields): blue for negative, white for zero, red for
// positive (ColorBrewer's RdBu, reversed). Header-only and free of ImGui, so the screenshot checks map values
// the same way (tests/gui/png_check.cpp).
#pragma once
#include <array>
#include <cmath>

#include "plot/colormaps.hpp"

namespace topdown::plot {

namespace detail {
// RdBu_r at t = 0, 0.1, ..., 1.
constexpr std::array<Rgb, 11> kRdBuR{{{5, 48, 97}, {33, 102, 172}, {67, 147, 195}, {146, 197, 222}, {209, 229, 240},
                                       {247, 247, 247}, {253, 219, 199}, {244, 165, 130}, {214, 96, 77},
                                       {178, 24, 43}, {103, 0, 31}}};
}  // namespace detail

// The colour of t in [0, 1] (0.5 = white; clamped; NaN counts as 0.5).
inline Rgb diverging(float t) {
    if (!(t == t)) t = 0.5f;
    t = std::min(1.0f, std::max(0.0f, t));
    const float x = t * 10.0f;
    const int i = std::min(9, static_cast<int>(x));
    const float f = x - static_cast<float>(i);
    const Rgb a = detail::kRdBuR[static_cast<std::size_t>(i)], b = detail::kRdBuR[static_cast<std::size_t>(i) + 1];
    auto mix = [f](std::uint8_t p, std::uint8_t q) {
        return static_cast<std::uint8_t>(std::lround(p + (static_cast<float>(q) - p) * f));
    };
    return {mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
}

// The colour of a signed value v on the symmetric scale [-scale, scale] (scale <= 0: white).
inline Rgb diverging_value(float v, float scale) {
    return diverging(scale > 0 ? 0.5f + 0.5f * v / scale : 0.5f);
}

}  // namespace topdown::plot
