// SGEMM rate of Eigen (with this build's BLAS/OpenMP settings) on the project's shapes, and of our
// fixed-order kernel used by the chains. Reported as FLOP/s (2 m n k per product).
#include <benchmark/benchmark.h>

#include "math/fixed_order_gemm.hpp"
#include "math/matrix.hpp"
#include "math/sgemm.hpp"
#include "math/train_gemm.hpp"

using namespace topdown;

static void BM_EigenGemm(benchmark::State& st) {
    const int m = int(st.range(0)), k = int(st.range(1)), n = int(st.range(2));
    Matrix A = Matrix::Random(m, k), B = Matrix::Random(k, n), C(m, n);
    for (auto _ : st) {
        C.noalias() = A * B;
        benchmark::DoNotOptimize(C.data());
    }
    st.counters["FLOP/s"] = benchmark::Counter(2.0 * m * n * k, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EigenGemm)->Args({128, 784, 500})->Args({784, 128, 500})->Args({1000, 1000, 1000})->Args({128, 500, 1000})->UseRealTime();

static void BM_FixedOrderAffine(benchmark::State& st) {
    const int m = int(st.range(0)), k = int(st.range(1)), n = int(st.range(2));
    Matrix A = Matrix::Random(m, k), B = Matrix::Random(k, n), C(m, n);
    for (auto _ : st) {
        fixed_order_affine(A.data(), std::size_t(m), std::size_t(k), std::size_t(k), B.data(), std::size_t(n), nullptr, C.data(), std::size_t(n));
        benchmark::DoNotOptimize(C.data());
    }
    st.counters["FLOP/s"] = benchmark::Counter(2.0 * m * n * k, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_FixedOrderAffine)->Args({1, 784, 500})->Args({120, 784, 500})->Args({120, 1000, 500})->UseRealTime();

// The training GEMM (core/math/sgemm: OpenBLAS opened at run time, AVX-512 kernels where available) on the same
// shapes, for the issue-21 decision between it and Eigen. Skipped when OpenBLAS is not installed.
static void BM_OpenBlasGemm(benchmark::State& st) {
    const int m = int(st.range(0)), k = int(st.range(1)), n = int(st.range(2));
    if (!sgemm_use_openblas(true)) {
        st.SkipWithError("no OpenBLAS");
        return;
    }
    Matrix A = Matrix::Random(m, k), B = Matrix::Random(k, n), C(m, n);
    for (auto _ : st) {
        sgemm_rowmajor(false, false, m, n, k, 1.0f, A.data(), k, B.data(), n, 0.0f, C.data(), n);
        benchmark::DoNotOptimize(C.data());
    }
    st.counters["FLOP/s"] = benchmark::Counter(2.0 * m * n * k, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_OpenBlasGemm)->Args({128, 784, 500})->Args({784, 128, 500})->Args({1000, 1000, 1000})->Args({128, 500, 1000})->UseRealTime();

// The CD-1 gradient product v0ᵀ h (n_lower x batch times batch x n_upper), as cd1_update writes it.
static void BM_EigenGradGemm(benchmark::State& st) {
    const int B = int(st.range(0)), n = int(st.range(1)), m = int(st.range(2));
    Matrix V = Matrix::Random(B, n), H = Matrix::Random(B, m), G(n, m);
    for (auto _ : st) {
        G.noalias() = V.transpose() * H;
        benchmark::DoNotOptimize(G.data());
    }
    st.counters["FLOP/s"] = benchmark::Counter(2.0 * B * n * m, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EigenGradGemm)->Args({128, 784, 500})->Args({128, 500, 1000})->UseRealTime();

// The fixed-order training GEMM (math/train_gemm, issue 21: the default CD-1 path) on the same shapes, its blocks
// over the OpenMP threads: range(3) = 0 the product A B, 1 the gradient shape Aᵀ B (A stored k x m).
static void BM_TrainGemm(benchmark::State& st) {
    const int m = int(st.range(0)), k = int(st.range(1)), n = int(st.range(2));
    const bool at = st.range(3) == 1;
    Matrix A = Matrix::Random(at ? k : m, at ? m : k), B = Matrix::Random(k, n), C(m, n);
    TrainGemm g;
    g.pos = {A.data(), at ? 1 : k, at ? m : 1, B.data(), n, k};
    g.C = C.data();
    g.ldc = n;
    for (auto _ : st) {
        train_gemm(g, m, n);
        benchmark::DoNotOptimize(C.data());
    }
    st.counters["FLOP/s"] = benchmark::Counter(2.0 * m * n * k, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_TrainGemm)->Args({128, 784, 500, 0})->Args({784, 128, 500, 1})->Args({1000, 1000, 1000, 0})
    ->Args({128, 500, 1000, 0})->Args({784, 256, 500, 1})->UseRealTime();

BENCHMARK_MAIN();
