// Temperature of a generation chain: a constant or a per-step schedule (docs/METHODS.md §6.2).
#pragma once
#include <optional>
#include <vector>

#include "generate/tempering_spec.hpp"

namespace topdown {

struct TemperatureSchedule {
    float constant = 1.0f;
    std::vector<float> per_step;  // per_step[s-1] is the temperature of step s; the last value repeats
    std::optional<TemperingSpec> tempering;  // parallel tempering: replicas up to t_max beside the chain (§6.5)

    // Temperature of step `step` (1-based).
    float at(int step) const {
        if (per_step.empty()) return constant;
        const std::size_t i = static_cast<std::size_t>(step < 1 ? 0 : step - 1);
        return i < per_step.size() ? per_step[i] : per_step.back();
    }
    // Throws ArgumentError unless every temperature is finite and in (0, 100] (and a tempering ladder is
    // valid: 2..16 replicas, constant T < t_max <= 100, swap_every >= 1).
    void validate() const;
};

}  // namespace topdown
