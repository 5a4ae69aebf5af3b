#include "math/sgemm.hpp"

#include <atomic>

#include "math/matrix.hpp"

#ifdef TOPDOWN_HAVE_OPENBLAS
extern "C" {
// From OpenBLAS's cblas.h (declared here so that no header path depends on the distribution's layout).
void cblas_sgemm(int order, int trans_a, int trans_b, int m, int n, int k, float alpha, const float* A, int lda,
                 const float* B, int ldb, float beta, float* C, int ldc);
}
#endif

namespace topdown {

namespace {
#ifdef TOPDOWN_HAVE_OPENBLAS
std::atomic<bool> g_openblas{true};
#else
std::atomic<bool> g_openblas{false};
#endif
}  // namespace

bool sgemm_use_openblas(bool enable) {
#ifdef TOPDOWN_HAVE_OPENBLAS
    g_openblas.store(enable);
#else
    (void)enable;
#endif
    return g_openblas.load();
}

void sgemm_rowmajor(bool ta, bool tb, int M, int N, int K, float alpha, const float* A, int lda, const float* B,
                    int ldb, float beta, float* C, int ldc) {
#ifdef TOPDOWN_HAVE_OPENBLAS
    if (g_openblas.load(std::memory_order_relaxed)) {
        constexpr int kRowMajor = 101, kNoTrans = 111, kTrans = 112;
        cblas_sgemm(kRowMajor, ta ? kTrans : kNoTrans, tb ? kTrans : kNoTrans, M, N, K, alpha, A, lda, B, ldb, beta,
                    C, ldc);
        return;
    }
#endif
    using Stride = Eigen::OuterStride<>;
    using CMap = Eigen::Map<const Matrix, 0, Stride>;
    Eigen::Map<Matrix, 0, Stride> c(C, M, N, Stride(ldc));
    const CMap a(A, ta ? K : M, ta ? M : K, Stride(lda)), b(B, tb ? N : K, tb ? K : N, Stride(ldb));
    if (beta == 0.0f)
        c.setZero();
    else if (beta != 1.0f)
        c *= beta;
    if (ta && tb)
        c.noalias() += alpha * (a.transpose() * b.transpose());
    else if (ta)
        c.noalias() += alpha * (a.transpose() * b);
    else if (tb)
        c.noalias() += alpha * (a * b.transpose());
    else
        c.noalias() += alpha * (a * b);
}

const char* sgemm_backend() { return g_openblas.load() ? "openblas" : "eigen"; }

}  // namespace topdown
