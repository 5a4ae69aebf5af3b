// What every panel gets each frame: the snapshot taken at frame start (read-only, no lock), a way to send
// commands to the worker, and the UI-only state, one struct per owner (each in its own header under state/).
#pragma once
#include <imgui.h>

#include <memory>
#include <string>

#include "panels/attractor_view.hpp"
#include "network_view_state.hpp"
#include "gl/visible_renderer.hpp"
#include "session/composer_state.hpp"
#include "session/key_press_log.hpp"
#include "session/session_worker.hpp"
#include "teach_state.hpp"
#include "state/capture_requests.hpp"
#include "state/compare_state.hpp"
#include "state/composer_aids.hpp"
#include "state/error_dialog_state.hpp"
#include "state/file_browser_state.hpp"
#include "state/layout_frame_state.hpp"
#include "state/model_list.hpp"
#include "state/rect_recorder.hpp"
#include "state/replay_panel_state.hpp"
#include "state/session_opener.hpp"
#include "state/status_notice.hpp"
#include "state/view_state.hpp"

namespace topdown::gui {

struct UiContext {
    // The primary side (the only one outside compare mode).
    SessionWorker* worker = nullptr;
    std::shared_ptr<const Snapshot> snap;  // taken at the start of the frame
    VisibleRenderer* renderer = nullptr;
    ComposerState composer;                // the biasing composer's fields
    ViewState view;                        // view options (saved)
    ReplayPanelState replay;               // the replay panel's fields and tasks
    KeyPressLog keys;                      // key presses since the previous frame (from the GLFW callback)

    ErrorDialogState errors;               // the error dialog (app/gui/panels/error_dialog.cpp)
    ModelList models;                      // the model panel's list
    CaptureRequests capture;               // PNG exports of the Export dialog
    LayoutFrameState frame;                // measured while drawing, read by the layout
    RectRecorder rects;                    // panel and item rectangles of this frame
    SessionOpener sessions;                // a session file being opened
    FileBrowserState files;                // "Open file..."
    StatusNotice notice;                   // the status line's warning
    ComposerAids composer_aids;            // intersection sizes, active preset
    CompareState compare;                  // compare mode: side B (compare_mode.hpp)
    // Other features add their one member (a struct in their own header) below this line.
    TeachState teach;                      // start-image canvas and lessons (teach_state.hpp)
    NetworkViewState network;              // the network view (app/gui/panels/network_panel.cpp)
    AttractorView attractors;              // attractor census / non-equilibrium / mixing (Metrics tab, timeline)

    // Sends a command to the worker.
    void send(SessionCommand c) const { worker->send(std::move(c)); }
    // Forgets the rectangles of the previous frame.
    void begin_frame_rects() { rects.begin_frame(); }
    // Records the current window's rectangle under `name`.
    void record_window(const std::string& name) { rects.record_window(name); }
    // Records the last item's rectangle under `name`.
    void record_item(const std::string& name) { rects.record_item(name); }
};

}  // namespace topdown::gui
