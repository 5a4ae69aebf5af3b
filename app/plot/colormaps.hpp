// Colour maps shared by the GL shader (uploaded as a 256-entry lookup texture), the heatmaps and the
// tests: gray, inverted gray, viridis (perceptual), magma (heatmaps); the state palette is core/figure's.
// Header-only and free of ImGui (tests/test_plot_colormaps.cpp).
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "figure/palette.hpp"

namespace topdown::plot {

// One colour type and one palette for the app and the figures (core/figure/palette.hpp).
using Rgb = topdown::figure::Rgb;

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
using topdown::figure::detail::kMagma;
using topdown::figure::detail::kViridis;
using topdown::figure::detail::lerp_anchors;
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

// The shared state palette and colour rule (core/figure/palette.hpp), re-exported for the app.
using topdown::figure::kNonClassColor;
using topdown::figure::kStatePalette;
using topdown::figure::kUnknownStateColor;
using topdown::figure::luminance;
using topdown::figure::state_color;

}  // namespace topdown::plot
