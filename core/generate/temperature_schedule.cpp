#include "generate/temperature_schedule.hpp"

#include <cmath>
#include <numbers>

#include "util/errors.hpp"

namespace topdown {

ScheduleKind parse_schedule_kind(const std::string& t) {
    if (t == "constant") return ScheduleKind::Constant;
    if (t == "linear") return ScheduleKind::Linear;
    if (t == "cosine") return ScheduleKind::Cosine;
    throw ArgumentError("unknown temperature schedule '" + t + "' (known: constant, linear, cosine)");
}

std::string to_string(ScheduleKind k) {
    switch (k) {
        case ScheduleKind::Constant: return "constant";
        case ScheduleKind::Linear: return "linear";
        case ScheduleKind::Cosine: return "cosine";
    }
    return "constant";
}

float schedule_temperature(const ScheduleSpec& sp, int step, int steps) {
    if (sp.kind == ScheduleKind::Constant || steps <= 1) return sp.t_start;
    const int s = step < 1 ? 1 : (step > steps ? steps : step);
    const double x = double(s - 1) / double(steps - 1);  // 0 at step 1, 1 at step N
    const double a = sp.t_start, b = sp.t_end;
    switch (sp.kind) {
        case ScheduleKind::Constant: return sp.t_start;
        case ScheduleKind::Linear: return static_cast<float>(a + (b - a) * x);
        case ScheduleKind::Cosine: return static_cast<float>(b + (a - b) * (1.0 + std::cos(std::numbers::pi * x)) / 2.0);
    }
    return sp.t_start;
}

TemperatureSchedule make_temperature_schedule(const ScheduleSpec& sp, int steps) {
    if (steps < 1) throw ArgumentError("a temperature schedule needs at least one step");
    auto ok = [](float t) { return std::isfinite(t) && t > 0.0f && t <= 100.0f; };
    if (!ok(sp.t_start) || (sp.kind != ScheduleKind::Constant && !ok(sp.t_end)))
        throw ArgumentError("the schedule's start and end temperatures must lie in (0, 100]");
    TemperatureSchedule t;
    t.constant = sp.t_start;
    if (sp.kind != ScheduleKind::Constant) {
        t.per_step.resize(static_cast<std::size_t>(steps));
        for (int s = 1; s <= steps; ++s) t.per_step[static_cast<std::size_t>(s - 1)] = schedule_temperature(sp, s, steps);
    }
    t.validate();
    return t;
}

}  // namespace topdown
