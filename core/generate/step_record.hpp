// What is kept of one chain step: visible probabilities, hidden states as bits, energies, active
// fractions, and the random-stream position (with the visible state, enough to resume the chain).
#pragma once
#include <cstdint>
#include <deque>
#include <vector>

#include "generate/chain_batch.hpp"

namespace topdown {

struct StepRecord {
    int step = 0;                                          // 1-based
    std::vector<float> visible;                            // D probabilities
    std::vector<std::vector<std::uint64_t>> hidden_bits;   // layer 1..L, unit j at word j/64, bit j%64
    std::vector<int> hidden_sizes;                         // n_1..n_L
    std::vector<float> energy;                             // E_1..E_L
    std::vector<float> active_fraction;                    // layers 1..L
    std::uint64_t rng_position = 0;

    // State of hidden unit `unit` of layer `layer` (1..L); states above 0.5 count as on.
    bool bit(int layer, int unit) const {
        const auto& w = hidden_bits[static_cast<std::size_t>(layer - 1)];
        return (w[static_cast<std::size_t>(unit) / 64] >> (unit % 64)) & 1u;
    }
    // Hidden layer `layer` as 0/1 floats.
    std::vector<float> hidden_as_floats(int layer) const;
};

// Copies row `row` of a batch after its latest step.
StepRecord record_row(const ChainBatch& batch, int row);

// A history of step records: unbounded, or a ring keeping the newest `capacity` steps.
class StepHistory {
public:
    explicit StepHistory(std::size_t capacity = 0) : capacity_(capacity) {}
    // Appends a record (dropping the oldest when full).
    void push(StepRecord r);
    // The record of `step`, or nullptr when it is not (or no longer) kept.
    const StepRecord* find(int step) const;
    // Oldest and newest kept steps (0 when empty).
    int oldest_step() const { return records_.empty() ? 0 : records_.front().step; }
    int newest_step() const { return records_.empty() ? 0 : records_.back().step; }
    std::size_t size() const { return records_.size(); }
    std::size_t capacity() const { return capacity_; }
    const std::deque<StepRecord>& records() const { return records_; }
    // Drops every record after `step`.
    void truncate_after(int step);

private:
    std::size_t capacity_;
    std::deque<StepRecord> records_;
};

}  // namespace topdown
