// Compare mode (issue 16 item 1): two simulations side by side in one window, stepped in lockstep. Side A is
// the primary session (UiContext::worker); side B runs on its own SessionWorker (CompareState). The transport
// drives both; side B's panels are the same panel functions drawn inside a SideBScope.
#pragma once
#include <string>

#include "ui_context.hpp"

namespace topdown::gui {

// Shows the compare layout; makes side B's worker on first use and loads `model_b` there ("" keeps side B's
// model, or takes side A's when side B has none) with side B's composer (side A's settings on first entry).
void enter_compare(UiContext& ctx, const std::string& model_b = "");
// Back to the normal layout (side B's worker keeps its chains, paused, for the next entry).
void leave_compare(UiContext& ctx);
// Sends a transport command to both sides in compare mode, else to the primary worker.
void drive(UiContext& ctx, const SessionCommand& c);
// Once per frame after the primary snapshot is taken: side B's snapshot, lockstep play (both sides run to the
// same next step, at the requested speed), and a paused pair brought to the same step. `dt`: seconds since the
// previous frame.
void update_compare(UiContext& ctx, double dt);
// Play / Pause of the transport in compare mode (restarts both with their composers when either differs).
void toggle_compare_play(UiContext& ctx);
// Reset: both sides back to step 0 with their running settings.
void reset_both(UiContext& ctx);
// Restarts both sides with their composers (from step 0, paused).
void restart_both(UiContext& ctx);
// Side A gets side B's model and settings and side B side A's; both restart from step 0.
void swap_sides(UiContext& ctx);
// Side B takes side A's settings (method, classes, k, T, seed, steps, ensemble); both restart from step 0.
void same_settings_on_both(UiContext& ctx);
// True while the transport plays (in compare mode: the lockstep pair; else the primary chain).
bool transport_playing(const UiContext& ctx);

// While alive, `ctx` shows side B: its worker, snapshot, composer and analysis tab, and every panel and item
// rectangle (and image slot) recorded with the suffix "_b".
class SideBScope {
public:
    explicit SideBScope(UiContext& ctx);
    ~SideBScope();
    SideBScope(const SideBScope&) = delete;
    SideBScope& operator=(const SideBScope&) = delete;

private:
    void swap_sides_in_context();
    UiContext& ctx_;
    SessionWorker* worker_;
};

// Draws panel function F for side B.
template <void (*F)(UiContext&)>
void draw_on_side_b(UiContext& ctx) {
    if (!ctx.compare.worker || !ctx.compare.snap) return;
    SideBScope side(ctx);
    F(ctx);
}

}  // namespace topdown::gui
