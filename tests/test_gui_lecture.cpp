// Issue 15 (lecture hall), the GUI-free parts: tick-label thinning, the tiled layouts at every window size and
// zoom, the presentation zoom, presets per dataset, and session files that find their model when moved.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <fstream>

#include "session/panel_layout.hpp"
#include "session/panel_specs.hpp"
#include "session/presets.hpp"
#include "session/session_file.hpp"
#include "session/tick_thinning.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

using namespace topdown;

TEST(GuiTickThinning, KeepsEveryLabelWhenTheyFit) {
    // Centres 40 px apart, labels 30 px wide: 10 px free between neighbours >= gap 4.
    const auto keep = thinned_tick_labels({0, 40, 80, 120}, {30, 30, 30, 30}, 4.0f);
    EXPECT_EQ(keep, (std::vector<int>{0, 1, 2, 3}));
}

TEST(GuiTickThinning, TakesTheSmallestStrideThatLeavesTheGap) {
    // Centres 10 px apart, 8 px wide: 2 px free (< 4); every 2nd: 20 - 8 = 12 px free.
    EXPECT_EQ(thinned_tick_labels({0, 10, 20, 30, 40}, {8, 8, 8, 8, 8}, 4.0f), (std::vector<int>{0, 2, 4}));
    // 30 px wide: every 2nd leaves -10, every 3rd 0 (< 4), every 4th 10.
    EXPECT_EQ(thinned_tick_labels({0, 10, 20, 30, 40, 50}, {30, 30, 30, 30, 30, 30}, 4.0f), (std::vector<int>{0, 4}));
    // A y axis: centres decreasing (pixels grow downwards).
    EXPECT_EQ(thinned_tick_labels({100, 90, 80, 70}, {16, 16, 16, 16}, 0.0f), (std::vector<int>{0, 2}));
}

TEST(GuiTickThinning, EdgeCases) {
    EXPECT_TRUE(thinned_tick_labels({}, {}, 1.0f).empty());
    EXPECT_EQ(thinned_tick_labels({5}, {100}, 1.0f), (std::vector<int>{0}));
    // Two labels that never fit: the first one alone.
    EXPECT_EQ(thinned_tick_labels({0, 1}, {50, 50}, 1.0f), (std::vector<int>{0}));
}

namespace {
LayoutInput input(float w, float h, float zoom, bool present) {
    LayoutInput in;
    in.width = w;
    in.height = h;
    in.font_size = 16.0f * zoom;
    in.menu_height = present ? 0.0f : std::round(in.font_size * 1.5f);
    in.transport_height = std::round(in.font_size * 2.6f);
    in.present = present;
    return in;
}
bool overlap(const PanelRect& a, const PanelRect& b) {
    const float w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const float h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    return w > 0.5f && h > 0.5f;
}
}  // namespace

TEST(GuiPanelLayout, TilesNeverOverlapAndFillTheWindowAtEverySizeAndZoom) {
    const float sizes[][2] = {{1024, 640}, {1280, 800}, {1600, 1000}, {1920, 1080}, {2560, 1440}, {3840, 2160}};
    for (const auto& sz : sizes)
        for (float zoom : {0.8f, 1.0f, 1.3f, 1.5f, 2.0f, 2.5f})
            for (bool present : {false, true}) {
                const LayoutInput in = input(sz[0], sz[1], zoom, present);
                const auto ids = tiled_panels(in);
                double area = 0;
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    const PanelRect r = panel_placement(ids[i], in);
                    SCOPED_TRACE(ids[i] + " at " + std::to_string(int(sz[0])) + "x" + std::to_string(int(sz[1])) +
                                 " zoom " + std::to_string(zoom) + (present ? " present" : ""));
                    EXPECT_GT(r.w, 0.0f);
                    EXPECT_GT(r.h, 0.0f);
                    EXPECT_GE(r.x, 0.0f);
                    EXPECT_GE(r.y, in.menu_height - 0.01f);
                    EXPECT_LE(r.x + r.w, in.width + 0.01f);
                    EXPECT_LE(r.y + r.h, in.height + 0.01f);
                    area += double(r.w) * r.h;
                    for (std::size_t j = i + 1; j < ids.size(); ++j)
                        EXPECT_FALSE(overlap(r, panel_placement(ids[j], in))) << ids[j];
                }
                // Tiles without gaps: their areas add up to the window below the menu bar.
                EXPECT_NEAR(area, double(in.width) * (in.height - in.menu_height), 1.0);
            }
}

TEST(GuiPanelLayout, DefaultLayoutAt1280x800KeepsItsPlaces) {
    // The xdotool tests drive the app at these coordinates: menu 24 + transport 42, the left column 320 wide
    // (a quarter of 1280), the model panel 29 % of the 734 px body.
    LayoutInput in;
    in.width = 1280, in.height = 800, in.menu_height = 24, in.transport_height = 42, in.font_size = 16;
    const PanelRect m = panel_placement("model", in);
    EXPECT_FLOAT_EQ(m.x, 0);
    EXPECT_FLOAT_EQ(m.y, 66);
    EXPECT_FLOAT_EQ(m.w, 320);
    EXPECT_FLOAT_EQ(m.h, 213);  // round(0.29 * 734)
    const PanelRect e = panel_placement("export", in);
    EXPECT_FLOAT_EQ(e.x, 384);
    EXPECT_FLOAT_EQ(e.y, 200);
    EXPECT_FALSE(compact_layout(in));
}

TEST(GuiPanelLayout, ColumnsGrowWithTheZoom) {
    const PanelRect z1 = panel_placement("model", input(1920, 1080, 1.0f, false));
    const PanelRect z2 = panel_placement("model", input(1920, 1080, 2.0f, false));
    // A quarter of 1920 is 480: at zoom 1 capped at 28 font sizes (448), at zoom 2 raised to 16 (512).
    EXPECT_FLOAT_EQ(z1.w, 448);
    EXPECT_FLOAT_EQ(z2.w, 512);
    const PanelRect v1 = panel_placement("visible", input(1920, 1080, 1.0f, false));
    const PanelRect v2 = panel_placement("visible", input(1920, 1080, 2.0f, false));
    EXPECT_GE(v2.w, v1.w);  // the centre column (the visible layer) never narrows: 18.75 font sizes at least
}

TEST(GuiPanelLayout, CompactWhenTheWindowIsShortForTheFont) {
    EXPECT_TRUE(compact_layout(input(1024, 640, 1.0f, false)));   // 640 - 24 - 42 = 574 < 40 x 16
    EXPECT_FALSE(compact_layout(input(1280, 800, 1.0f, false)));  // 734 >= 640
    EXPECT_TRUE(compact_layout(input(1280, 800, 2.0f, false)));
    EXPECT_FALSE(compact_layout(input(1024, 640, 1.0f, true)));   // presentation has its own layout
    const auto ids = tiled_panels(input(1024, 640, 1.0f, false));
    EXPECT_EQ(std::count(ids.begin(), ids.end(), std::string("energy")), 0);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), std::string("analysis")), 1);
}

TEST(GuiPanelLayout, PresentationGivesTheVisibleLayerTheFullHeight) {
    const LayoutInput in = input(1280, 800, 2.0f, true);
    const PanelRect v = panel_placement("visible", in);
    EXPECT_FLOAT_EQ(v.x, 0);
    EXPECT_FLOAT_EQ(v.y, in.transport_height);
    EXPECT_FLOAT_EQ(v.h, 800 - in.transport_height);
    EXPECT_GE(v.w, 0.42f * 1280);
    // Room for a 480 px image: the width is not what limits it.
    EXPECT_GE(v.w, 480 + 2 * 18);
    EXPECT_EQ(tiled_panels(in), (std::vector<std::string>{"transport", "visible", "timeline", "analysis", "composer"}));
}

TEST(GuiPanelTable, TilesAndDialogsComeFromTheTable) {
    // The three layouts list exactly the table's tiles, in its order (written out by hand here).
    EXPECT_EQ(tiled_panels(input(1280, 800, 1.0f, false)),
              (std::vector<std::string>{"transport", "model", "biasing", "visible", "hidden", "energy", "timeline", "analysis"}));
    EXPECT_EQ(tiled_panels(input(1024, 640, 1.0f, false)),
              (std::vector<std::string>{"transport", "model", "biasing", "visible", "hidden", "timeline", "analysis"}));
    // Ids are unique, every panel has a title, and every dialog's box lies inside the window.
    std::set<std::string> ids;
    for (const PanelSpec& p : panel_specs()) {
        EXPECT_TRUE(ids.insert(p.id).second) << p.id;
        EXPECT_FALSE(std::string(p.title).empty()) << p.id;
        if (!p.dialog()) continue;
        const PanelRect r = panel_placement(p.id, input(1000, 500, 1.0f, false));
        EXPECT_GT(r.w, 0) << p.id;
        EXPECT_LE(r.x + r.w, 1000.0f) << p.id;
        EXPECT_LE(r.y + r.h, 500.0f) << p.id;
    }
    // The export dialog's box: 0.3 / 0.25 / 0.4 / 0.45 of a 1000 x 500 window.
    const PanelRect e = panel_placement("export", input(1000, 500, 1.0f, false));
    EXPECT_FLOAT_EQ(e.x, 300);
    EXPECT_FLOAT_EQ(e.y, 125);
    EXPECT_FLOAT_EQ(e.w, 400);
    EXPECT_FLOAT_EQ(e.h, 225);
    // Not in the table: a centred box of half the window.
    const PanelRect u = panel_placement("no-such-panel", input(1000, 500, 1.0f, false));
    EXPECT_FLOAT_EQ(u.x, 250);
    EXPECT_FLOAT_EQ(u.w, 500);
    EXPECT_EQ(find_panel("no-such-panel"), nullptr);
}

TEST(GuiPanelTable, PanelNamesMapToTheirWindowAndTab) {
    EXPECT_EQ(panel_window("pca"), "analysis");
    EXPECT_EQ(panel_tab("pca"), 1);
    EXPECT_EQ(panel_window("transition"), "analysis");
    EXPECT_EQ(panel_tab("transition"), 0);
    EXPECT_EQ(panel_tab("metrics"), 2);
    EXPECT_EQ(panel_window("energy-view"), "analysis");
    EXPECT_EQ(panel_tab("energy-view"), -1);
    EXPECT_EQ(panel_window("visible"), "visible");
    EXPECT_EQ(panel_tab("visible"), -1);
    const std::vector<const char*> offered = exportable_panels();
    std::vector<std::string> names(offered.begin(), offered.end());
    EXPECT_EQ(names, (std::vector<std::string>{"visible", "hidden", "energy", "timeline", "analysis", "biasing", "model"}));
}

TEST(GuiZoom, PresentationZoomIsReadableFromTheBackOfAHall) {
    EXPECT_FLOAT_EQ(presentation_zoom(1.0f, 800), 800.0f / 600.0f);
    EXPECT_FLOAT_EQ(presentation_zoom(2.0f, 800), 2.0f);   // the user's zoom when it is larger
    EXPECT_FLOAT_EQ(presentation_zoom(1.0f, 2160), 2.5f);  // at most kMaxZoom
    EXPECT_FLOAT_EQ(presentation_zoom(1.0f, 480), 1.0f);
    EXPECT_FLOAT_EQ(clamp_zoom(3.0f), 2.5f);
    EXPECT_FLOAT_EQ(clamp_zoom(0.5f), 0.8f);
    EXPECT_FLOAT_EQ(clamp_zoom(std::nanf("")), 1.0f);
}

TEST(GuiPresets, EachDatasetHasItsOwnAndEverySetsEveryField) {
    const std::vector<std::string> fashion{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                           "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    const auto f = presets_for_dataset("fashion", 10);
    ASSERT_GE(f.size(), 3u);
    std::vector<std::string> labels;
    for (const DatasetPreset* p : f) {
        EXPECT_EQ(p->dataset, "fashion");
        labels.push_back(dataset_preset_label(*p, fashion));
    }
    EXPECT_NE(std::find(labels.begin(), labels.end(), "Sneaker \xE2\x88\xA9 Ankle boot"), labels.end());
    EXPECT_NE(std::find(labels.begin(), labels.end(), "Pullover + Coat"), labels.end());
    EXPECT_NE(std::find(labels.begin(), labels.end(), "label Trouser"), labels.end());
    for (const auto& p : dataset_presets()) {
        SCOPED_TRACE(p.id);
        EXPECT_EQ(p.state.k, 0);
        EXPECT_FLOAT_EQ(p.state.temperature, 1.0f);
        EXPECT_EQ(p.state.seed, 7u);
        EXPECT_EQ(p.state.steps, 100);
        EXPECT_EQ(p.state.ensemble_size, 100);
        EXPECT_NE(p.source.find("Fig."), std::string::npos);  // says which figure it recreates
        EXPECT_NE(p.source.find("paper"), std::string::npos);
    }
    const auto m = presets_for_dataset("mnist", 10);
    for (const DatasetPreset* p : m) EXPECT_EQ(p->dataset, "mnist");
    EXPECT_EQ(find_dataset_preset("mnist-intersection-3-6")->source.substr(0, 10), "2023 paper");
    // Another dataset gets the generic ones; a model with 5 classes none that names class 8 or 9.
    for (const DatasetPreset* p : presets_for_dataset("emnist", 10)) EXPECT_EQ(p->dataset, "");
    for (const DatasetPreset* p : presets_for_dataset("mnist", 5))
        EXPECT_TRUE(p->state.method == 3 || (p->state.class_a < 5 && p->state.class_b < 5)) << p->id;
    const DatasetPreset* first = find_dataset_preset(kFirstRunPreset);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->state.method, 2);  // intersection
    EXPECT_EQ(first->state.class_a, 2);
    EXPECT_EQ(first->state.class_b, 9);
}

TEST(GuiSessionFile, StoresTheModelRelativelyWithItsHash) {
    test::TempDir d;
    std::filesystem::create_directories(d.path / "lecture" / "models");
    { std::ofstream(d.file("lecture/models/m.tdm")) << "abc"; }
    SessionFile s;
    set_session_model(s, d.file("lecture/models/m.tdm"), d.file("lecture/s.json"));
    EXPECT_EQ(s.model_relative, "models/m.tdm");
    // SHA-256("abc"), the FIPS 180-2 example.
    EXPECT_EQ(s.model_sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const SessionFile back = session_from_json(session_to_json(s));
    EXPECT_EQ(back.model_relative, "models/m.tdm");
    EXPECT_EQ(back.model_sha256, s.model_sha256);
    EXPECT_EQ(back.model_path, s.model_path);
}

TEST(GuiSessionFile, AMovedSessionFindsItsModel) {
    test::TempDir d;
    std::filesystem::create_directories(d.path / "a" / "models");
    std::filesystem::create_directories(d.path / "shelf");
    { std::ofstream(d.file("a/models/m.tdm")) << "abc"; }
    SessionFile s;
    set_session_model(s, d.file("a/models/m.tdm"), d.file("a/s.json"));
    save_session(d.file("a/s.json"), s);
    std::filesystem::rename(d.path / "a", d.path / "b");  // mailed: a new folder, the old path gone
    const SessionFile r = load_session(d.file("b/s.json"));
    const std::vector<std::string> folders{d.file("shelf")};
    EXPECT_EQ(resolve_session_model(r, d.file("b/s.json"), folders), d.file("b/models/m.tdm"));
    // Without the model next to it: a copy in a models folder, by name ...
    std::filesystem::rename(d.path / "b" / "models" / "m.tdm", d.path / "shelf" / "m.tdm");
    EXPECT_EQ(resolve_session_model(r, d.file("b/s.json"), folders), d.file("shelf/m.tdm"));
    // ... or under another name, by SHA-256.
    std::filesystem::rename(d.path / "shelf" / "m.tdm", d.path / "shelf" / "renamed.tdm");
    EXPECT_EQ(resolve_session_model(r, d.file("b/s.json"), folders), d.file("shelf/renamed.tdm"));
    // A file of that name with other contents is not taken; nothing found: the saved path (the loader says why).
    std::filesystem::remove(d.path / "shelf" / "renamed.tdm");
    { std::ofstream(d.file("shelf/m.tdm")) << "abd"; }
    EXPECT_EQ(resolve_session_model(r, d.file("b/s.json"), folders), r.model_path);
}

TEST(GuiSessionFile, OldSessionsWithoutTheNewFieldsStillOpen) {
    const SessionFile s = session_from_json(
        R"({"format":"topdown-session","version":1,"model":"/x/m.tdm","method":"label","class_a":3,"class_b":3,)"
        R"("k":0,"sample_index":0,"seed":7,"temperature":1.0,"ensemble_size":10,"steps":40,"step":40})");
    EXPECT_TRUE(s.model_relative.empty());
    EXPECT_TRUE(s.model_sha256.empty());
    EXPECT_EQ(resolve_session_model(s, "/y/s.json", {}), "/x/m.tdm");
    EXPECT_THROW(session_from_json(R"({"format":"topdown-session","version":1,"model":"/x/m.tdm","model_sha256":"XYZ",)"
                                   R"("method":"label","class_a":3,"class_b":3,"k":0,"sample_index":0,"seed":7,)"
                                   R"("temperature":1.0,"ensemble_size":10,"steps":40,"step":40})"),
                 FileFormatError);
}
