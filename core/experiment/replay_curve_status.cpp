#include "experiment/replay_curve_status.hpp"

#include <algorithm>

namespace topdown {

bool replay_curve_complete(const ReplayCurve& c, int total_epochs) {
    if (total_epochs <= 0) return false;
    const auto E = static_cast<std::size_t>(total_epochs);
    return c.new_accuracy.size() >= E && c.old_accuracy_fixed.size() >= E;
}

std::string replay_partial_text(const ReplayCurve& c, int total_epochs) {
    const std::size_t done = std::min(c.new_accuracy.size(), c.old_accuracy_fixed.size());
    return "partial " + std::to_string(done) + "/" + std::to_string(std::max(0, total_epochs));
}

}  // namespace topdown
