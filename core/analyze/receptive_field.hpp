// Receptive fields of hidden units (docs/METHODS.md §17.1): the weights of unit j of layer l to the visible
// layer, composed linearly through the layers below, i.e. column j of W1·W2·…·Wl (D values, the visible
// layer's shape). Layer 1 gives the weight column itself. A linear picture: biases and sigmoids are left out.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "model/dbn.hpp"

namespace topdown {

// Column `unit` of W1·W2·…·W_layer (D values) for hidden layer `layer` (1..L). Throws ArgumentError when
// the layer or unit is out of range.
std::vector<float> receptive_field(const Dbn& model, int layer, int unit);

// The largest |value| of a field (0 for an empty or all-zero field): the scale of its diverging colour map.
float field_scale(const std::vector<float>& field);

// The receptive fields of one model, computed on first use and kept (at most `capacity` fields; the cache is
// emptied when it is full). Not thread-safe: one cache per thread that uses it.
class ReceptiveFieldCache {
public:
    explicit ReceptiveFieldCache(std::shared_ptr<const Dbn> model, std::size_t capacity = 4096);
    // The field of unit `unit` of hidden layer `layer` (see receptive_field).
    const std::vector<float>& field(int layer, int unit);
    // The model the fields belong to.
    const std::shared_ptr<const Dbn>& model() const { return model_; }
    // Number of fields kept.
    std::size_t size() const { return fields_.size(); }

private:
    std::shared_ptr<const Dbn> model_;
    std::size_t capacity_;
    std::map<std::pair<int, int>, std::vector<float>> fields_;
};

}  // namespace topdown
