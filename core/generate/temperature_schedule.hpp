// Temperature schedules over the steps of a chain: constant, linear and cosine annealing
// (docs/METHODS.md §6.2.1). They build the per-step list of a TemperatureSchedule.
#pragma once
#include <string>

#include "generate/temperature.hpp"

namespace topdown {

enum class ScheduleKind { Constant, Linear, Cosine };

// A schedule from T_start (step 1) to T_end (step N); a constant schedule uses T_start only.
struct ScheduleSpec {
    ScheduleKind kind = ScheduleKind::Constant;
    float t_start = 1.0f;
    float t_end = 1.0f;
};

// "constant", "linear", "cosine" <-> ScheduleKind; throws ArgumentError.
ScheduleKind parse_schedule_kind(const std::string& text);
// The schedule's command-line name.
std::string to_string(ScheduleKind kind);

// Temperature of step s (1-based) of an N-step schedule (N >= 1): constant T_start; linear
// T_start + (T_end − T_start)·(s−1)/(N−1); cosine T_end + (T_start − T_end)·(1 + cos(π(s−1)/(N−1)))/2
// (N = 1: T_start). Steps beyond N keep T_end. Computed in double, rounded to float once.
float schedule_temperature(const ScheduleSpec& spec, int step, int steps);

// The TemperatureSchedule of an N-step chain: a constant one (no per-step list, so a constant schedule is the
// plain constant temperature) or the per-step list of the schedule. Throws ArgumentError on T outside
// (0, 100] or N < 1.
TemperatureSchedule make_temperature_schedule(const ScheduleSpec& spec, int steps);

}  // namespace topdown
