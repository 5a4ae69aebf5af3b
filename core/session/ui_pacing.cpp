#include "session/ui_pacing.hpp"

namespace topdown {

float effective_fps_cap(float requested, bool scripted, int refresh_hz) {
    if (requested >= 0.0f) return requested;
    if (scripted) return 0.0f;
    return refresh_hz >= 24 && refresh_hz <= 1000 ? static_cast<float>(refresh_hz) : kDefaultFpsCap;
}

}  // namespace topdown
