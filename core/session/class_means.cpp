#include "session/class_means.hpp"

namespace topdown {

Matrix class_mean_images(const Dbn& model) {
    if (model.label_biasing.size() == 0 || model.layers.empty() || model.label_biasing.cols() != model.top_size())
        return {};
    Matrix h = model.label_biasing;  // row c = e_c M
    Matrix below;
    for (int l = model.depth(); l >= 1; --l) {
        model.layers[static_cast<std::size_t>(l - 1)].down(h, below);
        h.swap(below);
    }
    return h;
}

}  // namespace topdown
