// A vectorised logistic sigmoid whose result for an element does not depend on its position in the
// array (the tail goes through the same 8-lane code), so rows give identical bits wherever they sit.
#pragma once
#include <cstddef>

namespace topdown {

// data[j] = σ(data[j] * scale) for j in [0, n). Max relative error about 2e-7 (Cephes-style expf).
void fast_sigmoid(float* data, std::size_t n, float scale = 1.0f);

}  // namespace topdown
