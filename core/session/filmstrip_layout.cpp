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

std::vector<std::shared_ptr<const FocusedFrame>> filmstrip_frames(
    const std::shared_ptr<const FocusedFrame>& start, const std::vector<std::shared_ptr<const FocusedFrame>>& recent,
    int count) {
    std::vector<std::shared_ptr<const FocusedFrame>> all;
    if (start && (recent.empty() || recent.front()->step == 1)) all.push_back(start);
    all.insert(all.end(), recent.begin(), recent.end());
    const std::size_t keep = static_cast<std::size_t>(std::max(count, 0));
    if (all.size() > keep) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(keep));
    return all;
}

}  // namespace topdown
