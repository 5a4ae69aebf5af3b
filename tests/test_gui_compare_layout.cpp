// Issue 14 (panel table drives the tiles) and issue 16 item 1 (compare side by side): the layouts' tiles come
// from the panel table, the default layout's rectangles are the ones worked out by hand before the table
// drove them, and the compare layout splits the window into two mirrored halves that never overlap.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "session/panel_layout.hpp"
#include "session/panel_specs.hpp"

using namespace topdown;

namespace {
LayoutInput layout(float w, float h, float font, bool compare) {
    LayoutInput in;
    in.width = w;
    in.height = h;
    in.font_size = font;
    in.menu_height = 24;
    in.transport_height = 42;
    in.compare = compare;
    return in;
}
bool overlap(const PanelRect& a, const PanelRect& b) {
    const float w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const float h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    return w > 0.5f && h > 0.5f;
}
void expect_rect(const PanelRect& r, float x, float y, float w, float h, const std::string& what) {
    EXPECT_FLOAT_EQ(r.x, x) << what;
    EXPECT_FLOAT_EQ(r.y, y) << what;
    EXPECT_FLOAT_EQ(r.w, w) << what;
    EXPECT_FLOAT_EQ(r.h, h) << what;
}
}  // namespace

TEST(GuiPanelTable, TilesOfTheTableAgreeWithItsFlags) {
    for (const PanelSpec& p : panel_specs()) {
        const std::string id = p.id;
        EXPECT_EQ(p.in_default, p.default_tile != Tile::None) << id;
        EXPECT_EQ(p.in_present, p.present_tile != Tile::None) << id;
        EXPECT_EQ(p.side_b, id.size() > 2 && id.compare(id.size() - 2, 2, "_b") == 0) << id;
        if (p.side_b) {  // side B shows the same panel as side A's, in the same tile of its half
            const PanelSpec* a = find_panel(id.substr(0, id.size() - 2));
            ASSERT_NE(a, nullptr) << id;
            EXPECT_EQ(a->compare_tile, p.compare_tile) << id;
        }
    }
    // Only the transport bar and the compare bar have no title bar (png_check reads this flag).
    for (const PanelSpec& p : panel_specs())
        EXPECT_EQ(p.title_bar, std::string(p.id) != "transport" && std::string(p.id) != "compare") << p.id;
}

TEST(GuiPanelLayout, DefaultTilesAreTheHandComputedOnes) {
    // 1280 x 800, font 16, menu 24, transport 42: body from y = 66, 734 high. Left column round(0.25 W) = 320,
    // centre round(0.36 W) = 461, right 499 from x = 781. Model 0.29 of the body (213), visible 0.6 (440),
    // timeline 7.5 font sizes (120), energy 0.45 of the rest (276), analysis the remainder (338).
    const LayoutInput in = layout(1280, 800, 16, false);
    expect_rect(panel_placement("transport", in), 0, 24, 1280, 42, "transport");
    expect_rect(panel_placement("model", in), 0, 66, 320, 213, "model");
    expect_rect(panel_placement("biasing", in), 0, 279, 320, 521, "biasing");
    expect_rect(panel_placement("visible", in), 320, 66, 461, 440, "visible");
    expect_rect(panel_placement("hidden", in), 320, 506, 461, 294, "hidden");
    expect_rect(panel_placement("energy", in), 781, 66, 499, 276, "energy");
    expect_rect(panel_placement("timeline", in), 781, 342, 499, 120, "timeline");
    expect_rect(panel_placement("analysis", in), 781, 462, 499, 338, "analysis");
    // Compact (1024 x 640: 574 < 40 font sizes): no energy tile, the timeline on top of the right column.
    const LayoutInput c = layout(1024, 640, 16, false);
    ASSERT_TRUE(compact_layout(c));
    EXPECT_FLOAT_EQ(panel_placement("energy", c).h, 0);
    EXPECT_FLOAT_EQ(panel_placement("timeline", c).y, 66);
}

TEST(GuiCompareLayout, ListsBothSidesAndTheBars) {
    EXPECT_EQ(tiled_panels(layout(1280, 800, 16, true)),
              (std::vector<std::string>{"transport", "visible", "energy", "timeline", "analysis", "compare", "visible_b",
                                        "energy_b", "timeline_b", "analysis_b"}));
    EXPECT_FALSE(compact_layout(layout(1024, 640, 16, true)));  // the compare layout has no compact form
    LayoutInput both = layout(1280, 800, 16, true);
    both.present = true;  // presentation mode wins over compare mode
    EXPECT_EQ(tiled_panels(both), (std::vector<std::string>{"transport", "visible", "timeline", "analysis", "composer"}));
}

TEST(GuiCompareLayout, HandComputedAt1280x800) {
    // Bar of two widget rows: round(4.6 x 16) = 74 below the transport bar; the body from y = 140, 660 high.
    // Each half is 640 wide: the left column 320 (visible 540 over the timeline's 7.5 font sizes = 120), the
    // right column 320 (energy half the body, 330, over analysis 330).
    const LayoutInput in = layout(1280, 800, 16, true);
    expect_rect(panel_placement("transport", in), 0, 24, 1280, 42, "transport");
    expect_rect(panel_placement("compare", in), 0, 66, 1280, 74, "compare");
    expect_rect(panel_placement("visible", in), 0, 140, 320, 540, "visible");
    expect_rect(panel_placement("timeline", in), 0, 680, 320, 120, "timeline");
    expect_rect(panel_placement("energy", in), 320, 140, 320, 330, "energy");
    expect_rect(panel_placement("analysis", in), 320, 470, 320, 330, "analysis");
    expect_rect(panel_placement("visible_b", in), 640, 140, 320, 540, "visible_b");
    expect_rect(panel_placement("analysis_b", in), 960, 470, 320, 330, "analysis_b");
    // A measured bar height replaces the default.
    LayoutInput measured = in;
    measured.compare_bar_height = 90;
    expect_rect(panel_placement("visible_b", measured), 640, 156, 320, 524, "visible_b, bar 90");
}

TEST(GuiCompareLayout, HalvesMirrorAndTileTheWindowAtEverySize) {
    const float sizes[][2] = {{1024, 640}, {1280, 800}, {1920, 1080}, {2560, 1440}, {3840, 2160}};
    for (const auto& sz : sizes)
        for (float font : {16.0f, 24.0f, 40.0f}) {
            const LayoutInput in = layout(sz[0], sz[1], font, true);
            const auto ids = tiled_panels(in);
            double area = 0;
            std::map<std::string, PanelRect> r;
            for (const auto& id : ids) {
                r[id] = panel_placement(id, in);
                const PanelRect& p = r[id];
                EXPECT_GE(p.x, 0) << id;
                EXPECT_GE(p.y, in.menu_height) << id;
                EXPECT_LE(p.x + p.w, in.width + 0.01f) << id;
                EXPECT_LE(p.y + p.h, in.height + 0.01f) << id;
                area += static_cast<double>(p.w) * p.h;
            }
            for (std::size_t i = 0; i < ids.size(); ++i)
                for (std::size_t j = i + 1; j < ids.size(); ++j)
                    EXPECT_FALSE(overlap(r[ids[i]], r[ids[j]])) << ids[i] << " / " << ids[j] << " at " << sz[0];
            // Together the tiles cover the window below the menu.
            EXPECT_NEAR(area, static_cast<double>(in.width) * (in.height - in.menu_height), 1.0) << sz[0];
            // Side B is side A moved by half the window (the halves are equal for even widths).
            for (const char* a : {"visible", "energy", "timeline", "analysis"}) {
                const PanelRect pa = r[a], pb = r[std::string(a) + "_b"];
                EXPECT_FLOAT_EQ(pb.x, pa.x + std::floor(in.width / 2)) << a;
                EXPECT_FLOAT_EQ(pb.y, pa.y) << a;
                EXPECT_FLOAT_EQ(pb.w, pa.w) << a;
                EXPECT_FLOAT_EQ(pb.h, pa.h) << a;
            }
        }
}
