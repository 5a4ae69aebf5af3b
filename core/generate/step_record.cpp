#include "generate/step_record.hpp"

#include <algorithm>
#include <bit>

namespace topdown {

std::vector<float> StepRecord::hidden_as_floats(int layer) const {
    const int n = hidden_sizes[static_cast<std::size_t>(layer - 1)];
    std::vector<float> out(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) out[static_cast<std::size_t>(j)] = bit(layer, j) ? 1.0f : 0.0f;
    return out;
}

StepRecord record_row(const ChainBatch& b, int row) {
    StepRecord r;
    r.step = b.steps_done();
    const Matrix& v = b.state(0);
    r.visible.assign(v.row(row).data(), v.row(row).data() + v.cols());
    const int L = b.depth();
    for (int l = 1; l <= L; ++l) {
        const Matrix& s = b.state(l);
        const int n = static_cast<int>(s.cols());
        std::vector<std::uint64_t> words(static_cast<std::size_t>((n + 63) / 64), 0);
        const float* p = s.data() + static_cast<std::size_t>(row) * std::size_t(n);
        // Issue 21: one word at a time, with a count of the ones; when every state is exactly 0 or 1 (the
        // sampled layers) the in-order double sum equals that count, so it is only computed otherwise.
        bool binary = true;
        int ones = 0;
        for (int w = 0; w * 64 < n; ++w) {
            std::uint64_t bits = 0;
            const int j1 = std::min(n, w * 64 + 64);
            for (int j = w * 64; j < j1; ++j) {
                bits |= std::uint64_t(p[j] > 0.5f) << (j - w * 64);
                binary &= (p[j] == 0.0f) | (p[j] == 1.0f);
            }
            words[static_cast<std::size_t>(w)] = bits;
            ones += std::popcount(bits);
        }
        double sum = ones;
        if (!binary) {
            sum = 0;
            for (int j = 0; j < n; ++j) sum += p[j];
        }
        r.hidden_bits.push_back(std::move(words));
        r.hidden_sizes.push_back(n);
        r.active_fraction.push_back(static_cast<float>(sum / n));
        r.energy.push_back(b.energies()(row, l - 1));
    }
    r.rng_position = b.rng_position(row);
    return r;
}

void StepHistory::push(StepRecord r) {
    if (capacity_ > 0 && records_.size() >= capacity_) records_.pop_front();
    records_.push_back(std::move(r));
}

const StepRecord* StepHistory::find(int step) const {
    if (records_.empty() || step < oldest_step() || step > newest_step()) return nullptr;
    const StepRecord& r = records_[static_cast<std::size_t>(step - oldest_step())];
    return r.step == step ? &r : nullptr;
}

void StepHistory::truncate_after(int step) {
    while (!records_.empty() && records_.back().step > step) records_.pop_back();
}

}  // namespace topdown
