// The teaching panels (issue 16 items 2 and 4): the start-image canvas and the lesson player, and the helpers
// the visible panel, the menus and the scripted mode call.
#pragma once
#include <string>
#include <vector>

#include "ui_context.hpp"

namespace topdown::gui {

void draw_canvas_panel(UiContext& ctx);   // draw / erase / clamp the start image; "Start from this image"
void draw_lesson_panel(UiContext& ctx);   // the current lesson step, Back / Next (keys N / P)

// Outlines the clamped pixels (`mask`, rows x cols, nonzero = clamped) of an image drawn in [min, max).
void draw_clamp_outline(ImDrawList* dl, ImVec2 min, ImVec2 max, const std::vector<float>& mask, int rows, int cols);
// The running session's clamp outline over the visible panel's image (image starts with a mask only).
void draw_session_clamp_outline(const UiContext& ctx, ImVec2 min, ImVec2 max);
// Loads an image file onto the canvas / as the clamp mask (resized to rows x cols). False with the reason in
// the canvas's message.
bool load_canvas_image(UiContext& ctx, const std::string& path, int rows, int cols);
bool load_canvas_mask(UiContext& ctx, const std::string& path, int rows, int cols);
// Sizes the composer's start image and mask to the model (blank / no clamp when they do not fit).
void fit_canvas_to_model(UiContext& ctx, int rows, int cols);
// Restarts with the composer's image as the start (BiasMethod::Image).
void start_from_canvas(UiContext& ctx);

// Opens a lesson file in the lesson panel at `step` (0-based; the composer settings of the steps before it are
// applied first). Errors go to the panel's message and the error dialog.
void open_lesson(UiContext& ctx, const std::string& path, int step = 0);
// Shows step `index` of the open lesson and applies its settings (model, composer, speed, panel).
void show_lesson_step(UiContext& ctx, int index);
// Once per frame: finishes a step that waits for its model to load. Also the lesson keys (N / P).
void update_lessons(UiContext& ctx);
// The "Lessons" submenu of Help: the shipped lessons.
void lessons_menu(UiContext& ctx);

}  // namespace topdown::gui
