#include "session/tick_thinning.hpp"

#include <cmath>

namespace topdown {

std::vector<int> thinned_tick_labels(const std::vector<float>& centers, const std::vector<float>& extents, float gap) {
    const int n = static_cast<int>(std::min(centers.size(), extents.size()));
    std::vector<int> keep;
    if (n == 0) return keep;
    for (int stride = 1; stride <= n; ++stride) {
        bool fits = true;
        for (int i = stride; i < n && fits; i += stride) {
            const int p = i - stride;
            const float room = std::fabs(centers[static_cast<std::size_t>(i)] - centers[static_cast<std::size_t>(p)]) -
                               0.5f * (extents[static_cast<std::size_t>(i)] + extents[static_cast<std::size_t>(p)]);
            fits = room >= gap;
        }
        if (!fits) continue;
        for (int i = 0; i < n; i += stride) keep.push_back(i);
        return keep;
    }
    keep.push_back(0);
    return keep;
}

}  // namespace topdown
