// The temperature of a live session's chains (docs/METHODS.md §6.2.1, §6.5): the composer's schedule over the
// session's steps, and for method tempering the default ladder of replicas.
#pragma once
#include "generate/temperature.hpp"
#include "session/session_params.hpp"

namespace topdown {

// The schedule of the session's chains (constant T, or linear / cosine from T to t_end over `steps`; the
// tempering ladder for method tempering). Throws ArgumentError for temperatures outside (0, 100], or a
// schedule other than constant with tempering.
TemperatureSchedule session_temperature(const SessionParams& params);

}  // namespace topdown
