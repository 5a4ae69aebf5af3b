#include "compare_mode.hpp"

#include <algorithm>
#include <cmath>

namespace topdown::gui {

namespace {
// True when a side has a model and running chains and is not loading another model.
bool side_ready(const Snapshot& s) { return s.model && !s.loading && !s.bias_description.empty(); }

// Sends `c` to side B's worker (when there is one).
void send_b(UiContext& ctx, SessionCommand c) {
    if (ctx.compare.worker) ctx.compare.worker->send(std::move(c));
}
}  // namespace

void enter_compare(UiContext& ctx, const std::string& model_b) {
    CompareState& c = ctx.compare;
    const bool first = !c.worker;
    if (first) {
        c.worker = std::make_unique<SessionWorker>(1000, 2000, /*batch_when_unpaced=*/true);
        c.composer = ctx.composer;
        c.snap = c.worker->latest();
    }
    c.primary = ctx.worker;
    std::string path = model_b;
    if (path.empty() && first) path = ctx.snap && ctx.snap->model ? ctx.snap->model->path : ctx.models.current_path;
    if (!path.empty()) {
        c.model_path = path;
        send_b(ctx, cmd::LoadModel{path, composer_params(c.composer)});
    }
    send_b(ctx, cmd::SetSpeed{ctx.view.max_speed ? 0.0f : ctx.view.speed});
    c.active = true;
    c.analysis_tab = 2;      // each side's analysis panel opens on its metrics
    ctx.view.analysis_tab = 2;
    ctx.view.reset_layout = true;
}

void leave_compare(UiContext& ctx) {
    if (ctx.compare.playing) toggle_compare_play(ctx);
    ctx.compare.active = false;
    ctx.view.reset_layout = true;
}

void drive(UiContext& ctx, const SessionCommand& c) {
    if (!ctx.compare.active || !ctx.compare.primary) return ctx.send(c);
    ctx.compare.primary->send(c);  // also from inside a SideBScope, where ctx.worker is side B's
    send_b(ctx, c);
}

void update_compare(UiContext& ctx, double dt) {
    CompareState& c = ctx.compare;
    if (!c.worker) return;
    c.snap = c.worker->latest();
    if (!c.active || !ctx.snap) return;
    const Snapshot& a = *ctx.snap;
    const Snapshot& b = *c.snap;
    if (!side_ready(a) || !side_ready(b)) return;
    // Lockstep play earns steps at the requested speed every frame (at most 25 ahead).
    const double rate = ctx.view.max_speed ? 1e9 : static_cast<double>(ctx.view.speed);
    if (c.playing) c.step_credit = std::min(c.step_credit + rate * dt, 25.0);
    if (c.restarting) {  // a snapshot from before the restart must not make the other side catch up with it
        if (a.newest_step != 0 || b.newest_step != 0) return;
        c.restarting = false;
    }
    if (a.mode != RunMode::Paused || b.mode != RunMode::Paused) return;  // a side is still on its way
    // Paused at different steps (one side was slower, or restarted): the one behind catches up.
    if (a.step != b.step) {
        const int to = std::max(a.step, b.step);
        if (a.step < to) ctx.send(cmd::RunTo{to});
        else send_b(ctx, cmd::RunTo{to});
        return;
    }
    // Lockstep play: once both sides stand at the target and a step is earned, both run to the next target.
    if (!c.playing || a.step < c.target || c.step_credit < 1.0) return;
    const int n = static_cast<int>(std::floor(c.step_credit));
    c.step_credit -= n;
    c.target = a.step + n;
    drive(ctx, cmd::RunTo{c.target});
}

void toggle_compare_play(UiContext& ctx) {
    CompareState& c = ctx.compare;
    if (c.playing) {
        c.playing = false;
        drive(ctx, cmd::Pause{});
        return;
    }
    // Either side without chains, or with a composer that differs from its chains: both restart first.
    auto needs_restart = [](const Snapshot* s, const ComposerState& composer) {
        return !s || !s->model || !s->model->model || s->bias_description.empty() ||
               !same_session_params(composer_params(composer), s->params, s->model->model->k);
    };
    const bool restart = needs_restart(ctx.snap.get(), ctx.composer) || needs_restart(c.snap.get(), c.composer);
    if (restart) restart_both(ctx);
    c.playing = true;
    c.step_credit = 0;
    c.target = restart ? 0 : ctx.snap->step;
}

void reset_both(UiContext& ctx) {
    ctx.compare.playing = false;
    ctx.compare.restarting = true;
    ctx.send(cmd::Restart{ctx.snap->params, false});
    if (ctx.compare.snap) send_b(ctx, cmd::Restart{ctx.compare.snap->params, false});
}

void restart_both(UiContext& ctx) {
    ctx.compare.restarting = true;
    ctx.send(cmd::Restart{composer_params(ctx.composer), false});
    send_b(ctx, cmd::Restart{composer_params(ctx.compare.composer), false});
}

void swap_sides(UiContext& ctx) {
    CompareState& c = ctx.compare;
    if (!c.snap || !ctx.snap->model || !c.snap->model) return;
    c.playing = false;
    c.restarting = true;
    const std::string path_a = ctx.snap->model->path, path_b = c.snap->model->path;
    std::swap(ctx.composer, c.composer);
    ctx.models.current_path = path_b;
    c.model_path = path_a;
    ctx.send(cmd::LoadModel{path_b, composer_params(ctx.composer)});
    send_b(ctx, cmd::LoadModel{path_a, composer_params(c.composer)});
}

void same_settings_on_both(UiContext& ctx) {
    ctx.compare.playing = false;
    ctx.compare.composer = ctx.composer;
    restart_both(ctx);
}

bool transport_playing(const UiContext& ctx) {
    if (ctx.compare.active) return ctx.compare.playing;
    return ctx.snap->mode != RunMode::Paused;
}

SideBScope::SideBScope(UiContext& ctx) : ctx_(ctx), worker_(ctx.compare.worker.get()) { swap_sides_in_context(); }

SideBScope::~SideBScope() { swap_sides_in_context(); }

void SideBScope::swap_sides_in_context() {
    std::swap(ctx_.worker, worker_);
    std::swap(ctx_.snap, ctx_.compare.snap);
    std::swap(ctx_.composer, ctx_.compare.composer);
    std::swap(ctx_.view.analysis_tab, ctx_.compare.analysis_tab);
    std::swap(ctx_.attractors, ctx_.compare.attractors);
    ctx_.rects.suffix = ctx_.rects.suffix.empty() ? "_b" : "";
}

}  // namespace topdown::gui
