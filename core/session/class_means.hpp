// Class "means" for thumbnails: one deterministic top-down mean-field pass from each class's label biasing.
#pragma once
#include "math/matrix.hpp"
#include "model/dbn.hpp"

namespace topdown {

// C x D visible probabilities: H = e_c M propagated down with probabilities (no sampling) through every
// layer. Empty when the model has no label-biasing matrix.
Matrix class_mean_images(const Dbn& model);

}  // namespace topdown
