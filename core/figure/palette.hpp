// The one palette of TopDown, shared by the app (app/plot/colormaps.hpp re-exports it) and the figures
// (core/figure): the colour-blind-safe state colours, the method colours, and the sequential colour maps.
// Header-only and free of GUI code.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

namespace topdown::figure {

// An 8-bit sRGB colour.
struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

// The state palette: colour-blind-safe categorical colours for classes 0..9 (Okabe & Ito's eight without
// black, Tol's purple, and a near-white), readable on the dark panels; the non-class state is a neutral mid
// gray (clearly lighter than the background, darker than every class), an unknown state a dark gray.
// Figures on white paper outline every state colour in dark gray so the near-white class stays visible.
inline constexpr std::array<Rgb, 10> kStatePalette{{{0, 114, 178}, {230, 159, 0}, {0, 158, 115}, {213, 94, 0},
                                                   {86, 180, 233}, {204, 121, 167}, {240, 228, 66}, {153, 153, 51},
                                                   {170, 68, 153}, {235, 235, 235}}};
inline constexpr Rgb kNonClassColor{128, 128, 136};
inline constexpr Rgb kUnknownStateColor{70, 70, 76};

// Colour of classifier state `state` among `num_classes` classes: kStatePalette for classes 0..C-1 (cycling
// past 10), kNonClassColor for the non-class state C, kUnknownStateColor for unknown (< 0).
inline Rgb state_color(int state, int num_classes) {
    if (state < 0) return kUnknownStateColor;
    if (state >= num_classes) return kNonClassColor;
    return kStatePalette[static_cast<std::size_t>(state) % kStatePalette.size()];
}

// Colours of the biasing methods in figures (Okabe & Ito: blue, orange, reddish purple, gray, bluish green),
// distinct from each other under the common colour-vision deficiencies.
inline constexpr std::array<Rgb, 5> kMethodPalette{{{0, 114, 178}, {230, 159, 0}, {204, 121, 167}, {110, 110, 110},
                                                    {0, 158, 115}}};

// The colour of a biasing method by its command-line name ("label", "double", "intersection", "random",
// "sample"); an unknown name gets black.
inline Rgb method_color(const std::string& name) {
    static constexpr const char* kNames[5] = {"label", "double", "intersection", "random", "sample"};
    for (std::size_t i = 0; i < 5; ++i)
        if (name == kNames[i]) return kMethodPalette[i];
    return {0, 0, 0};
}

// A categorical series colour for series i (the state palette without its near-white entry, cycling).
inline Rgb series_color(int i) {
    static constexpr std::array<int, 9> kOrder{0, 1, 2, 3, 4, 5, 8, 7, 6};
    return kStatePalette[static_cast<std::size_t>(kOrder[static_cast<std::size_t>(std::abs(i)) % kOrder.size()])];
}

namespace detail {
// Piecewise-linear anchors at t = 0, 1/8, ..., 1 (sampled from matplotlib's maps).
inline constexpr std::array<Rgb, 9> kViridis{{{68, 1, 84}, {71, 44, 122}, {59, 82, 139}, {44, 113, 142}, {33, 145, 140},
                                               {39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37}}};
inline constexpr std::array<Rgb, 9> kMagma{{{0, 0, 4}, {28, 16, 68}, {79, 18, 123}, {129, 37, 129}, {181, 54, 122},
                                             {229, 80, 100}, {251, 135, 97}, {254, 194, 135}, {252, 253, 191}}};
// Linear interpolation between the anchors at t in [0, 1].
inline Rgb lerp_anchors(const std::array<Rgb, 9>& a, float t) {
    if (!(t >= 0.0f)) t = 0.0f;
    if (t > 1.0f) t = 1.0f;
    const float x = t * 8.0f;
    const int i = std::min(7, static_cast<int>(x));
    const float f = x - static_cast<float>(i);
    auto mix = [f](std::uint8_t p, std::uint8_t q) {
        return static_cast<std::uint8_t>(std::lround(p + (static_cast<float>(q) - p) * f));
    };
    const auto& p = a[static_cast<std::size_t>(i)];
    const auto& q = a[static_cast<std::size_t>(i) + 1];
    return {mix(p.r, q.r), mix(p.g, q.g), mix(p.b, q.b)};
}
}  // namespace detail

// Viridis (perceptual, colour-blind-safe) at t in [0, 1] (clamped; NaN counts as 0).
inline Rgb viridis(float t) { return detail::lerp_anchors(detail::kViridis, t); }
// Magma at t in [0, 1] (clamped; NaN counts as 0).
inline Rgb magma(float t) { return detail::lerp_anchors(detail::kMagma, t); }

// Mixes a colour with white by `amount` in [0, 1].
inline Rgb lighten(Rgb c, double amount) {
    amount = std::clamp(amount, 0.0, 1.0);
    auto m = [amount](std::uint8_t v) { return static_cast<std::uint8_t>(std::lround(v + (255.0 - v) * amount)); };
    return {m(c.r), m(c.g), m(c.b)};
}

// Relative luminance (0..1) of a colour, for choosing readable text over it.
inline float luminance(Rgb c) { return (0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b) / 255.0f; }

}  // namespace topdown::figure
