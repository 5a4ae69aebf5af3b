// The panels of the app, one file each. Every panel draws its own window from the frame's snapshot and
// sends commands through the UiContext; none of them runs simulation code.
#pragma once
#include "panels/panel_table.hpp"
#include "plot/plot_widgets.hpp"
#include "session/panel_specs.hpp"
#include "ui_context.hpp"

namespace topdown::gui {

// Opens the window of panel `name` (an id of core/session/panel_specs.hpp, which gives its title) at its
// default place (forced when the layout is reset) and records its rectangle. Returns ImGui::Begin's result;
// always call ImGui::End().
bool begin_panel(UiContext& ctx, const char* name, ImGuiWindowFlags extra_flags = 0);
// A small "(?)" marker that shows `text` as a tooltip and opens the guide at `topic` when clicked.
void help_marker(UiContext& ctx, const char* topic, const char* text);
// Text in the dimmed colour.
void dim_text(const char* fmt, ...) IM_FMTARGS(1);

void draw_model_panel(UiContext& ctx);        // model list, open file, model facts
void draw_biasing_panel(UiContext& ctx);      // biasing composer, presets, Start/Restart
void draw_transport_panel(UiContext& ctx);    // play/pause/step/back/reset, speed, run to N, step counter
void draw_visible_panel(UiContext& ctx);      // the visible layer image and the filmstrip
void draw_hidden_panel(UiContext& ctx);       // hidden layer rasters and time x units rasters
void draw_energy_panel(UiContext& ctx);       // energy curves: focused chain and ensemble mean ± SEM
void draw_timeline_panel(UiContext& ctx);     // state timeline of the focused chain
void draw_analysis_panel(UiContext& ctx);     // tabs: transition matrix, PCA, metrics
void draw_transition_tab(UiContext& ctx);     // (C+1)x(C+1) transition heatmap
void draw_pca_tab(UiContext& ctx);            // PCA trajectory
void draw_metrics_tab(UiContext& ctx);        // visited states, transitions
void draw_guide_panel(UiContext& ctx);        // plain-language guide and presets
void draw_export_panel(UiContext& ctx);       // PNG / CSV / session exports
void draw_replay_panel(UiContext& ctx);       // continual learning with generative replay (background task)
void draw_network_panel(UiContext& ctx);      // look inside: layers as unit grids, receptive fields, slow motion
// Starts the replay experiment with the panel's fields on the current model (errors go to the dialog).
void start_replay(UiContext& ctx);
void draw_error_dialog(UiContext& ctx);       // modal for bad files and failed restarts
void draw_present_analysis_panel(UiContext& ctx);  // presentation mode: one switchable view (energy / matrix / PCA)
void draw_compact_composer_panel(UiContext& ctx);  // presentation mode: method, classes, presets, Play
void draw_start_overlay(UiContext& ctx);      // "getting started" (first run): pick, compose, play
void draw_compare_panel(UiContext& ctx);      // compare mode: both sides' model and biasing, swap, same settings
void draw_energy_plots(UiContext& ctx);       // the energy panel's content (also the presentation view)
void draw_state_legend(UiContext& ctx);       // every class + non-class in its state colour (wraps)

// Folders searched for models: assets/models of the source tree and next to the binary, the user models folder.
std::vector<std::string> model_folders();
// The shipped model `file` (e.g. "idbn_mnist.tdm") in the model folders, or "".
std::string shipped_model_path(const std::string& file);

// Applies one of the papers' presets ("intersection-2-9", "double-0-3", "label-8"): sets every composer field
// (method, classes, k, T, seed, steps, ensemble) and restarts.
void apply_preset(UiContext& ctx, const std::string& preset);
// The preset's button text with the loaded model's class names (e.g. "Pullover ∩ Ankle boot" on Fashion-MNIST).
std::string preset_button_label(const UiContext& ctx, const std::string& preset);
// Play / Space: runs what the composer shows (restarts with it when it differs from the running chains,
// else resumes); pauses while playing.
void toggle_play(UiContext& ctx);
// True when the composer's settings differ from the running chains' (Play would restart with them).
bool composer_differs(const UiContext& ctx);

}  // namespace topdown::gui
