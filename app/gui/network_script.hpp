// The network view's command-line options (--network, --network-pin, --network-phase, --panel network) and what
// a screenshot's sidecar records of it, for the GUI tests (issue 16 item 3).
#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "app_options.hpp"
#include "ui_context.hpp"

namespace topdown::gui {

// Opens the network view at start when the options ask for it, with the unit of --network-pin to pin once the
// model is in.
void open_network_view(const AppOptions& o, UiContext& ctx);
// Scripted runs, every frame: "" or why --network-pin names no unit of the loaded model; once the scenario
// stands paused at --steps, starts the slow motion held at --network-phase.
std::string apply_network_script(const AppOptions& o, UiContext& ctx);
// The network view as drawn this frame: pinned / shown unit, its field's shape and scale, the grids and their
// values, the slow motion's sub-step, the caption.
void add_network_content(const UiContext& ctx, nlohmann::json& j);

}  // namespace topdown::gui
