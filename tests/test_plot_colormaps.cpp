// Colour maps shared by the visible-layer shader and the heatmaps (app/gui/plot/colormaps.hpp).
#include <gtest/gtest.h>

#include <set>

#include "plot/colormaps.hpp"

using namespace topdown::plot;

TEST(PlotColormaps, EndpointsAndClamping) {
    EXPECT_EQ(colormap(ColorMap::Gray, 0.0f), (Rgb{0, 0, 0}));
    EXPECT_EQ(colormap(ColorMap::Gray, 1.0f), (Rgb{255, 255, 255}));
    EXPECT_EQ(colormap(ColorMap::Inverted, 0.0f), (Rgb{255, 255, 255}));
    EXPECT_EQ(colormap(ColorMap::Inverted, 1.0f), (Rgb{0, 0, 0}));
    EXPECT_EQ(colormap(ColorMap::Viridis, 0.0f), (Rgb{68, 1, 84}));
    EXPECT_EQ(colormap(ColorMap::Viridis, 1.0f), (Rgb{253, 231, 37}));
    EXPECT_EQ(colormap(ColorMap::Viridis, -3.0f), colormap(ColorMap::Viridis, 0.0f));
    EXPECT_EQ(colormap(ColorMap::Viridis, 7.0f), colormap(ColorMap::Viridis, 1.0f));
    EXPECT_EQ(colormap(ColorMap::Gray, std::nanf("")), colormap(ColorMap::Gray, 0.0f));
}

TEST(PlotColormaps, PerceptualMapsHaveMonotonicLuminance) {
    for (ColorMap m : {ColorMap::Gray, ColorMap::Viridis, ColorMap::Magma}) {
        const auto lut = colormap_lut(m);
        for (std::size_t i = 8; i < lut.size(); i += 8)
            EXPECT_GT(luminance(lut[i]), luminance(lut[i - 8])) << colormap_name(m) << " at " << i;
    }
    const auto inv = colormap_lut(ColorMap::Inverted);
    EXPECT_GT(luminance(inv[0]), luminance(inv[255]));
}

TEST(PlotColormaps, LookupTableMatchesTheFunction) {
    for (int m = 0; m < kColorMapCount; ++m) {
        const auto lut = colormap_lut(static_cast<ColorMap>(m));
        for (int i : {0, 1, 100, 128, 254, 255})
            EXPECT_EQ(lut[static_cast<std::size_t>(i)], colormap(static_cast<ColorMap>(m), static_cast<float>(i) / 255.0f));
    }
}

TEST(PlotColormaps, NamesRoundTrip) {
    for (int m = 0; m < kColorMapCount; ++m) {
        ColorMap out = ColorMap::Gray;
        ASSERT_TRUE(parse_colormap(colormap_name(static_cast<ColorMap>(m)), out));
        EXPECT_EQ(static_cast<int>(out), m);
    }
    ColorMap out = ColorMap::Magma;
    EXPECT_FALSE(parse_colormap("jet", out));
    EXPECT_EQ(out, ColorMap::Magma);
}

TEST(PlotColormaps, StateColoursAreDistinctAndNonClassStandsOutFromTheBackground) {
    std::set<std::tuple<int, int, int>> seen;
    for (int s = 0; s < 10; ++s) {
        const Rgb c = state_color(s, 10);
        seen.insert({c.r, c.g, c.b});
        EXPECT_GT(luminance(c), 0.2f) << s;
    }
    EXPECT_EQ(seen.size(), 10u);
    // Issue 15: the non-class state is a neutral gray, well apart from the panel background (24, 26, 31)
    // and from every class colour.
    const Rgb nc = state_color(10, 10);
    EXPECT_EQ(nc, (Rgb{128, 128, 136}));
    EXPECT_GT(luminance(nc) - luminance(Rgb{24, 26, 31}), 0.3f);
    for (int s = 0; s < 10; ++s) EXPECT_NE(state_color(s, 10), nc) << s;
    EXPECT_NE(state_color(-1, 10), state_color(10, 10));
    // Okabe & Ito's colour-blind-safe orange, sky blue and bluish green are among the classes.
    EXPECT_EQ(state_color(1, 10), (Rgb{230, 159, 0}));
    EXPECT_EQ(state_color(4, 10), (Rgb{86, 180, 233}));
    EXPECT_EQ(state_color(2, 10), (Rgb{0, 158, 115}));
}
