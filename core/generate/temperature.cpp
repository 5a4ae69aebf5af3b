#include "generate/temperature.hpp"

#include <cmath>

#include "util/errors.hpp"

namespace topdown {

void TemperatureSchedule::validate() const {
    auto ok = [](float t) { return std::isfinite(t) && t > 0.0f && t <= 100.0f; };
    if (!ok(constant)) throw ArgumentError("temperature must be in (0, 100]");
    for (float t : per_step)
        if (!ok(t)) throw ArgumentError("every temperature of the schedule must be in (0, 100]");
    if (!tempering) return;
    const TemperingSpec& p = *tempering;
    if (!per_step.empty()) throw ArgumentError("tempering runs at a constant temperature: choose the constant schedule");
    if (p.replicas < 2 || p.replicas > 16) throw ArgumentError("tempering needs 2 to 16 replicas");
    if (!ok(p.t_max) || !(p.t_max > constant))
        throw ArgumentError("the hottest tempering temperature must lie above the chain's temperature and be at most 100");
    if (p.swap_every < 1) throw ArgumentError("tempering swaps every S steps needs S >= 1");
}

}  // namespace topdown
