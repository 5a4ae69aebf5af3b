// Colour maps shared by the GL shader (uploaded as a 256-entry lookup texture), the heatmaps and the
// tests: gray, inverted gray, viridis (perceptual), magma (heatmaps), and a categorical palette for states.
// Header-only and free of ImGui (tests/test_plot_colormaps.cpp).
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

namespace topdown::plot {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

enum class ColorMap { Gray = 0, Inverted = 1, Viridis = 2, Magma = 3 };
constexpr int kColorMapCount = 4;

// Display name of a colour map.
inline const char* colormap_name(ColorMap m) {
    switch (m) {
        case ColorMap::Gray: return "gray";
        case ColorMap::Inverted: return "inverted";
        case ColorMap::Viridis: return "viridis";
        case ColorMap::Magma: return "magma";
    }
    return "?";
}

// The colour map called `name` ("gray", "inverted", "viridis", "magma"); false if unknown.
inline bool parse_colormap(const std::string& name, ColorMap& out) {
    for (int i = 0; i < kColorMapCount; ++i)
        if (name == colormap_name(static_cast<ColorMap>(i))) {
            out = static_cast<ColorMap>(i);
            return true;
        }
    return false;
}

namespace detail {
// Piecewise-linear anchors at t = 0, 1/8, ..., 1 (sampled from matplotlib's maps).
constexpr std::array<Rgb, 9> kViridis{{{68, 1, 84}, {71, 44, 122}, {59, 82, 139}, {44, 113, 142}, {33, 145, 140},
                                        {39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37}}};
constexpr std::array<Rgb, 9> kMagma{{{0, 0, 4}, {28, 16, 68}, {79, 18, 123}, {129, 37, 129}, {181, 54, 122},
                                      {229, 80, 100}, {251, 135, 97}, {254, 194, 135}, {252, 253, 191}}};
inline Rgb lerp_anchors(const std::array<Rgb, 9>& a, float t) {
    const float x = t * 8.0f;
    const int i = std::min(7, static_cast<int>(x));
    const float f = x - static_cast<float>(i);
    auto mix = [f](std::uint8_t p, std::uint8_t q) {
        return static_cast<std::uint8_t>(std::lround(p + (static_cast<float>(q) - p) * f));
    };
    return {mix(a[static_cast<std::size_t>(i)].r, a[static_cast<std::size_t>(i) + 1].r),
            mix(a[static_cast<std::size_t>(i)].g, a[static_cast<std::size_t>(i) + 1].g),
            mix(a[static_cast<std::size_t>(i)].b, a[static_cast<std::size_t>(i) + 1].b)};
}
}  // namespace detail

// The colour of value t in [0, 1] (clamped; NaN counts as 0).
inline Rgb colormap(ColorMap m, float t) {
    if (!(t >= 0.0f)) t = 0.0f;
    if (t > 1.0f) t = 1.0f;
    switch (m) {
        case ColorMap::Gray: {
            const auto v = static_cast<std::uint8_t>(std::lround(t * 255.0f));
            return {v, v, v};
        }
        case ColorMap::Inverted: {
            const auto v = static_cast<std::uint8_t>(std::lround((1.0f - t) * 255.0f));
            return {v, v, v};
        }
        case ColorMap::Viridis: return detail::lerp_anchors(detail::kViridis, t);
        case ColorMap::Magma: return detail::lerp_anchors(detail::kMagma, t);
    }
    return {};
}

// 256 entries, entry i = colormap(m, i / 255): the lookup texture the visible-layer shader samples.
inline std::array<Rgb, 256> colormap_lut(ColorMap m) {
    std::array<Rgb, 256> lut{};
    for (int i = 0; i < 256; ++i) lut[static_cast<std::size_t>(i)] = colormap(m, static_cast<float>(i) / 255.0f);
    return lut;
}

// Relative luminance (0..1) of a colour, for choosing readable text over it.
inline float luminance(Rgb c) { return (0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b) / 255.0f; }

// The state palette: colour-blind-safe categorical colours for classes 0..9 (Okabe & Ito's eight without
// black, Tol's purple, and a near-white), readable on the dark panels; the non-class state is a neutral mid
// gray (clearly lighter than the background, darker than every class), an unknown state a dark gray.
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

}  // namespace topdown::plot
