#include "session/filmstrip_layout.hpp"

#include <algorithm>
#include <cmath>

namespace topdown {

int filmstrip_count(float avail, float thumb, float gap) {
    if (!(thumb + gap > 0.0f) || !std::isfinite(avail)) return 1;
    const float fit = std::floor((avail + gap) / (thumb + gap));
    if (!(fit >= 1.0f)) return 1;
    return fit >= static_cast<float>(kFilmstripSlots) ? kFilmstripSlots : static_cast<int>(fit);
}

}  // namespace topdown
