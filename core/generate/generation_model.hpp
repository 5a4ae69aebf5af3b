// A model prepared for generation: each layer's weights in both orientations, so that bottom-up (x W)
// and top-down (h Wᵀ) passes both stream contiguous rows through the fixed-order kernel.
#pragma once
#include <memory>
#include <vector>

#include "model/dbn.hpp"

namespace topdown {

struct GenerationLayer {
    Matrix W_up;    // n_lower x n_upper (= W)
    Matrix W_down;  // n_upper x n_lower (= Wᵀ)
    Vector a, b;
};

struct GenerationModel {
    std::shared_ptr<const Dbn> model;
    std::vector<GenerationLayer> layers;
    // Sizes from the visible layer up.
    std::vector<int> sizes;
    int depth() const { return static_cast<int>(layers.size()); }
    int top_size() const { return sizes.back(); }
    int visible_size() const { return sizes.front(); }
};

// Prepares a model for generation (copies and transposes the weights once).
std::shared_ptr<const GenerationModel> prepare_generation_model(std::shared_ptr<const Dbn> model);

}  // namespace topdown
