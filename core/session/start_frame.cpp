#include "session/start_frame.hpp"

#include "util/errors.hpp"

namespace topdown {

std::vector<Matrix> mean_field_top_down(const Dbn& model, const Vector& top, float temperature) {
    const int L = model.depth();
    if (L < 1) throw ArgumentError("the model has no layers");
    if (top.cols() != model.top_size()) throw ArgumentError("the start state does not match the model's top layer");
    std::vector<Matrix> layers(static_cast<std::size_t>(L + 1));
    layers[static_cast<std::size_t>(L)] = top;
    for (int l = L; l >= 1; --l)
        model.layers[static_cast<std::size_t>(l - 1)].down(layers[static_cast<std::size_t>(l)],
                                                           layers[static_cast<std::size_t>(l - 1)], temperature);
    return layers;
}

FocusedFrame start_frame(const Dbn& model, const Vector& top, float temperature) {
    const std::vector<Matrix> layers = mean_field_top_down(model, top, temperature);
    FocusedFrame f;
    f.step = 0;
    f.visible.assign(layers[0].data(), layers[0].data() + layers[0].size());
    for (std::size_t l = 1; l < layers.size(); ++l) {
        const Matrix& h = layers[l];
        std::vector<std::uint64_t> bits(static_cast<std::size_t>((h.size() + 63) / 64), 0);
        for (Eigen::Index j = 0; j < h.size(); ++j)
            if (h.data()[j] > 0.5f) bits[static_cast<std::size_t>(j) / 64] |= std::uint64_t{1} << (j % 64);
        f.hidden_bits.push_back(std::move(bits));
        f.active_fraction.push_back(h.size() > 0 ? h.mean() : 0.0f);
    }
    return f;
}

}  // namespace topdown
