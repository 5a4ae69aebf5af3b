#include "analyze/receptive_field.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "util/errors.hpp"

namespace topdown {

std::vector<float> receptive_field(const Dbn& model, int layer, int unit) {
    if (layer < 1 || layer > model.depth())
        throw ArgumentError("receptive field: layer " + std::to_string(layer) + " is not a hidden layer (1.." +
                            std::to_string(model.depth()) + ")");
    const RbmLayer& top = model.layers[static_cast<std::size_t>(layer - 1)];
    if (unit < 0 || unit >= top.n_upper())
        throw ArgumentError("receptive field: layer " + std::to_string(layer) + " has units 0.." +
                            std::to_string(top.n_upper() - 1) + ", not " + std::to_string(unit));
    // W1·(W2·(…·(Wl e_j))): one matrix-vector product per layer below, instead of the whole product.
    Eigen::VectorXf v = top.W.col(unit);
    for (int m = layer - 1; m >= 1; --m) v = model.layers[static_cast<std::size_t>(m - 1)].W * v;
    return std::vector<float>(v.data(), v.data() + v.size());
}

float field_scale(const std::vector<float>& field) {
    float s = 0.0f;
    for (float x : field) s = std::max(s, std::abs(x));
    return s;
}

ReceptiveFieldCache::ReceptiveFieldCache(std::shared_ptr<const Dbn> model, std::size_t capacity)
    : model_(std::move(model)), capacity_(std::max<std::size_t>(capacity, 1)) {
    if (!model_) throw ArgumentError("receptive fields: no model");
}

const std::vector<float>& ReceptiveFieldCache::field(int layer, int unit) {
    const auto key = std::make_pair(layer, unit);
    if (auto it = fields_.find(key); it != fields_.end()) return it->second;
    std::vector<float> f = receptive_field(*model_, layer, unit);  // throws before the cache changes
    if (fields_.size() >= capacity_) fields_.clear();
    return fields_.emplace(key, std::move(f)).first->second;
}

}  // namespace topdown
