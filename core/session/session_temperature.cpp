#include "session/session_temperature.hpp"

#include "generate/temperature_schedule.hpp"

namespace topdown {

TemperatureSchedule session_temperature(const SessionParams& p) {
    TemperatureSchedule t = make_temperature_schedule({p.schedule, p.temperature, p.t_end}, p.steps);
    if (p.bias.method == BiasMethod::Tempering) t.tempering = TemperingSpec{};
    t.validate();
    return t;
}

}  // namespace topdown
