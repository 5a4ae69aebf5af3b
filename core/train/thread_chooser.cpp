#include "train/thread_chooser.hpp"

#include <algorithm>

namespace topdown {

ThreadChooser::ThreadChooser(int max_threads) : max_(std::max(1, max_threads)), best_(max_) {}

int ThreadChooser::threads(int index) const {
    if (max_ == 1) return 1;
    const int pos = index % kCycle;
    if (pos < kProbe) return 1;
    if (pos < 2 * kProbe) return max_;
    return best_;
}

void ThreadChooser::record(int index, double seconds) {
    if (max_ == 1) return;
    const int pos = index % kCycle;
    if (pos == 0) one_ = all_ = 0;
    if (pos < kProbe)
        one_ += seconds;
    else if (pos < 2 * kProbe)
        all_ += seconds;
    if (pos == 2 * kProbe - 1) best_ = one_ < all_ ? 1 : max_;
}

}  // namespace topdown
