// SGEMM rate of Eigen (with this build's BLAS/OpenMP settings) on the project's shapes, and of our
// fixed-order kernel used by the chains. Reported as FLOP/s (2 m n k per product).
#include <benchmark/benchmark.h>

#include "math/fixed_order_gemm.hpp"
#include "math/matrix.hpp"

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

BENCHMARK_MAIN();
