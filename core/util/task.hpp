// Shared state of a long task: atomic progress, cooperative cancellation.
#pragma once
#include <atomic>
#include <string>

#include "util/errors.hpp"

namespace topdown {

// Progress of a long job, readable from any thread while the job runs.
struct TaskState {
    std::atomic<double> fraction{0.0};  // 0..1
    std::atomic<bool> cancel_requested{false};

    // Asks the job to stop at its next check point.
    void request_cancel() { cancel_requested.store(true); }
    // Throws CancelledError if cancellation was requested.
    void throw_if_cancelled() const {
        if (cancel_requested.load()) throw CancelledError("cancelled by the user");
    }
};

}  // namespace topdown
