// The number of threads for each CD-1 mini-batch (issue 21). A batch's results do not depend on it (the
// fixed-order kernels), so it may follow the machine's load: on a shared machine, threads that meet at a barrier
// several times per batch wait for any of them that the OS has descheduled, and all threads can then be several
// times slower than one. Every cycle of batches starts with a few on one thread and a few on all threads; the
// faster count runs the rest of the cycle.
#pragma once

namespace topdown {

class ThreadChooser {
public:
    static constexpr int kCycle = 128;  // batches per cycle
    static constexpr int kProbe = 3;    // batches of each probe at the start of a cycle

    // `max_threads` is the most threads a batch may use (>= 1).
    explicit ThreadChooser(int max_threads);

    // Threads for batch `index` (counted from 0 within a pass).
    int threads(int index) const;

    // The wall time of batch `index`, run on threads(index) threads.
    void record(int index, double seconds);

private:
    int max_;
    double one_ = 0, all_ = 0;  // summed probe times of the current cycle
    int best_;
};

}  // namespace topdown
