// Counter-based random numbers: one independent stream per (session seed, stream index).
//
// Scheme: a stream has a 64-bit key derived with SplitMix64 from (seed, index). Every request
// (fill n numbers) consumes one "block": the block number is hashed with the key into two 32-bit
// round keys, and number j of the block is lowbias32(lowbias32(j ^ k0) + k1). Numbers depend only on
// (seed, index, block, j), never on how many other streams exist or which thread runs them, and the
// inner loop is plain 32-bit integer arithmetic that the compiler vectorises (8 lanes with AVX2).
#pragma once
#include <cstddef>
#include <cstdint>

namespace topdown {

// SplitMix64 finaliser: a bijective 64-bit mixer.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// Chris Wellons' lowbias32 integer hash (bijective on 32 bits).
constexpr std::uint32_t lowbias32(std::uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

// One random stream. Cheap to copy; its whole state is (key, block counter).
class CounterRng {
public:
    // Stream `stream_index` of session `seed` (e.g. the chain index).
    CounterRng(std::uint64_t seed, std::uint64_t stream_index);

    // Fills out[0..n) with uniform floats in [0, 1) (24-bit resolution); consumes one block.
    void uniform(float* out, std::size_t n);

    // out[j] = 1 if u_j < p[j] else 0 (Bernoulli samples of probabilities p); consumes one block.
    void bernoulli(const float* p, float* out, std::size_t n);

    // Consumes one block and returns its round keys: number j of the block is block_number(k0, k1, j), the
    // number uniform() and bernoulli() use, for code that draws a block's numbers in its own order (the CD-1 step).
    void next_block_keys(std::uint32_t& k0, std::uint32_t& k1) { block_keys(k0, k1); }

    // Number j of the block with round keys (k0, k1).
    static constexpr std::uint32_t block_number(std::uint32_t k0, std::uint32_t k1, std::uint32_t j) {
        return lowbias32(lowbias32(j ^ k0) + k1);
    }

    // A uniform 64-bit integer; consumes one block.
    std::uint64_t next_u64();

    // A uniform integer in [0, bound) (bound > 0), without modulo bias worth noting for bound < 2^32.
    std::uint64_t below(std::uint64_t bound);

    // A standard normal number (Box-Muller); consumes one block.
    float normal();

    // The number of blocks consumed so far (a stream position that can be saved and restored).
    std::uint64_t position() const { return block_; }

    // Moves the stream to a saved position.
    void seek(std::uint64_t block) { block_ = block; }

private:
    void block_keys(std::uint32_t& k0, std::uint32_t& k1);
    std::uint64_t key_;
    std::uint64_t block_ = 0;
};

// Shuffles indices in place (Fisher-Yates) with the given stream.
void shuffle_indices(std::uint32_t* idx, std::size_t n, CounterRng& rng);

}  // namespace topdown
