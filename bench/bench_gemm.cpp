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

#ifdef TOPDOWN_BENCH_OPENBLAS
// OpenBLAS (Debian's libopenblas, its own pthread pool limited to 2 threads) on the same shapes and the
// CD-1 gradient shape (Aᵀ B with A = batch x n_lower), for the issue-21 decision between the two.
extern "C" {
void cblas_sgemm(int order, int transa, int transb, int m, int n, int k, float alpha, const float* A, int lda,
                 const float* B, int ldb, float beta, float* C, int ldc);
void openblas_set_num_threads(int n);
}
static void BM_OpenBlasGemm(benchmark::State& st) {
    const int m = int(st.range(0)), k = int(st.range(1)), n = int(st.range(2));
    openblas_set_num_threads(2);
    Matrix A = Matrix::Random(m, k), B = Matrix::Random(k, n), C(m, n);
    for (auto _ : st) {
        cblas_sgemm(101, 111, 111, m, n, k, 1.0f, A.data(), k, B.data(), n, 0.0f, C.data(), n);  // row-major, no transposes
        benchmark::DoNotOptimize(C.data());
    }
    st.counters["FLOP/s"] = benchmark::Counter(2.0 * m * n * k, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_OpenBlasGemm)->Args({128, 784, 500})->Args({784, 128, 500})->Args({1000, 1000, 1000})->Args({128, 500, 1000})->UseRealTime();
#endif

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

BENCHMARK_MAIN();
