// Bit-exactness of the generation hot loop (issue 21): the kernels may be rewritten for speed (AVX-512,
// fused bias, row-interleaved energies) but every chain's trajectory must keep its bits.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "generate/chain_batch.hpp"
#include "generate/step_record.hpp"
#include "math/fixed_order_gemm.hpp"
#include "model/model_file.hpp"

using namespace topdown;

namespace {
// The documented order, written plainly: acc = 0; acc = fma(x[k], W[k, j], acc) over k with x[k] != 0;
// then acc + bias[j].
float reference_element(const float* x, std::size_t n_in, const float* W, std::size_t n_out, std::size_t j,
                        const float* bias) {
    float acc = 0.0f;
    for (std::size_t k = 0; k < n_in; ++k)
        if (x[k] != 0.0f) acc = std::fma(x[k], W[k * n_out + j], acc);
    return bias ? acc + bias[j] : acc;
}

// FNV-1a over the bytes of a float array.
std::uint64_t fnv(std::uint64_t h, const float* p, std::size_t n) {
    const unsigned char* b = reinterpret_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n * sizeof(float); ++i) h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}
}  // namespace

// Both kernels (AVX-512 where the CPU has it, and AVX2) against the plain loop.
TEST(FixedOrderGemmBits, EveryShapeMatchesThePlainFmaOrder) {
  const bool had512 = fixed_order_avx512_active();
  for (bool use512 : {false, true}) {
    if (use512 && !fixed_order_use_avx512(true)) break;  // no AVX-512 on this CPU
    if (!use512) fixed_order_use_avx512(false);
    CounterRng r(7, 3);
    // Column counts around every vector width and tail (8, 16, 64, 128 lanes) and the shipped layer sizes;
    // row counts around the 6-row tile; binary, sparse-real and dense inputs.
    for (std::size_t n_out : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 40u, 63u, 64u, 65u, 127u, 128u, 129u, 500u, 784u}) {
        for (std::size_t rows : {1u, 2u, 5u, 6u, 7u, 13u}) {
            const std::size_t n_in = 37;
            std::vector<float> X(rows * n_in), W(n_in * n_out), b(n_out), out(rows * n_out);
            for (std::size_t i = 0; i < X.size(); ++i) {
                const float u = r.normal();
                X[i] = (i % 3 == 0) ? 0.0f : (rows % 2 ? (u > 0 ? 1.0f : 0.0f) : u);
            }
            for (auto& w : W) w = r.normal();
            for (auto& v : b) v = r.normal();
            for (const float* bias : {static_cast<const float*>(nullptr), static_cast<const float*>(b.data())}) {
                fixed_order_affine(X.data(), rows, n_in, n_in, W.data(), n_out, bias, out.data(), n_out);
                for (std::size_t i = 0; i < rows; ++i)
                    for (std::size_t j = 0; j < n_out; ++j) {
                        const float want = reference_element(X.data() + i * n_in, n_in, W.data(), n_out, j, bias);
                        ASSERT_EQ(std::memcmp(&want, &out[i * n_out + j], sizeof(float)), 0)
                            << "avx512 " << use512 << " rows " << rows << " n_out " << n_out << " at " << i << "," << j;
                    }
            }
        }
    }
  }
  fixed_order_use_avx512(had512);
}

// 13 chains of the shipped iDBN, 6 steps: every state, energy and stream position hashed. The pinned value was
// computed by the code before the issue-21 rewrite of the kernels; any change of a bit changes it.
TEST(GenerationBits, ShippedIdbnTrajectoriesArePinned) {
    auto m = std::make_shared<Dbn>(load_model(std::string(TOPDOWN_SOURCE_DIR) + "/assets/models/idbn_mnist.tdm"));
    auto g = prepare_generation_model(m);
    const int N = 13;
    Matrix h0 = Matrix::Zero(N, g->top_size());
    for (int i = 0; i < N; ++i)
        for (int j = i; j < g->top_size(); j += 5 + i) h0(i, j) = 1.0f;
    std::vector<std::uint64_t> idx;
    for (int i = 0; i < N; ++i) idx.push_back(std::uint64_t(100 + 3 * i));
    const bool had512 = fixed_order_avx512_active();
    for (int threads : {1, 2, -1, -2}) {  // negative: the AVX2 kernels on |threads| threads
        fixed_order_use_avx512(threads > 0 && had512);
        ChainBatch b(g, h0, 42, idx);
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (int s = 0; s < 6; ++s) {
            b.step(std::abs(threads));
            for (int l = 0; l <= b.depth(); ++l) h = fnv(h, b.state(l).data(), std::size_t(b.state(l).size()));
            h = fnv(h, b.energies().data(), std::size_t(b.energies().size()));
            for (int i = 0; i < N; ++i) h = h * 31 + b.rng_position(i);
        }
        EXPECT_EQ(h, 0x45a7ff7f3261db06ULL) << std::hex << "0x" << h << " threads " << threads;
    }
    fixed_order_use_avx512(had512);
}
