#include "session/session_params.hpp"

#include <cstdio>
#include <cstring>

#include "session/start_image_params.hpp"

namespace topdown {

std::string describe(const SessionParams& p) {
    const auto& b = p.bias;
    std::string s = to_string(b.method);
    switch (b.method) {
        case BiasMethod::Label:
        case BiasMethod::Tempering: s += std::string(" ") + std::to_string(b.class_a); break;
        case BiasMethod::DoubleLabel:
        case BiasMethod::Intersection:
            s += std::string(" {") + std::to_string(b.class_a) + std::string(", ") + std::to_string(b.class_b) + "}";
            break;
        case BiasMethod::Sample: s += std::string(" image ") + std::to_string(p.sample_index); break;
        case BiasMethod::Random: break;
        case BiasMethod::Image: s += start_image_summary(b); break;
    }
    s += b.k == 0 ? std::string(", model k") : std::string(", k = ") + std::to_string(b.k);
    char tail[80];
    std::snprintf(tail, sizeof tail, ", seed %llu, T = %g", static_cast<unsigned long long>(p.seed),
                  static_cast<double>(p.temperature));
    if (p.schedule != ScheduleKind::Constant) {
        std::snprintf(tail + std::strlen(tail), sizeof tail - std::strlen(tail), " -> %g (%s)", static_cast<double>(p.t_end),
                      to_string(p.schedule).c_str());
    }
    return s + tail;
}

}  // namespace topdown
