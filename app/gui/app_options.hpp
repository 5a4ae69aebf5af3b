// Command-line options of `topdown`: the interactive defaults and the scripted / headless mode.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace topdown::gui {

// Exit statuses of `topdown` (listed in --help and in README's app section).
constexpr int kExitFailure = 1;          // no display, a failed screenshot, a scenario error
constexpr int kExitUsageOrTimeout = 2;   // a bad option value, or a scripted run past --timeout
constexpr int kExitStartFileBad = 3;     // scripted: the --model or --session given at start cannot be loaded

struct AppOptions {
    std::string model;            // model file to load at start
    std::string session;          // session file to open at start
    std::string method = "intersection";
    std::string classes = "2,9";  // class indices or names
    int k = 0;
    float temperature = 1.0f;
    std::string schedule = "constant";
    float t_end = 1.0f;
    std::uint64_t seed = 7;
    int steps = 100;
    int ensemble = 100;
    std::string compare;          // compare mode: side B's model (side A is --model)
    std::string method_b;         // side B's biasing method ("": --method)
    std::string classes_b;        // side B's classes ("": --classes)
    std::string screenshot;       // scripted: save a PNG of the window (or --panel) and exit
    std::string panel;            // scripted: crop the screenshot to this panel
    std::vector<std::string> open_after;  // scripted: open these model / session files after the scenario
    std::string open_dir;         // scripted: ... and every file in this folder (sorted by name)
    std::string colormap = "gray";
    int width = 1280, height = 800;
    int frames_bench = 0;         // scripted: render N frames with the worker flat out, print timings
    float fps_cap = -1.0f;        // frames per second at most (0: no cap; < 0: the display's refresh rate in
                                  // interactive runs (60 when unknown), none in scripted runs)
    float zoom = 0.0f;            // 0: the saved zoom, else the monitor's content scale (1 in scripted runs)
    bool present = false;         // start in presentation mode
    float speed = -1.0f;          // steps per second while playing (0: as fast as possible; < 0: saved setting)
    bool show_guide = false;
    bool replay_demo = false;     // scripted: run a small replay experiment in the Replay panel before the screenshot
    bool press_space = false;     // scripted: compose the scenario, then press Space (as a sub-frame tap)
    bool no_settings = false;     // do not read or write settings (tests)
    bool network = false;         // open the network view at start (issue 16 item 3)
    int network_pin_layer = -1;   // --network-pin LAYER:UNIT: open the network view with this unit pinned
    int network_pin_unit = -1;
    int network_phase = -1;       // scripted: hold the slow motion of the next step at this sub-step (0-based)
    float timeout_s = 60.0f;      // scripted: give up (exit 2) after this long
    std::string start_image;      // start from this image file (method image; issue 16)
    std::string clamp_mask;       // ... with this clamp mask file (nonzero = clamped)
    std::string lesson;           // open this lesson file (issue 16)
    int lesson_step = 1;          // ... at this step (1-based)
    // True when the app runs a script and exits instead of waiting for the user.
    bool scripted() const { return !screenshot.empty() || frames_bench > 0; }
};

// Parses argv; returns false (after printing help or an error) when the app should exit with `exit_code`.
bool parse_app_options(int argc, char** argv, AppOptions& out, int& exit_code);

}  // namespace topdown::gui
