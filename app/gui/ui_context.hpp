// What every panel gets each frame: the snapshot taken at frame start (read-only, no lock), a way to send
// commands to the worker, and the UI-only state (composer fields, view options, panel rectangles).
#pragma once
#include <imgui.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data_fetch_task.hpp"
#include "network_view_state.hpp"
#include "gl/visible_renderer.hpp"
#include "plot/colormaps.hpp"
#include "widgets/file_browser.hpp"
#include "experiment/replay_condition_set.hpp"
#include "experiment/replay_job.hpp"
#include "session/composer_state.hpp"
#include "session/key_press_log.hpp"
#include "session/intersection_cache.hpp"
#include "session/session_worker.hpp"

namespace topdown::gui {

// Names of BiasMethod values in the order of the enum.
inline constexpr const char* kMethodNames[] = {"label", "double-label chimera", "intersection chimera",
                                               "random", "from a data sample"};

// The replay panel's fields (continual-learning experiment, docs/METHODS.md §12).
struct ReplayPanelState {
    int epochs = 20, batches = 156, limit = 0;
    std::uint64_t seed = 1;  // 64-bit like every seed of the core
    ReplayConditionSet conditions = ReplayConditionSet::all();
    std::chrono::steady_clock::time_point started;
    std::string message;  // result of the last save
    bool retry_after_fetch = false;  // start again once the datasets are fetched
};

// View options the user sets (saved with the settings).
struct ViewState {
    plot::ColorMap colormap = plot::ColorMap::Gray;
    bool pixel_grid = false;
    float zoom = 1.0f;              // zoom (Ctrl +/-), kMinZoom .. kMaxZoom
    bool present = false;           // presentation mode (F11, --present; Esc leaves)
    int present_view = 0;           // presentation mode's analysis view: 0 energy, 1 transition matrix, 2 PCA
    bool show_start = false;        // the "getting started" overlay (first run)
    bool start_dismissed = false;   // ... was closed once (saved)
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
    DataFetchTask data_fetch;               // "Fetch the datasets" of the replay panel (background thread)
    std::map<std::string, Rect> panel_rects;   // window rectangles by panel name
    std::map<std::string, Rect> item_rects;    // e.g. "visible_image", "energy_plot"
    std::vector<std::string> model_files;      // found in assets/models and the user models folder
    bool rescan_models = true;
    std::string current_model_path;            // the model the user asked for last
    std::uint64_t shown_error_serial = 0;
    std::string pending_error;                 // shown in the error dialog (says what failed, in its own words)
    std::string pending_error_note;            // a line under it that belongs to this error only (e.g. "The
                                               // previous model stays loaded"); cleared with the error
    DialogKeyGuard error_enter_guard;          // the Enter that caused an error does not close its dialog
    DialogKeyGuard error_escape_guard;         // ... nor an Escape held from before
    KeyPressLog keys;                          // key presses since the previous frame (from the GLFW callback)
    std::string notice;                        // a short warning for the status line (e.g. settings unreadable)
    std::string notice_detail;                 // its full text (tooltip)
    bool capturing = false;                    // this frame is a screenshot: dialogs (Export) are not drawn
    bool any_panel_floating = false;           // a panel left its tile last frame: panels draw opaque backgrounds
    bool panel_floating_now = false;           // ... found while drawing this frame
    bool screenshot_armed = false;             // screenshot_request waits one frame so the dialog is hidden
    std::string export_message;                // result of the last export
    std::string screenshot_request;            // path: save the whole window after this frame
    std::string screenshot_panel;              // "" or a panel name to crop to
    std::string filmstrip_request;             // path: save the filmstrip PNG
    FileBrowser browser;                       // shared "Open file..." browser
    std::string browser_purpose;               // "model" or "session"
    IntersectionCache intersections;           // composer: intersection sizes of the loaded model
    // A session file being opened: its composer is shown only once its model has loaded and its chains run
    // (a session whose model fails to load leaves the composer as it was).
    struct PendingSession {
        ComposerState composer;
        SessionParams params;
        std::string model_path;
        std::uint64_t error_serial = 0;  // the snapshot's error serial when the session was opened
    };
    std::optional<PendingSession> pending_session;
    float menu_height = 0;                     // height of the main menu bar this frame
    float transport_height = 0;                // the transport bar's height as last drawn (rows wrap)
    float timeline_height = 0;                 // the height the timeline asked for (its legend wraps)
    bool relayout = false;                     // the transport bar changed height: re-tile next frame
    float font_size = 16;                      // the font size of this frame (zoom x 16)
    bool compact = false;                      // the compact default layout (energy is a tab of analysis)
    std::string active_preset;                 // the preset applied last (its figure is shown)
    NetworkViewState network;                  // the network view (app/gui/panels/network_panel.cpp)

    // Loads a session file: its model, biasing, seed and step. Errors go to the error dialog.
    void open_session(const std::string& path);
    // Called once per frame with the new snapshot: shows a pending session's settings in the composer once
    // its chains run, or forgets them when its model failed to load.
    void resolve_pending_session();
    // Sends a command to the worker.
    void send(SessionCommand c) const { worker->send(std::move(c)); }
    // Forgets the rectangles of the previous frame (panels and items not drawn this frame are not reported).
    void begin_frame_rects() {
        panel_rects.clear();
        item_rects.clear();
    }
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

}  // namespace topdown::gui
