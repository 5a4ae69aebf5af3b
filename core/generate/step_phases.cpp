#include "generate/step_phases.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "math/fast_sigmoid.hpp"
#include "math/fixed_order_gemm.hpp"
#include "math/random.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
// Checks the layers entering the step against the model's sizes.
void check_start(const GenerationModel& model, const StepStart& start, float temperature) {
    if (start.step < 1) throw ArgumentError("step_phases: steps count from 1");
    if (!(temperature > 0.0f && temperature <= 100.0f && std::isfinite(temperature)))
        throw ArgumentError("step_phases: the temperature must lie in (0, 100]");
    if (start.layers.size() != model.sizes.size())
        throw ArgumentError("step_phases: the state has " + std::to_string(start.layers.size()) +
                            " layers, the model " + std::to_string(model.sizes.size()));
    for (std::size_t l = 0; l < start.layers.size(); ++l)
        if (static_cast<int>(start.layers[l].size()) != model.sizes[l])
            throw ArgumentError("step_phases: layer " + std::to_string(l) + " has " +
                                std::to_string(start.layers[l].size()) + " units, the model " +
                                std::to_string(model.sizes[l]));
}
}  // namespace

std::string phase_caption(PhasePass pass, int layer, int from_layer, int depth) {
    // Built with snprintf: g++ 12 warns falsely (-Wrestrict) on chains of std::string concatenations.
    char src[48], buf[256];
    if (pass == PhasePass::BottomUp) {
        if (from_layer == 0) std::snprintf(src, sizeof src, "the visible image");
        else std::snprintf(src, sizeof src, "hidden layer %d", from_layer);
        char from[16];
        if (from_layer == 0) std::snprintf(from, sizeof from, "v");
        else std::snprintf(from, sizeof from, "h%d", from_layer);
        std::snprintf(buf, sizeof buf,
                      "bottom-up: hidden layer %d is sampled from %s, h%d ~ Bernoulli(\xCF\x83((%s\xC2\xB7W%d + b%d)/T))",
                      layer, src, layer, from, layer, layer);
        return buf;
    }
    if (from_layer == depth) std::snprintf(src, sizeof src, "the top layer (h%d)", from_layer);
    else std::snprintf(src, sizeof src, "hidden layer %d", from_layer);
    if (layer == 0)
        std::snprintf(buf, sizeof buf,
                      "top-down: the visible layer takes the probabilities \xCF\x83((h1\xC2\xB7W1^T + a1)/T) from %s: "
                      "the new image",
                      src);
    else
        std::snprintf(buf, sizeof buf,
                      "top-down: hidden layer %d is sampled from %s, h%d ~ Bernoulli(\xCF\x83((h%d\xC2\xB7W%d^T + a%d)/T))",
                      layer, src, layer, from_layer, from_layer, from_layer);
    return buf;
}

std::vector<StepPhase> step_phases(const GenerationModel& model, const StepStart& start, std::uint64_t seed,
                                   std::uint64_t chain_index, float temperature) {
    check_start(model, start, temperature);
    const int L = model.depth();
    const float scale = 1.0f / temperature;  // as ChainBatch::step
    CounterRng rng(seed, chain_index);
    rng.seek(start.rng_position);
    std::vector<std::vector<float>> states = start.layers;
    std::vector<StepPhase> phases;
    auto add = [&](PhasePass pass, int layer, int from, std::vector<float> p) {
        StepPhase ph;
        ph.pass = pass, ph.layer = layer, ph.from_layer = from;
        ph.probabilities = std::move(p);
        ph.states = states;
        ph.caption = phase_caption(pass, layer, from, L);
        phases.push_back(std::move(ph));
    };
    if (start.step > 1) {  // bottom-up from the visible state of the previous step, each sample feeding the next
        for (int l = 1; l <= L; ++l) {
            const GenerationLayer& g = model.layers[static_cast<std::size_t>(l - 1)];
            const std::vector<float>& below = states[static_cast<std::size_t>(l - 1)];
            std::vector<float> z(static_cast<std::size_t>(model.sizes[static_cast<std::size_t>(l)]));
            fixed_order_affine(below.data(), 1, below.size(), below.size(), g.W_up.data(), z.size(), g.b.data(),
                               z.data(), z.size());
            fast_sigmoid(z.data(), z.size(), scale);
            rng.bernoulli(z.data(), states[static_cast<std::size_t>(l)].data(), z.size());
            add(PhasePass::BottomUp, l, l - 1, std::move(z));
        }
    }
    for (int l = L; l >= 1; --l) {  // top-down from the top state
        const GenerationLayer& g = model.layers[static_cast<std::size_t>(l - 1)];
        const std::vector<float>& upper = states[static_cast<std::size_t>(l)];
        std::vector<float> p(static_cast<std::size_t>(model.sizes[static_cast<std::size_t>(l - 1)]));
        fixed_order_affine(upper.data(), 1, upper.size(), upper.size(), g.W_down.data(), p.size(), g.a.data(),
                           p.data(), p.size());
        fast_sigmoid(p.data(), p.size(), scale);
        std::vector<float>& lower = states[static_cast<std::size_t>(l - 1)];
        if (l - 1 >= 1) rng.bernoulli(p.data(), lower.data(), p.size());  // hidden layers are sampled
        else lower = p;                                                   // the visible layer keeps p
        add(PhasePass::TopDown, l - 1, l, std::move(p));
    }
    return phases;
}

}  // namespace topdown
