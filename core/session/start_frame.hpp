// Step 0 of a live chain: the picture of H⁰ before any sampling (docs/METHODS.md §13), shown as the chain's
// start in the visible panel and the filmstrip. Computed without random numbers, so recording it changes no step.
#pragma once
#include <vector>

#include "math/matrix.hpp"
#include "model/dbn.hpp"
#include "session/snapshot.hpp"

namespace topdown {

// Mean-field top-down pass from `top` (1 x n_top): layer l-1 = down_l(layer l) as probabilities, no sampling,
// at `temperature`. Element l of the result is layer l (0 = visible probabilities, L = `top` itself).
std::vector<Matrix> mean_field_top_down(const Dbn& model, const Vector& top, float temperature = 1.0f);

// The step-0 frame: visible = the mean-field pass's visible layer; hidden bits = each layer's probabilities
// above 0.5 (the top layer is H⁰); active fractions = mean probabilities; no energies; verdict unknown.
FocusedFrame start_frame(const Dbn& model, const Vector& top, float temperature = 1.0f);

}  // namespace topdown
