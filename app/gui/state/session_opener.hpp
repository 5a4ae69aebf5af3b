// Opening a session file: its model loads first, and its composer is shown only once that model has loaded
// and its chains run (a session whose model fails to load leaves the composer as it was).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "session/composer_state.hpp"
#include "session/session_params.hpp"

namespace topdown::gui {

struct UiContext;

struct SessionOpener {
    struct PendingSession {
        ComposerState composer;
        SessionParams params;
        std::string model_path;
        std::uint64_t error_serial = 0;  // the snapshot's error serial when the session was opened
    };
    std::optional<PendingSession> pending;
};

// Loads a session file: its model, biasing, seed and step. Errors go to the error dialog.
void open_session(UiContext& ctx, const std::string& path);
// Called once per frame with the new snapshot: shows a pending session's settings in the composer once its
// chains run, or forgets them when its model failed to load.
void resolve_pending_session(UiContext& ctx);

}  // namespace topdown::gui
