// Label-biasing reference trajectories (docs/METHODS.md §11.2): for each class, the mean over chains of every hidden
// layer's state at every step. They are what the PCA basis is fitted on and what the app draws, faintly,
// as the map of where each class lives.
#pragma once
#include <cstdint>
#include <memory>

#include "generate/generation_model.hpp"
#include "math/matrix.hpp"
#include "util/task.hpp"

namespace topdown {

// Rows c * steps + t: the mean over `chains` label-biasing chains of class c of all hidden layers (layer 1
// first, concatenated) at step t + 1. Needs the model's label-biasing matrix. Cancellable through `task`.
Matrix label_average_trajectories(const std::shared_ptr<const GenerationModel>& model, int chains, int steps,
                                  std::uint64_t seed, TaskState* task = nullptr);

}  // namespace topdown
