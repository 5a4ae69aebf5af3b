#include "app_options.hpp"

#include <algorithm>
#include <filesystem>

#include <CLI/CLI.hpp>
#include <cstdio>

namespace topdown::gui {

namespace {
// --open-dir: appends every file of the folder to --open, in name order. False (said on stderr) when the folder
// cannot be listed.
bool add_open_dir(AppOptions& o) {
    std::error_code ec;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(o.open_dir, ec))
        if (e.is_regular_file()) files.push_back(e.path().string());
    if (ec) {
        std::fprintf(stderr, "error: cannot list --open-dir %s: %s\n", o.open_dir.c_str(), ec.message().c_str());
        return false;
    }
    std::sort(files.begin(), files.end());
    o.open_after.insert(o.open_after.end(), files.begin(), files.end());
    return true;
}
}  // namespace

namespace {
// Options of the scenario itself: model, session, method, classes, temperature, seed, steps, ensemble.
void add_run_options(CLI::App& app, AppOptions& o) {
    app.add_option("--model", o.model, "Model file (.tdm) to load at start");
    app.add_option("--session", o.session, "Session file (.json) to open at start");
    app.add_option("--method", o.method, "label, double, intersection, random, sample, tempering or image")
        ->check(CLI::IsMember({"label", "double", "intersection", "random", "sample", "tempering", "image"}))->capture_default_str();
    app.add_option("--classes", o.classes, "Class indices or names, e.g. 2,9")->capture_default_str();
    app.add_option("--k", o.k, "Active top units for chimeras (0: the model's k)")->check(CLI::Range(0, 65536));
    app.add_option("--temperature", o.temperature, "Temperature")->check(CLI::Range(0.01, 100.0))->capture_default_str();
    app.add_option("--schedule", o.schedule, "Temperature schedule: constant, linear or cosine from --temperature to --t-end")
        ->check(CLI::IsMember({"constant", "linear", "cosine"}))->capture_default_str();
    app.add_option("--t-end", o.t_end, "Temperature of the last step of a linear or cosine schedule")
        ->check(CLI::Range(0.01, 100.0))->capture_default_str();
    app.add_option("--seed", o.seed, "Session seed (0 to 18446744073709551615)")->capture_default_str();
    app.add_option("--steps", o.steps, "Run to this step")->check(CLI::Range(1, 1000000))->capture_default_str();
    app.add_option("--ensemble", o.ensemble, "Ensemble size")->check(CLI::Range(0, 2000))->capture_default_str();
}

// Compare mode: side B's model, method and classes.
void add_compare_options(CLI::App& app, AppOptions& o) {
    app.add_option("--compare", o.compare, "Compare side by side: run this model as side B next to --model (side A), "
                                           "stepped in lockstep with the same seed");
    app.add_option("--method-b", o.method_b, "Compare mode: side B's method (default: --method)")
        ->check(CLI::IsMember({"label", "double", "intersection", "random", "sample"}));
    app.add_option("--classes-b", o.classes_b, "Compare mode: side B's classes (default: --classes)");
}

// Scripted output: screenshot, panel crop, files to open after the scenario.
void add_script_output_options(CLI::App& app, AppOptions& o) {
    app.add_option("--screenshot", o.screenshot, "Scripted: run the scenario, save a PNG here and exit");
    app.add_option("--panel", o.panel, "Scripted: crop the screenshot to one panel (visible, hidden, energy, "
                                       "timeline, transition, pca, metrics, biasing, model, transport, guide, replay, canvas, lesson, network; "
                                       "in compare mode also compare, visible_b, energy_b, timeline_b, analysis_b)");
    app.add_option("--open", o.open_after, "Scripted: open this model (.tdm) or session (.json) file after the "
                                           "scenario; repeatable (a bad file must leave the previous model loaded)")
        ->take_all();
    app.add_option("--open-dir", o.open_dir, "Scripted: open every file of this folder after the scenario, in name order");
}

// Display: window size, colour map, frame rate, zoom, presentation mode, speed, guide.
void add_display_options(CLI::App& app, AppOptions& o, std::string& size) {
    app.add_option("--size", size, "Window size WxH")->capture_default_str();
    app.add_option("--colormap", o.colormap, "gray, inverted, viridis or magma")
        ->check(CLI::IsMember({"gray", "inverted", "viridis", "magma"}))->capture_default_str();
    app.add_option("--frames-bench", o.frames_bench, "Scripted: render N frames with the worker flat out and print "
                                                     "median / p99 frame time")->check(CLI::Range(1, 100000));
    app.add_option("--fps-cap", o.fps_cap, "Render at most this many frames per second (0: no cap; default: the "
                                           "display's refresh rate, 60 when unknown, none in scripted runs)")
        ->check(CLI::Range(0.0, 1000.0));
    app.add_option("--zoom", o.zoom, "Zoom of text, images and plots, 0.8 to 2.5 (Ctrl +/-; default: the monitor's "
                                     "content scale)")->check(CLI::Range(0.8, 2.5));
    app.add_flag("--present", o.present, "Start in presentation mode (F11 toggles, Esc leaves): full screen, the "
                                         "visible layer large, timeline, one analysis view, large text");
    app.add_option("--speed", o.speed, "Steps per second while playing (0: as fast as possible)")->check(CLI::Range(0.0, 10000.0));
    app.add_flag("--guide", o.show_guide, "Open the guide at start");
}

// Scenario extras: replay demo, Space press, start image and clamp mask, lessons, settings.
void add_scenario_extras(CLI::App& app, AppOptions& o) {
    app.add_flag("--replay-demo", o.replay_demo,
                 "Scripted: run a small continual-learning experiment in the Replay panel before the screenshot");
    app.add_flag("--press-space", o.press_space,
                 "Scripted: put the scenario in the composer and press Space (a tap shorter than a frame) instead "
                 "of starting it directly; then run to --steps");
    app.add_option("--start-image", o.start_image, "Start the chain from this image file (method image: PNG, JPEG, "
                                                   "BMP, GIF or PGM, resized to the model's image shape)");
    app.add_option("--clamp-mask", o.clamp_mask, "With --start-image: keep the pixels where this image is nonzero "
                                                 "fixed to the start image at every step (image completion)");
    app.add_option("--lesson", o.lesson, "Open this lesson file (JSON, see README \"Lessons\")");
    app.add_option("--lesson-step", o.lesson_step, "... at this step (1-based)")->check(CLI::Range(1, 100));
    app.add_flag("--no-settings", o.no_settings, "Neither read nor write settings or imgui.ini");
}

// The network view: open it, pin a unit, hold a slow-motion phase.
void add_network_options(CLI::App& app, AppOptions& o, std::string& network_pin) {
    app.add_flag("--network", o.network, "Open the network view (look inside the layers) at start");
    app.add_option("--network-pin", network_pin, "Open the network view with unit UNIT of layer LAYER pinned "
                                                  "(0 = visible, 1.. hidden), e.g. 2:17");
    app.add_option("--network-phase", o.network_phase, "Scripted: show the next step in the network view's slow "
                                                       "motion, held at this sub-step (0 first)")
        ->check(CLI::Range(0, 64));
}

// Checks and applies the values CLI11 cannot check (--size, compare-only options, --network-pin, --open-dir);
// false (said on stderr, exit_code set) on a bad value.
bool finish_app_options(AppOptions& o, const std::string& size, const std::string& network_pin, int& exit_code) {
    int w = 0, h = 0;
    if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 16384 || h > 16384) {
        std::fprintf(stderr, "error: --size must look like 1280x800 (at least 320x240)\n");
        exit_code = kExitUsageOrTimeout;
        return false;
    }
    o.width = w;
    o.height = h;
    if ((!o.method_b.empty() || !o.classes_b.empty()) && o.compare.empty()) {
        std::fprintf(stderr, "error: --method-b and --classes-b need --compare MODEL_B\n");
        exit_code = kExitUsageOrTimeout;
        return false;
    }
    if (!network_pin.empty()) {
        int layer = -1, unit = -1;
        char extra = 0;
        if (std::sscanf(network_pin.c_str(), "%d:%d%c", &layer, &unit, &extra) != 2 || layer < 0 || unit < 0) {
            std::fprintf(stderr, "error: --network-pin must look like LAYER:UNIT, e.g. 2:17 (got '%s')\n",
                         network_pin.c_str());
            exit_code = kExitUsageOrTimeout;
            return false;
        }
        o.network_pin_layer = layer, o.network_pin_unit = unit;
    }
    if (!o.open_dir.empty() && !add_open_dir(o)) {
        exit_code = kExitUsageOrTimeout;
        return false;
    }
    return true;
}
}  // namespace

bool parse_app_options(int argc, char** argv, AppOptions& o, int& exit_code) {
    CLI::App app{"TopDown: watch a deep belief network dream, step by step"};
    std::string size = "1280x800";
    app.footer("Exit status: 0 success; 1 failure (no display, screenshot or scenario error); 2 bad option value "
               "or a scripted run past --timeout; 3 scripted run whose --model or --session cannot be loaded (the "
               "reason on stderr, \"topdown: Could not open ...\"); command-line parse errors use CLI11's codes (100 "
               "and above).");
    add_run_options(app, o);
    add_compare_options(app, o);
    add_script_output_options(app, o);
    add_display_options(app, o, size);
    add_scenario_extras(app, o);
    std::string network_pin;
    add_network_options(app, o, network_pin);
    app.add_option("--timeout", o.timeout_s, "Scripted: fail after this many seconds")->check(CLI::Range(1.0, 3600.0));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        exit_code = app.exit(e);
        return false;
    }
    return finish_app_options(o, size, network_pin, exit_code);
}

}  // namespace topdown::gui
