// A small thread-safe FIFO queue: many producers (the UI), one consumer (the worker), with a wait that a
// push or a close interrupts.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace topdown {

template <typename T>
class CommandQueue {
public:
    // Appends an item and wakes the consumer. Ignored after close().
    void push(T item) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (closed_) return;
            items_.push_back(std::move(item));
        }
        cv_.notify_one();
    }
    // Takes every queued item, oldest first (never blocks).
    std::vector<T> drain() {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<T> out(std::make_move_iterator(items_.begin()), std::make_move_iterator(items_.end()));
        items_.clear();
        return out;
    }
    // Blocks until an item is queued, the queue is closed or `deadline` passes; true if items are waiting.
    template <typename Clock, typename Duration>
    bool wait_until(const std::chrono::time_point<Clock, Duration>& deadline) {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait_until(lock, deadline, [&] { return closed_ || !items_.empty(); });
        return !items_.empty();
    }
    // Blocks until an item is queued or the queue is closed; true if items are waiting.
    bool wait() {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [&] { return closed_ || !items_.empty(); });
        return !items_.empty();
    }
    // Stops accepting items and wakes every waiter.
    void close() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            closed_ = true;
        }
        cv_.notify_all();
    }
    // True after close().
    bool closed() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return closed_;
    }
    // Number of queued items.
    std::size_t size() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return items_.size();
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<T> items_;
    bool closed_ = false;
};

}  // namespace topdown
