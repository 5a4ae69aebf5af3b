// Builds the ModelInfo the UI shows for a model (architecture, image shape, class means).
#pragma once
#include <memory>
#include <string>

#include "generate/generation_model.hpp"
#include "session/snapshot.hpp"
#include "util/task.hpp"

namespace topdown {

// Rows x cols used to draw a visible layer of size D: a square when D is a perfect square, else 1 x D.
void image_shape(int visible_size, int& rows, int& cols);

// Label-biasing chains per class and steps behind the PCA reference trajectories the app draws.
inline constexpr int kReferenceChains = 20, kReferenceSteps = 40;

// Summarises a model for display; `path` may be empty for a model built in memory. With `generation`,
// also runs the label-biasing reference trajectories and projects them on the model's PCA basis, fitting
// a 2-component basis on them when the model stores none (SPEC §8).
// `task` (optional) cancels the reference runs (CancelledError).
std::shared_ptr<const ModelInfo> build_model_info(std::shared_ptr<const Dbn> model, const std::string& path,
                                                  std::shared_ptr<const GenerationModel> generation = nullptr,
                                                  TaskState* task = nullptr);

}  // namespace topdown
