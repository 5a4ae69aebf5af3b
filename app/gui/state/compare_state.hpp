// Compare mode (issue 16): a second simulation, side B, shown beside the primary one (side A) and stepped in
// lockstep with it. Side B has its own SessionWorker (a second worker thread), snapshot and composer; the
// transport drives both sides.
#pragma once
#include <memory>
#include <string>

#include "panels/attractor_view.hpp"
#include "session/composer_state.hpp"
#include "session/session_worker.hpp"

namespace topdown::gui {

struct CompareState {
    bool active = false;                       // the compare layout is shown (View > Compare side by side)
    std::unique_ptr<SessionWorker> worker;     // side B's simulation (made when compare mode is first entered)
    std::shared_ptr<const Snapshot> snap;      // side B's snapshot of this frame
    SessionWorker* primary = nullptr;          // side A's worker (UiContext::worker outside a SideBScope)
    ComposerState composer;                    // side B's settings
    std::string model_path;                    // side B's model (the one asked for last)
    int analysis_tab = 2;                      // side B's analysis tab to select (-1: the user's choice)
    bool playing = false;                      // the transport plays both sides in lockstep
    bool restarting = false;                   // both sides were restarted: no catching up until both show step 0
    int target = 0;                            // lockstep: the step both sides run to next
    double step_credit = 0;                    // lockstep: steps owed at the requested speed
    float bar_height = 0;                      // the compare bar's height as last drawn (its rows wrap)
    AttractorView attractors;                  // side B's attractor analysis (each side polls its own every frame)
};

}  // namespace topdown::gui
