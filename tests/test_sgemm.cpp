// sgemm_rowmajor (issue 21: the training GEMM, OpenBLAS or Eigen) against a plain triple loop, every
// transposition, strides wider than the matrices, alpha and beta.
#include <gtest/gtest.h>

#include <vector>

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
