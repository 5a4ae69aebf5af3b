// What every panel gets each frame: the snapshot taken at frame start (read-only, no lock), a way to send
// commands to the worker, and the UI-only state (composer fields, view options, panel rectangles).
#pragma once
#include <imgui.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gl/visible_renderer.hpp"
#include "plot/colormaps.hpp"
#include "widgets/file_browser.hpp"
#include "experiment/replay_job.hpp"
#include "session/session_worker.hpp"

namespace topdown::gui {

// The biasing composer's fields (edited by the user, sent on Start/Restart).
struct ComposerState {
    int method = 2;          // index into kMethodNames (intersection by default)
    int class_a = 2, class_b = 9;
    int k = 0;               // 0: the model's k
    float temperature = 1.0f;
    int seed = 7;
    int steps = 100;
    int ensemble_size = 100;
    int sample_index = 0;
};

// Names of BiasMethod values in the order of the enum.
inline constexpr const char* kMethodNames[] = {"label", "double-label chimera", "intersection chimera",
                                               "random", "from a data sample"};

// The replay panel's fields (continual-learning experiment, SPEC §9).
struct ReplayPanelState {
    int epochs = 20, batches = 156, limit = 0, seed = 1;
    bool conditions[5] = {true, true, true, true, true};  // in the order of all_replay_conditions()
    std::chrono::steady_clock::time_point started;
    std::string message;  // result of the last save
};

// View options the user sets (saved with the settings).
struct ViewState {
    plot::ColorMap colormap = plot::ColorMap::Gray;
    bool pixel_grid = false;
    float zoom = 1.0f;              // presentation zoom (Ctrl +/-)
    bool show_guide = false;
    std::string guide_topic;        // topic to scroll to when the guide opens
    bool show_export = false;
    bool show_replay = false;
    bool show_demo = false;
    bool transitions_of_focused = false;
    int analysis_tab = 0;           // 0 transition matrix, 1 PCA, 2 metrics
    int energy_layer = -1;          // -1: all layers
    bool reset_layout = true;
    float speed = 30.0f;            // steps per second
    bool max_speed = false;         // as fast as possible
    int run_to = 100;               // "run to step N" field
};

// Screen rectangles recorded while drawing (for screenshots of one panel and for the GUI tests).
struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
};

struct UiContext {
    SessionWorker* worker = nullptr;
    std::shared_ptr<const Snapshot> snap;  // taken at the start of the frame
    VisibleRenderer* renderer = nullptr;
    ComposerState composer;
    ViewState view;
    ReplayPanelState replay;
    ReplayJob* replay_job = nullptr;        // owned by run_app (joined before exit)
    std::map<std::string, Rect> panel_rects;   // window rectangles by panel name
    std::map<std::string, Rect> item_rects;    // e.g. "visible_image", "energy_plot"
    std::vector<std::string> model_files;      // found in assets/models and the user models folder
    bool rescan_models = true;
    std::string current_model_path;            // the model the user asked for last
    std::uint64_t shown_error_serial = 0;
    std::string pending_error;                 // shown in the error dialog
    std::string export_message;                // result of the last export
    std::string screenshot_request;            // path: save the whole window after this frame
    std::string screenshot_panel;              // "" or a panel name to crop to
    std::string filmstrip_request;             // path: save the filmstrip PNG
    FileBrowser browser;                       // shared "Open file..." browser
    std::string browser_purpose;               // "model" or "session"
    float menu_height = 0;                     // height of the main menu bar this frame

    // Loads a session file: its model, biasing, seed and step. Errors go to the error dialog.
    void open_session(const std::string& path);
    // Sends a command to the worker.
    void send(SessionCommand c) const { worker->send(std::move(c)); }
    // Records the current window's rectangle under `name`.
    void record_window(const std::string& name) {
        const ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
        panel_rects[name] = Rect{p.x, p.y, s.x, s.y};
    }
    // Records the last item's rectangle under `name`.
    void record_item(const std::string& name) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        item_rects[name] = Rect{a.x, a.y, b.x - a.x, b.y - a.y};
    }
};

// The session params the composer describes.
SessionParams composer_params(const ComposerState& c);

}  // namespace topdown::gui
