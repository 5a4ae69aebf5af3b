// Builds the ModelInfo the UI shows for a model (architecture, image shape, class means), and loads a model
// file for a live session in cancellable stages.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "generate/generation_model.hpp"
#include "session/snapshot.hpp"
#include "util/task.hpp"

namespace topdown {

// Label-biasing chains per class and steps behind the PCA reference trajectories the app draws.
inline constexpr int kReferenceChains = 20, kReferenceSteps = 40;

// The stages of loading a model for a session, in order. Cancellation is checked before each one.
enum class LoadStage { Read, Prepare, ClassMeans, Classifier, Trajectories, Pca };

// Called when a stage starts (after the cancellation check); for progress display and tests.
using LoadStageCallback = std::function<void(LoadStage)>;

// Summarises a model for display; `path` may be empty for a model built in memory. With `generation`,
// also runs the label-biasing reference trajectories and projects them on the model's PCA basis, fitting
// a 2-component basis on them when the model stores none (docs/METHODS.md §11.4).
// `task` (optional) is checked before every stage and inside the reference runs (CancelledError).
std::shared_ptr<const ModelInfo> build_model_info(std::shared_ptr<const Dbn> model, const std::string& path,
                                                  std::shared_ptr<const GenerationModel> generation = nullptr,
                                                  TaskState* task = nullptr, const LoadStageCallback& on_stage = {});

// A model ready for a session: its display info and its generation weights.
struct SessionModel {
    std::shared_ptr<const ModelInfo> info;
    std::shared_ptr<const GenerationModel> model;
};

// Reads `path` and builds everything a session needs (read, prepare, class means, classifier, reference
// trajectories, PCA), checking `task` before every stage. Throws the file's typed errors, or CancelledError.
SessionModel load_session_model(const std::string& path, TaskState* task = nullptr,
                                const LoadStageCallback& on_stage = {});

}  // namespace topdown
