// Clamping part of the visible layer (image completion, docs/METHODS.md §15): the masked pixels keep the
// start image's values at every step of a chain while the others evolve.
#pragma once
#include <vector>

#include "math/matrix.hpp"

namespace topdown {

struct BiasSpec;

// The clamped pixels of a visible layer and the values they keep.
struct VisibleClamp {
    std::vector<int> pixels;    // indices into the visible layer, ascending
    std::vector<float> values;  // the value of each clamped pixel (same order)

    // True when no pixel is clamped.
    bool empty() const { return pixels.empty(); }
    // Number of clamped pixels.
    int size() const { return static_cast<int>(pixels.size()); }
    // Writes the clamped values into one visible row (D floats; D larger than every clamped index).
    void apply(float* visible) const;
};

// The clamp of `image` (1 x D, values in [0, 1]) under `mask` (1 x D, nonzero = clamped). An empty mask gives
// no clamp. Throws ArgumentError when the sizes differ or a value is outside [0, 1] / not finite.
VisibleClamp make_visible_clamp(const Matrix& image, const Matrix& mask);

// The clamp a biasing spec asks for: the image start's mask (BiasMethod::Image), else none.
VisibleClamp visible_clamp(const BiasSpec& spec);

// Mask helpers for the quick buttons and scripted runs: the left / top half of a rows x cols image (1 x D,
// 1 = clamped; for an odd side the middle column / row is not clamped).
Matrix left_half_mask(int rows, int cols);
Matrix top_half_mask(int rows, int cols);

}  // namespace topdown
