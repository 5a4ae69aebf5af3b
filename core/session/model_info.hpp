// Builds the ModelInfo the UI shows for a model (architecture, image shape, class means).
#pragma once
#include <memory>
#include <string>

#include "session/snapshot.hpp"

namespace topdown {

// Rows x cols used to draw a visible layer of size D: a square when D is a perfect square, else 1 x D.
void image_shape(int visible_size, int& rows, int& cols);

// Summarises a model for display; `path` may be empty for a model built in memory.
std::shared_ptr<const ModelInfo> build_model_info(std::shared_ptr<const Dbn> model, const std::string& path);

}  // namespace topdown
