// A bounded ring buffer for live series (energy curves, timelines): memory stays flat on long runs.
#pragma once
#include <cstddef>
#include <vector>

namespace topdown {

template <typename T>
class RingBuffer {
public:
    // A buffer keeping the newest `capacity` items (capacity >= 1).
    explicit RingBuffer(std::size_t capacity = 1) : capacity_(capacity < 1 ? 1 : capacity) {}

    // Appends an item, dropping the oldest when full.
    void push(T item) {
        if (items_.size() < capacity_) {
            items_.push_back(std::move(item));
        } else {
            items_[head_] = std::move(item);
            head_ = (head_ + 1) % capacity_;
        }
    }
    // Item i counted from the oldest kept (0) to the newest (size() - 1).
    const T& operator[](std::size_t i) const { return items_[(head_ + i) % items_.size()]; }
    // The newest item (the buffer must not be empty).
    const T& back() const { return (*this)[items_.size() - 1]; }
    // Number of kept items.
    std::size_t size() const { return items_.size(); }
    // True when nothing is kept.
    bool empty() const { return items_.empty(); }
    // Most items kept.
    std::size_t capacity() const { return capacity_; }
    // Drops every item.
    void clear() {
        items_.clear();
        head_ = 0;
    }
    // Drops the newest items until at most `n` remain.
    void keep_oldest(std::size_t n) {
        if (n >= items_.size()) return;
        std::vector<T> kept;
        kept.reserve(n);
        for (std::size_t i = 0; i < n; ++i) kept.push_back((*this)[i]);
        items_ = std::move(kept);
        head_ = 0;
    }

private:
    std::size_t capacity_;
    std::size_t head_ = 0;  // index of the oldest item once full
    std::vector<T> items_;
};

}  // namespace topdown
