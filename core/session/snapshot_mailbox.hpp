// The hand-off point between the worker and the UI: the newest published snapshot. The mutex is held only
// for the pointer swap; readers get a shared_ptr to an immutable snapshot and draw without any lock.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include "session/snapshot.hpp"

namespace topdown {

class SnapshotMailbox {
public:
    // Replaces the newest snapshot and wakes waiters.
    void publish(std::shared_ptr<const Snapshot> s) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            latest_.swap(s);
        }
        cv_.notify_all();
        // `s` (the previous snapshot) is released here, outside the lock.
    }
    // The newest snapshot (null before the first publication).
    std::shared_ptr<const Snapshot> latest() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return latest_;
    }
    // Waits until the newest snapshot satisfies `pred` or `timeout` passes; returns the newest snapshot
    // either way (null if none was published).
    std::shared_ptr<const Snapshot> wait_for(const std::function<bool(const Snapshot&)>& pred,
                                             std::chrono::milliseconds timeout) const {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait_for(lock, timeout, [&] { return latest_ && pred(*latest_); });
        return latest_;
    }

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable cv_;
    std::shared_ptr<const Snapshot> latest_;
};

}  // namespace topdown
