// Small pieces of the app's logic kept in the core (issue 13, app): filmstrip slots, export folder,
// settings errors, UI frame pacing, partial replay curves.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "experiment/replay_curve_status.hpp"
#include "session/filmstrip_layout.hpp"
#include "session/ui_pacing.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"
#include "util/export_folder.hpp"
#include "util/settings_json.hpp"

using namespace topdown;

TEST(GuiFilmstripLayout, CountFitsTheWidthButNeverExceedsTheTextureSlots) {
    EXPECT_EQ(filmstrip_count(100.0f, 40.0f, 5.0f), 2);    // (100 + 5) / 45 = 2.33
    EXPECT_EQ(filmstrip_count(130.0f, 40.0f, 5.0f), 3);    // 135 / 45 = 3
    EXPECT_EQ(filmstrip_count(10.0f, 40.0f, 5.0f), 1);     // at least one
    EXPECT_EQ(filmstrip_count(-5.0f, 40.0f, 5.0f), 1);
    // A wide window at a small zoom: 5000 px / 21 px would be 238 thumbnails on 48 slots (two thumbnails
    // sharing a slot show the same image).
    EXPECT_EQ(filmstrip_count(5000.0f, 16.0f, 5.0f), kFilmstripSlots);
    EXPECT_EQ(kFilmstripSlots, 48);
    EXPECT_EQ(filmstrip_count(1e30f, 1.0f, 0.0f), kFilmstripSlots);
    EXPECT_EQ(filmstrip_count(100.0f, 0.0f, 0.0f), 1);
}

TEST(GuiExportFolder, AMissingFolderIsCreated) {
    test::TempDir d;
    const std::string file = (d.path / "home" / "topdown-exports" / "x-window.png").string();
    ASSERT_FALSE(std::filesystem::exists(d.path / "home"));
    ensure_export_folder(file);
    EXPECT_TRUE(std::filesystem::is_directory(d.path / "home" / "topdown-exports"));
    ensure_export_folder(file);  // already there: fine
}

TEST(GuiExportFolder, AFolderThatCannotBeCreatedIsAClearError) {
    test::TempDir d;
    std::ofstream(d.file("plainfile")) << "x";
    const std::string file = (d.path / "plainfile" / "sub" / "x.png").string();
    try {
        ensure_export_folder(file);
        FAIL() << "expected an IoError";
    } catch (const IoError& e) {
        EXPECT_NE(std::string(e.what()).find("export folder"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("plainfile"), std::string::npos) << e.what();
    }
}

TEST(GuiSettingsJson, AMissingFileIsNoError) {
    test::TempDir d;
    nlohmann::json j;
    std::string error = "stale";
    EXPECT_FALSE(read_settings_json(d.file("settings.json"), j, error));
    EXPECT_EQ(error, "");
}

TEST(GuiSettingsJson, ABrokenFileIsReportedWithItsPath) {
    test::TempDir d;
    std::ofstream(d.file("settings.json")) << "{\"zoom\": 1.2,";  // cut short
    nlohmann::json j;
    std::string error;
    EXPECT_FALSE(read_settings_json(d.file("settings.json"), j, error));
    EXPECT_NE(error.find("settings.json"), std::string::npos) << error;
    EXPECT_NE(error.find("defaults"), std::string::npos) << error;
    std::ofstream(d.file("array.json")) << "[1, 2]";
    EXPECT_FALSE(read_settings_json(d.file("array.json"), j, error));
    EXPECT_NE(error.find("JSON object"), std::string::npos) << error;
}

TEST(GuiSettingsJson, AGoodFileRoundTripsAndAWriteFailureIsReported) {
    test::TempDir d;
    nlohmann::json out = {{"zoom", 1.5}, {"method", 2}};
    EXPECT_EQ(write_settings_json(d.file("cfg/settings.json"), out), "");
    nlohmann::json in;
    std::string error;
    ASSERT_TRUE(read_settings_json(d.file("cfg/settings.json"), in, error)) << error;
    EXPECT_EQ(in["method"].get<int>(), 2);
    std::ofstream(d.file("plainfile")) << "x";
    const std::string why = write_settings_json(d.file("plainfile/settings.json"), out);
    EXPECT_FALSE(why.empty());
    EXPECT_NE(why.find("plainfile"), std::string::npos) << why;
}

TEST(GuiUiPacing, InteractiveRunsAreCappedByDefault) {
    EXPECT_FLOAT_EQ(effective_fps_cap(-1.0f, false, 0), kDefaultFpsCap);  // no vsync info: 60 fps
    EXPECT_FLOAT_EQ(kDefaultFpsCap, 60.0f);
    EXPECT_FLOAT_EQ(effective_fps_cap(-1.0f, false, 144), 144.0f);        // the display's refresh rate
    EXPECT_FLOAT_EQ(effective_fps_cap(-1.0f, false, 5), kDefaultFpsCap);  // implausible rate
    EXPECT_FLOAT_EQ(effective_fps_cap(-1.0f, true, 60), 0.0f);            // scripted: benchmarks run uncapped
    EXPECT_FLOAT_EQ(effective_fps_cap(0.0f, false, 60), 0.0f);            // --fps-cap 0: no cap
    EXPECT_FLOAT_EQ(effective_fps_cap(30.0f, true, 60), 30.0f);           // explicit wins
}

TEST(GuiReplayPartial, APartialConditionSaysHowFarItGot) {
    ReplayCurve cut;
    cut.new_accuracy = {0.7};
    cut.old_accuracy_fixed = {0.9};
    EXPECT_EQ(replay_partial_text(cut, 3), "partial 1/3");
    EXPECT_EQ(replay_partial_text(ReplayCurve{}, 20), "partial 0/20");
}

#include "session/panel_float.hpp"

TEST(GuiPanelFloat, AMovedOrResizedPanelFloats) {
    const PanelRect tiled{10, 20, 300, 200};
    EXPECT_FALSE(panel_floats(tiled, tiled));
    EXPECT_FALSE(panel_floats(PanelRect{10.5f, 20, 300, 200}, tiled));  // rounding
    EXPECT_TRUE(panel_floats(PanelRect{60, 80, 300, 200}, tiled));      // dragged
    EXPECT_TRUE(panel_floats(PanelRect{10, 20, 340, 200}, tiled));      // resized
    EXPECT_TRUE(panel_floats(PanelRect{10, 20, 300, NAN}, tiled));
}
