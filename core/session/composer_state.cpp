#include "session/composer_state.hpp"

#include <algorithm>

#include "session/start_image_params.hpp"

namespace topdown {

SessionParams composer_params(const ComposerState& c) {
    SessionParams p;
    p.bias.method = static_cast<BiasMethod>(std::clamp(c.method, 0, kBiasMethodCount - 1));
    p.bias.class_a = c.class_a;
    p.bias.class_b = c.class_b;
    p.bias.k = c.k;
    p.temperature = c.temperature;
    p.schedule = static_cast<ScheduleKind>(std::clamp(c.schedule, 0, 2));
    p.t_end = c.t_end;
    p.seed = c.seed;
    p.steps = c.steps;
    p.ensemble_size = c.ensemble_size;
    p.sample_index = c.sample_index;
    if (p.bias.method == BiasMethod::Image) set_start_image(p.bias, c.start_image, c.clamp_mask);
    return p;
}

ComposerState composer_from_params(const SessionParams& p) {
    ComposerState c;
    c.method = static_cast<int>(p.bias.method);
    c.class_a = p.bias.class_a;
    c.class_b = p.bias.class_b;
    c.k = p.bias.k;
    c.temperature = p.temperature;
    c.schedule = static_cast<int>(p.schedule);
    c.t_end = p.t_end;
    c.seed = p.seed;
    c.steps = p.steps;
    c.ensemble_size = p.ensemble_size;
    c.sample_index = p.sample_index;
    c.start_image = start_image_pixels(p.bias);
    c.clamp_mask = clamp_mask_pixels(p.bias);
    return c;
}

bool same_session_params(const SessionParams& a, const SessionParams& b, int model_k) {
    const auto& x = a.bias;
    const auto& y = b.bias;
    if (x.method != y.method) return false;
    const BiasMethodTraits& t = traits(x.method);
    const bool classes = !t.uses_classes || (x.class_a == y.class_a && (!t.is_pair || x.class_b == y.class_b));
    const int kx = x.k == 0 ? model_k : x.k, ky = y.k == 0 ? model_k : y.k;
    return classes && (!t.uses_k || kx == ky) && a.seed == b.seed && a.temperature == b.temperature &&
           a.schedule == b.schedule && (a.schedule == ScheduleKind::Constant || a.t_end == b.t_end) &&
           a.ensemble_size == b.ensemble_size && (x.method != BiasMethod::Sample || a.sample_index == b.sample_index) &&
           (x.method != BiasMethod::Image || same_start_image(x, y));
}

PlayAction play_action(bool playing, bool composer_differs) {
    if (playing) return PlayAction::Pause;
    return composer_differs ? PlayAction::RestartWithComposer : PlayAction::Resume;
}

const std::vector<Preset>& paper_presets() {
    static const std::vector<Preset> presets = [] {
        auto make = [](std::string id, BiasMethod m, int a, int b) {
            Preset p;
            p.id = std::move(id);
            p.state.method = static_cast<int>(m);
            p.state.class_a = a;
            p.state.class_b = b;
            p.state.k = 0;
            p.state.temperature = 1.0f;
            p.state.seed = 7;
            p.state.steps = 100;
            p.state.ensemble_size = 100;
            p.state.sample_index = 0;
            return p;
        };
        return std::vector<Preset>{make("intersection-2-9", BiasMethod::Intersection, 2, 9),
                                   make("double-0-3", BiasMethod::DoubleLabel, 0, 3),
                                   make("label-8", BiasMethod::Label, 8, 8)};
    }();
    return presets;
}

const Preset* find_preset(const std::string& id) {
    for (const auto& p : paper_presets())
        if (p.id == id) return &p;
    return nullptr;
}

std::string preset_label(const Preset& p, const std::vector<std::string>& names) {
    auto name = [&](int i) {
        return i >= 0 && static_cast<std::size_t>(i) < names.size() ? names[static_cast<std::size_t>(i)] : std::to_string(i);
    };
    const auto m = static_cast<BiasMethod>(p.state.method);
    if (m == BiasMethod::Intersection) return name(p.state.class_a) + " \xE2\x88\xA9 " + name(p.state.class_b);
    if (m == BiasMethod::DoubleLabel) return name(p.state.class_a) + " + " + name(p.state.class_b);
    return "label " + name(p.state.class_a);
}

bool preset_usable(const Preset& p, int num_classes) {
    return p.state.class_a < num_classes && p.state.class_b < num_classes;
}

}  // namespace topdown
