#include "state/session_opener.hpp"

#include "panels/panel.hpp"
#include "session/session_file.hpp"
#include "ui_context.hpp"

namespace topdown::gui {

void open_session(UiContext& ctx, const std::string& path) {
    try {
        const SessionFile s = load_session(path);
        // Next to the session file (mailed together), where it was saved, or in the models folders (by SHA-256).
        const std::string model = resolve_session_model(s, path, model_folders());
        ctx.models.current_path = model;
        ctx.sessions.pending = SessionOpener::PendingSession{composer_from_params(s.params),  // the whole 64-bit seed
                                                             s.params, model, ctx.snap ? ctx.snap->error_serial : 0};
        ctx.send(cmd::LoadModel{model, s.params, s.step});
    } catch (const std::exception& e) {
        ctx.errors.show(std::string("Could not open the session: ") + e.what(),
                        ctx.snap && ctx.snap->model ? "The current model (" + ctx.snap->model->name + ") stays loaded." : "");
    }
}

void resolve_pending_session(UiContext& ctx) {
    auto& pending = ctx.sessions.pending;
    const auto& snap = ctx.snap;
    if (!pending || !snap) return;
    if (snap->error_serial != pending->error_serial) {  // its model (or its chains) failed
        pending.reset();
        return;
    }
    if (snap->loading || !snap->model || snap->model->path != pending->model_path) return;
    if (same_session_params(pending->params, snap->params, snap->model->model->k)) {
        ctx.composer = pending->composer;
        pending.reset();
    }
}

}  // namespace topdown::gui
