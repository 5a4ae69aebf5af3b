// sgemm_rowmajor (issue 21: the training GEMM, OpenBLAS or Eigen) against a plain triple loop, every
// transposition, strides wider than the matrices, alpha and beta.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "math/random.hpp"
#include "math/sgemm.hpp"

using namespace topdown;

TEST(Sgemm, BothBackendsMatchAPlainLoopForEveryTransposition) {
    const int M = 7, N = 5, K = 9, pad = 3;
    CounterRng r(3, 1);
    std::vector<float> A((M + pad) * (K + pad)), B((K + pad) * (N + pad)), C0(M * (N + pad));
    for (auto& v : A) v = r.normal();
    for (auto& v : B) v = r.normal();
    for (auto& v : C0) v = r.normal();
    const float alpha = 0.75f, beta = -0.5f;
    const bool had = sgemm_use_openblas(true);
    for (bool openblas : {false, true}) {
        if (openblas && !had) break;  // OpenBLAS not installed: Eigen only
        sgemm_use_openblas(openblas);
        for (bool ta : {false, true})
            for (bool tb : {false, true}) {
                const int lda = (ta ? M : K) + pad, ldb = (tb ? K : N) + pad, ldc = N + pad;
                std::vector<float> C = C0;
                sgemm_rowmajor(ta, tb, M, N, K, alpha, A.data(), lda, B.data(), ldb, beta, C.data(), ldc);
                for (int i = 0; i < M; ++i)
                    for (int j = 0; j < N; ++j) {
                        double s = 0;
                        for (int k = 0; k < K; ++k) {
                            const double a = ta ? A[k * lda + i] : A[i * lda + k];
                            const double b = tb ? B[j * ldb + k] : B[k * ldb + j];
                            s += a * b;
                        }
                        const double want = alpha * s + beta * C0[i * ldc + j];
                        EXPECT_NEAR(C[i * ldc + j], want, 1e-4) << sgemm_backend() << " ta " << ta << " tb " << tb;
                    }
                for (int i = 0; i < M; ++i)  // the padding columns are left alone
                    for (int j = N; j < ldc; ++j) EXPECT_EQ(C[i * ldc + j], C0[i * ldc + j]);
            }
    }
    sgemm_use_openblas(had);
}

// Training results must not depend on how many threads a machine (or a Slurm job) has: the same product on 1 and
// on 2 threads gives the same bits, with either backend (rows split over threads, never the inner dimension).
TEST(Sgemm, ResultDoesNotDependOnTheThreadCount) {
#ifdef _OPENMP
    const int M = 300, N = 70, K = 256;
    CounterRng r(5, 2);
    std::vector<float> A(M * K), B(K * N);
    for (auto& v : A) v = r.normal();
    for (auto& v : B) v = r.normal();
    const bool had = sgemm_use_openblas(true);
    const int threads = omp_get_max_threads();
    for (bool openblas : {false, true}) {
        if (openblas && !had) break;
        sgemm_use_openblas(openblas);
        std::vector<float> C1(M * N), C2(M * N);
        omp_set_num_threads(1);
        sgemm_rowmajor(false, false, M, N, K, 1.0f, A.data(), K, B.data(), N, 0.0f, C1.data(), N);
        omp_set_num_threads(2);
        sgemm_rowmajor(false, false, M, N, K, 1.0f, A.data(), K, B.data(), N, 0.0f, C2.data(), N);
        EXPECT_EQ(std::memcmp(C1.data(), C2.data(), C1.size() * sizeof(float)), 0) << sgemm_backend();
        omp_set_num_threads(1);  // the gradient shape: Aᵀ B
        sgemm_rowmajor(true, false, K, N, M, 1.0f, A.data(), K, A.data(), K, 0.0f, C1.data(), N);
        omp_set_num_threads(2);
        sgemm_rowmajor(true, false, K, N, M, 1.0f, A.data(), K, A.data(), K, 0.0f, C2.data(), N);
        EXPECT_EQ(std::memcmp(C1.data(), C2.data(), std::size_t(K) * N * sizeof(float)), 0) << sgemm_backend();
    }
    omp_set_num_threads(threads);
    sgemm_use_openblas(had);
#else
    GTEST_SKIP() << "built without OpenMP";
#endif
}
