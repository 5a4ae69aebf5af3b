#include "experiment/replay_curve_status.hpp"

#include <algorithm>

namespace topdown {

std::string replay_partial_text(const ReplayCurve& c, int total_epochs) {
    const std::size_t done = std::min(c.new_accuracy.size(), c.old_accuracy_fixed.size());
    return "partial " + std::to_string(done) + "/" + std::to_string(std::max(0, total_epochs));
}

}  // namespace topdown
