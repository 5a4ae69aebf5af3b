// The fixed-order training GEMM (core/math/train_gemm, issue 21) against a plain loop that performs the documented
// operations one by one (std::fma in increasing k, then the biases or the weight step, each rounded once): every
// element must match BIT FOR BIT, for every block split, with the AVX2 and with the AVX-512 kernels.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <array>
#include <cstring>
#include <utility>
#include <vector>

#include "math/random.hpp"
#include "math/train_gemm.hpp"

using namespace topdown;

namespace {

// Forces one rounding to float (no contraction into an FMA by the compiler).
float rounded(float x) {
    volatile float v = x;
    return v;
}

struct Problem {
    int M, N, Kp, Kn;
    std::vector<float> Ap, Bp, An, Bn, cb, rb, W0, dW0;
};

Problem make(int M, int N, int Kp, int Kn, std::uint64_t seed) {
    CounterRng r(seed, 9);
    Problem p{M, N, Kp, Kn, {}, {}, {}, {}, {}, {}, {}, {}};
    auto fill = [&](std::vector<float>& v, std::size_t n) {
        v.resize(n);
        for (auto& x : v) x = r.normal();
    };
    fill(p.Ap, std::size_t(M) * Kp);  // stored transposed: A(i, k) = Ap[k * M + i]
    fill(p.Bp, std::size_t(Kp) * (N + 3));
    fill(p.An, std::size_t(M) * Kn);  // row-major: A(i, k) = An[i * Kn + k]
    fill(p.Bn, std::size_t(Kn) * N);
    fill(p.cb, std::size_t(N));
    fill(p.rb, std::size_t(M));
    fill(p.W0, std::size_t(M) * N);
    fill(p.dW0, std::size_t(M) * N);
    return p;
}

TrainGemm gemm_of(const Problem& p) {
    TrainGemm g;
    g.pos = {p.Ap.data(), 1, p.M, p.Bp.data(), p.N + 3, p.Kp};
    if (p.Kn > 0) g.neg = {p.An.data(), p.Kn, 1, p.Bn.data(), p.N, p.Kn};
    return g;
}

// The accumulation of element (i, j) exactly as documented.
float reference_acc(const Problem& p, int i, int j) {
    float acc = 0.0f;
    for (int k = 0; k < p.Kp; ++k) acc = std::fma(p.Ap[std::size_t(k) * p.M + i], p.Bp[std::size_t(k) * (p.N + 3) + j], acc);
    for (int k = 0; k < p.Kn; ++k) acc = std::fma(-p.An[std::size_t(i) * p.Kn + k], p.Bn[std::size_t(k) * p.N + j], acc);
    return acc;
}

// Runs `body` with the AVX2 kernels and, where the CPU has it, with the AVX-512 ones.
template <class F>
void for_each_isa(F body) {
    const bool had = train_gemm_use_avx512(true);
    for (bool wide : {false, true}) {
        if (wide && !had) break;
        train_gemm_use_avx512(wide);
        SCOPED_TRACE(wide ? "AVX-512" : "AVX2");
        body();
    }
    train_gemm_use_avx512(had);
}

// The product is computed in the given blocks: [0, rs[1]), [rs[1], rs[2]) ... x the same for columns.
void run_blocks(const TrainGemm& g, const std::vector<int>& rs, const std::vector<int>& cs) {
    for (std::size_t a = 0; a + 1 < rs.size(); ++a)
        for (std::size_t b = 0; b + 1 < cs.size(); ++b) train_gemm_block(g, rs[a], rs[a + 1], cs[b], cs[b + 1]);
}

}  // namespace

TEST(TrainGemm, StoreMatchesTheSequentialFmaLoopBitForBitInAnyBlocks) {
    for (auto [M, N, Kp, Kn] : {std::array<int, 4>{13, 37, 29, 0}, {7, 70, 50, 11}, {20, 130, 9, 17}, {1, 1, 1, 1}}) {
        const Problem p = make(M, N, Kp, Kn, std::uint64_t(M * 1000 + N));
        std::vector<float> want(std::size_t(M) * N);
        for (int i = 0; i < M; ++i)
            for (int j = 0; j < N; ++j) {
                float acc = reference_acc(p, i, j);
                acc = rounded(acc + p.cb[std::size_t(j)]);
                acc = rounded(acc + p.rb[std::size_t(i)]);
                want[std::size_t(i) * N + j] = acc;
            }
        for_each_isa([&] {
            // whole, and split into odd blocks (as threads would take them)
            for (const auto& split : {std::pair<std::vector<int>, std::vector<int>>{{0, M}, {0, N}},
                                      {{0, M / 3, M / 2 + 1, M}, {0, std::min(5, N), std::max(std::min(5, N), N / 2), N}}}) {
                TrainGemm g = gemm_of(p);
                std::vector<float> C(std::size_t(M) * (N + 2), -7.0f);
                g.C = C.data();
                g.ldc = N + 2;
                g.col_bias = p.cb.data();
                g.row_bias = p.rb.data();
                run_blocks(g, split.first, split.second);
                for (int i = 0; i < M; ++i) {
                    EXPECT_EQ(std::memcmp(&C[std::size_t(i) * (N + 2)], &want[std::size_t(i) * N], sizeof(float) * N), 0)
                        << "row " << i << " of " << M << "x" << N;
                    EXPECT_EQ(C[std::size_t(i) * (N + 2) + N], -7.0f);  // the padding is left alone
                    EXPECT_EQ(C[std::size_t(i) * (N + 2) + N + 1], -7.0f);
                }
            }
        });
    }
}

TEST(TrainGemm, WeightStepMatchesTheDocumentedOperationsBitForBit) {
    const int M = 11, N = 75, Kp = 40, Kn = 40;
    const Problem p = make(M, N, Kp, Kn, 77);
    const float mom = 0.9f, lr = 0.01f, wd = 1e-4f, div = 40.0f;
    std::vector<float> wantW(p.W0), wantD(p.dW0);
    for (int i = 0; i < M; ++i)
        for (int j = 0; j < N; ++j) {
            const std::size_t e = std::size_t(i) * N + j;
            const float g = reference_acc(p, i, j);
            float t = rounded(g / div);
            t = rounded(t - rounded(wd * p.W0[e]));
            t = rounded(lr * t);
            const float d = rounded(rounded(mom * p.dW0[e]) + t);
            wantD[e] = d;
            wantW[e] = rounded(p.W0[e] + d);
        }
    for_each_isa([&] {
        std::vector<float> W(p.W0), dW(p.dW0);
        TrainGemm g = gemm_of(p);
        g.W = W.data();
        g.dW = dW.data();
        g.ldw = N;
        g.momentum = mom;
        g.learning_rate = lr;
        g.weight_decay = wd;
        g.divisor = div;
        run_blocks(g, {0, 4, M}, {0, 17, N});
        EXPECT_EQ(std::memcmp(W.data(), wantW.data(), W.size() * sizeof(float)), 0);
        EXPECT_EQ(std::memcmp(dW.data(), wantD.data(), dW.size() * sizeof(float)), 0);
    });
}
