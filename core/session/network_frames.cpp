#include "session/network_frames.hpp"

namespace topdown {

std::vector<std::vector<float>> frame_layers(const FocusedFrame& f, const std::vector<int>& sizes) {
    std::vector<std::vector<float>> layers;
    if (sizes.empty()) return layers;
    std::vector<float> v = f.visible;
    v.resize(static_cast<std::size_t>(sizes[0]), 0.0f);
    layers.push_back(std::move(v));
    for (std::size_t l = 1; l < sizes.size(); ++l) {
        std::vector<float> h(static_cast<std::size_t>(sizes[l]), 0.0f);
        const bool kept = l <= f.hidden_bits.size() &&
                          f.hidden_bits[l - 1].size() * 64 >= static_cast<std::size_t>(sizes[l]);
        for (int j = 0; kept && j < sizes[l]; ++j) h[static_cast<std::size_t>(j)] = f.bit(static_cast<int>(l), j) ? 1.0f : 0.0f;
        layers.push_back(std::move(h));
    }
    return layers;
}

std::vector<UnitSample> unit_history(const Snapshot& s, int layer, int unit, std::size_t max_steps) {
    std::vector<UnitSample> out;
    if (!s.model || layer < 0 || layer >= static_cast<int>(s.model->sizes.size()) || unit < 0 ||
        unit >= s.model->sizes[static_cast<std::size_t>(layer)])
        return out;
    const std::size_t n = s.recent.size(), first = n > max_steps ? n - max_steps : 0;
    for (std::size_t i = first; i < n; ++i) {
        const FocusedFrame& f = *s.recent[i];
        float v = 0;
        if (layer == 0) {
            if (static_cast<std::size_t>(unit) >= f.visible.size()) continue;
            v = f.visible[static_cast<std::size_t>(unit)];
        } else {
            if (static_cast<std::size_t>(layer) > f.hidden_bits.size()) continue;
            v = f.bit(layer, unit) ? 1.0f : 0.0f;
        }
        out.push_back({f.step, v});
    }
    return out;
}

std::optional<StepStart> focused_step_start(const Snapshot& s, int step) {
    if (!s.model || step < 1 || s.model->sizes.size() < 2) return std::nullopt;
    const std::vector<int>& sizes = s.model->sizes;
    StepStart st;
    st.step = step;
    if (step == 1) {
        if (!s.start || s.start->initial_top.size() != static_cast<std::size_t>(sizes.back())) return std::nullopt;
        for (int n : sizes) st.layers.emplace_back(static_cast<std::size_t>(n), 0.0f);
        st.layers.back() = s.start->initial_top;
        st.rng_position = s.start->rng_position;
        return st;
    }
    for (const auto& f : s.recent)
        if (f && f->step == step - 1) {
            st.layers = frame_layers(*f, sizes);
            st.rng_position = f->rng_position;
            return st;
        }
    return std::nullopt;
}

}  // namespace topdown
