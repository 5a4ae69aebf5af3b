// The teaching features in the scripted mode and the screenshot sidecar (issue 16 items 2 and 4):
// --start-image FILE [--clamp-mask FILE] and --lesson FILE [--lesson-step N].
#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "app_options.hpp"
#include "ui_context.hpp"

namespace topdown::gui {

// Once the model is loaded, before the scenario starts: puts an image start (and its clamp mask) in the composer
// and opens the lesson at its step. False with `error` when a file cannot be used.
bool apply_teach_options(const AppOptions& options, UiContext& ctx, std::string& error);

// Adds to the sidecar what the teaching panels drew: the running image start (source image, clamp mask, the
// visible panel's current image) and the open lesson (title, step, step title).
void add_teach_content(const UiContext& ctx, nlohmann::json& sidecar);

}  // namespace topdown::gui
