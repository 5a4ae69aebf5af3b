#include "generate/temperature.hpp"

#include <cmath>

#include "util/errors.hpp"

namespace topdown {

void TemperatureSchedule::validate() const {
    auto ok = [](float t) { return std::isfinite(t) && t > 0.0f && t <= 100.0f; };
    if (!ok(constant)) throw ArgumentError("temperature must be in (0, 100]");
    for (float t : per_step)
        if (!ok(t)) throw ArgumentError("every temperature of the schedule must be in (0, 100]");
}

}  // namespace topdown
