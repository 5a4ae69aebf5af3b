// The network view's own state (issue 16 item 3): whether it is open, the hovered and pinned units, the
// per-model caches (receptive fields, the generation weights the slow motion recomputes a step with) and the
// slow motion in progress. One member of UiContext (`network`).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "analyze/receptive_field.hpp"
#include "generate/generation_model.hpp"
#include "generate/step_phases.hpp"
#include "session/slow_motion.hpp"

namespace topdown::gui {

// A unit of the network: layer 0 = visible, 1..L hidden; layer < 0 = none.
struct UnitRef {
    int layer = -1, unit = -1;
    bool valid() const { return layer >= 0 && unit >= 0; }
    bool operator==(const UnitRef&) const = default;
};

// A step recomputed for the slow motion: the state entering it and its sub-steps, in the order the chain runs them.
struct SlowStep {
    StepStart start;
    std::vector<StepPhase> phases;
};

// One layer's grid as drawn this frame (for the screenshot sidecar and the GUI tests).
struct DrawnGrid {
    int layer = 0, units = 0, rows = 0, cols = 0;
    float x = 0, y = 0, cell = 0;
    std::vector<float> values;  // the unit values shown (0..1)
};

struct NetworkViewState {
    bool open = false;                 // the window is shown (View > Network view, --network, --network-pin)
    UnitRef hovered;                   // the unit under the pointer this frame
    UnitRef pinned;                    // clicked: its field and history stay shown (click again to unpin)
    // Per-model caches, rebuilt when the snapshot's model changes.
    std::shared_ptr<const Dbn> model;
    std::shared_ptr<ReceptiveFieldCache> fields;
    std::shared_ptr<const GenerationModel> generation;  // prepared on the first slow motion of a model
    // Slow motion: the sub-steps of step `slow_step`, recomputed from the state entering it.
    float seconds_per_substep = 1.5f;  // the lecturer's speed (slider)
    bool slow_requested = false;       // waiting for the worker to pause before computing the step
    int slow_step = 0;                 // the step being shown (the chain stands at slow_step - 1)
    std::shared_ptr<const SlowStep> slow;  // also the owner of the grids' uploads while it is shown
    SlowMotionClock clock;
    bool step_sent = false;            // the chain was moved to slow_step at the end
    bool repeat = false;               // start the next step's slow motion when one ends
    std::string slow_message;          // why a slow motion could not start
    // What this frame drew (sidecar).
    std::vector<DrawnGrid> grids;
    UnitRef shown;                     // the unit whose field and history are shown
    float field_scale = 0;             // the largest |value| of its field (the colour map's ends)
    int field_rows = 0, field_cols = 0;
    std::string caption;               // the caption line
    int updated_layer = -1;            // the layer the shown sub-step updates (-1: none)
    // Scripted runs (--network-pin, --network-phase): applied once the model (and the scenario) is in.
    UnitRef script_pin;
    int script_phase = -1;             // hold the slow motion of the next step at this sub-step (-1: none)
    bool script_applied = false;       // the pin was applied
    bool script_applied_phase = false; // the held slow motion was started
};

}  // namespace topdown::gui
