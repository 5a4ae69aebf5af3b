// The plotting module's coordinate mapping (app/gui/plot/mapping.hpp, header-only, no ImGui).
#include <gtest/gtest.h>

#include "plot/mapping.hpp"

using namespace topdown::plot;

TEST(PlotMapping, MapsDataToPixelsAndBack) {
    const Range r{-2.0, 6.0};
    EXPECT_FLOAT_EQ(to_pixel(-2.0, r, 100.0f, 500.0f), 100.0f);
    EXPECT_FLOAT_EQ(to_pixel(6.0, r, 100.0f, 500.0f), 500.0f);
    EXPECT_FLOAT_EQ(to_pixel(2.0, r, 100.0f, 500.0f), 300.0f);
    // A y axis growing upwards: p0 is the bottom pixel.
    EXPECT_FLOAT_EQ(to_pixel(-2.0, r, 400.0f, 0.0f), 400.0f);
    EXPECT_FLOAT_EQ(to_pixel(6.0, r, 400.0f, 0.0f), 0.0f);
    for (double v : {-2.0, -0.5, 1.25, 6.0}) EXPECT_NEAR(from_pixel(to_pixel(v, r, 10.0f, 810.0f), r, 10.0f, 810.0f), v, 1e-4);
    EXPECT_FLOAT_EQ(to_pixel(3.0, Range{1.0, 1.0}, 0.0f, 100.0f), 50.0f);  // degenerate: middle
}

TEST(PlotMapping, PaddedRangeHandlesDegenerateInput) {
    const Range a = padded_range(0.0, 10.0, 0.1);
    EXPECT_DOUBLE_EQ(a.lo, -1.0);
    EXPECT_DOUBLE_EQ(a.hi, 11.0);
    const Range b = padded_range(5.0, 5.0);
    EXPECT_TRUE(b.valid());
    EXPECT_LT(b.lo, 5.0);
    EXPECT_GT(b.hi, 5.0);
    const Range c = padded_range(-400.0, -400.0);
    EXPECT_NEAR(c.span(), 40.0, 1e-9);
    const Range d = padded_range(HUGE_VAL, -HUGE_VAL);
    EXPECT_TRUE(d.valid());
    Range e = empty_range();
    EXPECT_FALSE(e.valid());
    e.include(3);
    e.include(std::nan(""));
    e.include(-1);
    EXPECT_DOUBLE_EQ(e.lo, -1);
    EXPECT_DOUBLE_EQ(e.hi, 3);
}

TEST(PlotMapping, NiceTicks) {
    EXPECT_DOUBLE_EQ(nice_step(100.0, 5), 20.0);
    EXPECT_DOUBLE_EQ(nice_step(1.0, 4), 0.2);
    EXPECT_DOUBLE_EQ(nice_step(37.0, 4), 10.0);
    EXPECT_DOUBLE_EQ(nice_step(0.003, 3), 0.001);
    const auto t = ticks(Range{-0.3, 1.05}, 5);
    ASSERT_FALSE(t.empty());
    EXPECT_DOUBLE_EQ(t.front(), -0.2);
    EXPECT_NEAR(t.back(), 1.0, 1e-12);
    for (std::size_t i = 1; i < t.size(); ++i) EXPECT_NEAR(t[i] - t[i - 1], 0.2, 1e-12);
    for (double v : t) EXPECT_TRUE(v >= -0.3 && v <= 1.05);
    EXPECT_EQ(ticks(Range{-410.0, -290.0}, 2), (std::vector<double>{-400, -350, -300}));
    EXPECT_TRUE(ticks(Range{1.0, 1.0}, 5).empty());
    EXPECT_LE(ticks(Range{0.0, 1e9}, 1000).size(), 100u);
}

TEST(PlotMapping, TickLabels) {
    EXPECT_EQ(format_tick(200.0, 50.0), "200");
    EXPECT_EQ(format_tick(0.25, 0.05), "0.25");
    EXPECT_EQ(format_tick(-0.4, 0.2), "-0.4");
    EXPECT_EQ(format_tick(1.5e6, 5e5), "1.5e+06");
}

TEST(PlotMapping, HoverLookups) {
    const std::vector<double> xs = {1, 2, 3, 10, 20};
    EXPECT_EQ(nearest_index(xs, -5), 0u);
    EXPECT_EQ(nearest_index(xs, 2.4), 1u);
    EXPECT_EQ(nearest_index(xs, 2.6), 2u);
    EXPECT_EQ(nearest_index(xs, 14), 3u);
    EXPECT_EQ(nearest_index(xs, 16), 4u);
    EXPECT_EQ(nearest_index(xs, 99), 4u);
    EXPECT_EQ(nearest_index({}, 1), 0u);
    EXPECT_EQ(cell_index(100.0f, 100.0f, 210.0f, 11), 0);
    EXPECT_EQ(cell_index(209.9f, 100.0f, 210.0f, 11), 10);
    EXPECT_EQ(cell_index(155.0f, 100.0f, 210.0f, 11), 5);
    EXPECT_EQ(cell_index(210.0f, 100.0f, 210.0f, 11), -1);
    EXPECT_EQ(cell_index(99.0f, 100.0f, 210.0f, 11), -1);
    EXPECT_EQ(cell_index(150.0f, 100.0f, 210.0f, 0), -1);
}
