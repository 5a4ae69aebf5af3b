#include "math/random.hpp"

#include <cmath>
#include <utility>

namespace topdown {

CounterRng::CounterRng(std::uint64_t seed, std::uint64_t stream_index)
    : key_(splitmix64(splitmix64(seed) ^ splitmix64(stream_index ^ 0x5DEECE66DULL))) {}

void CounterRng::block_keys(std::uint32_t& k0, std::uint32_t& k1) {
    const std::uint64_t kb = splitmix64(key_ ^ splitmix64(block_));
    ++block_;
    k0 = static_cast<std::uint32_t>(kb);
    k1 = static_cast<std::uint32_t>(kb >> 32);
}

void CounterRng::uniform(float* out, std::size_t n) {
    std::uint32_t k0, k1;
    block_keys(k0, k1);
    for (std::size_t j = 0; j < n; ++j) {
        const std::uint32_t u = lowbias32(lowbias32(static_cast<std::uint32_t>(j) ^ k0) + k1);
        out[j] = static_cast<float>(u >> 8) * 0x1p-24f;
    }
}

void CounterRng::bernoulli(const float* p, float* out, std::size_t n) {
    std::uint32_t k0, k1;
    block_keys(k0, k1);
    for (std::size_t j = 0; j < n; ++j) {
        const std::uint32_t u = lowbias32(lowbias32(static_cast<std::uint32_t>(j) ^ k0) + k1);
        out[j] = (static_cast<float>(u >> 8) * 0x1p-24f < p[j]) ? 1.0f : 0.0f;
    }
}

std::uint64_t CounterRng::next_u64() {
    const std::uint64_t v = splitmix64(key_ ^ splitmix64(block_ ^ 0xA5A5A5A5A5A5A5A5ULL));
    ++block_;
    return v;
}

std::uint64_t CounterRng::below(std::uint64_t bound) {
    if (bound <= 1) return 0;
    // Lemire-style multiply-shift on the high 32 bits for small bounds; modulo for huge ones.
    const std::uint64_t r = next_u64();
    if (bound <= 0xFFFFFFFFULL) return ((r >> 32) * bound) >> 32;
    return r % bound;
}

float CounterRng::normal() {
    const std::uint64_t r = next_u64();
    const double u1 = (static_cast<double>(r >> 40) + 0.5) * 0x1p-24;  // (0,1)
    const double u2 = static_cast<double>((r >> 16) & 0xFFFFFF) * 0x1p-24;
    return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
}

void shuffle_indices(std::uint32_t* idx, std::size_t n, CounterRng& rng) {
    for (std::size_t i = n; i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(rng.below(i));
        std::swap(idx[i - 1], idx[j]);
    }
}

}  // namespace topdown
