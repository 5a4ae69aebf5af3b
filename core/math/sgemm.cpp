#include "math/sgemm.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "math/matrix.hpp"
#include "util/parallel_parts.hpp"

namespace topdown {

namespace {

using SgemmFn = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int, float, float*, int);

// OpenBLAS, opened on first use (issue 21). Not linked at build time, for two reasons: the build does not
// need it (Eigen is the fallback), and OpenBLAS picks its kernels when it is loaded, from OPENBLAS_CORETYPE
// or its CPU table. Debian 12's OpenBLAS does not know Zen 4/5 and falls back to its AVX2 "Haswell" kernels;
// its AVX-512 "SkylakeX" kernels run there at about twice the rate (bench_gemm: 330-420 vs 160-180
// GFLOP/s on 2 cores). So when the CPU has the AVX-512 subsets those kernels use and the user chose no core
// type, SkylakeX is set before the library is opened. TOPDOWN_NO_OPENBLAS=1 keeps Eigen.
SgemmFn open_openblas() {
#if defined(__SANITIZE_THREAD__)
    return nullptr;  // OpenBLAS's own threads are not instrumented: no false reports under TSan
#else
    const char* off = std::getenv("TOPDOWN_NO_OPENBLAS");
    if (off && *off && *off != '0') return nullptr;
    __builtin_cpu_init();
    if (!std::getenv("OPENBLAS_CORETYPE") && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd"))
        setenv("OPENBLAS_CORETYPE", "SkylakeX", 0);
    for (const char* name : {"libopenblas.so.0", "libopenblas.so"}) {
        if (void* h = dlopen(name, RTLD_NOW | RTLD_LOCAL)) {
            void* f = dlsym(h, "cblas_sgemm");
            void* threads = dlsym(h, "openblas_set_num_threads");
            if (f && threads) {
                // One thread inside OpenBLAS: the rows are split over our own OpenMP threads instead (one pool,
                // and a result that does not depend on how many threads a machine or a Slurm job has: OpenBLAS's
                // own split changes the rounding with its thread count).
                reinterpret_cast<void (*)(int)>(threads)(1);
                return reinterpret_cast<SgemmFn>(f);
            }
            dlclose(h);
        }
    }
    return nullptr;
#endif
}

SgemmFn openblas_sgemm() {
    static const SgemmFn f = open_openblas();  // thread-safe one-time initialisation
    return f;
}

std::atomic<bool> g_openblas{true};  // wanted (used when the library opens)

}  // namespace

bool sgemm_use_openblas(bool enable) {
    g_openblas.store(enable && openblas_sgemm() != nullptr);
    return g_openblas.load();
}

namespace {
// Rows [0, M) of C in parts of a fixed 64-row grain, one OpenMP thread per part group. Every element is computed
// by one single-threaded call with all of K, so its value does not depend on the number of threads.
void openblas_rows(SgemmFn f, bool ta, bool tb, int M, int N, int K, float alpha, const float* A, int lda,
                   const float* B, int ldb, float beta, float* C, int ldc) {
    constexpr int kRowMajor = 101, kNoTrans = 111, kTrans = 112;
    // With a transposed A, OpenBLAS's result for a row depends on where the row split falls (different packing at
    // the edges; tests/test_sgemm.cpp caught it), so Aᵀ is first copied into row-major form (a small fraction of
    // the product's time) and every call is a plain row-major product, whose rows are split-invariant.
    thread_local Matrix at;
    if (ta) {
        at.resize(M, K);
        at = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>(A, K, M, Eigen::OuterStride<>(lda)).transpose();
        A = at.data();
        lda = K;
        ta = false;
    }
    int nt = 1;
#ifdef _OPENMP
    nt = omp_get_max_threads();
#endif
    const int grains = (M + 63) / 64;
    const std::size_t parts = static_cast<std::size_t>(std::max(1, std::min(nt, grains)));
    const int per = (grains + int(parts) - 1) / int(parts) * 64;
    run_parts(parts, [&](std::size_t p) {
        const int r0 = std::min(M, int(p) * per), r1 = std::min(M, r0 + per);
        if (r0 >= r1) return;
        const float* Ap = ta ? A + r0 : A + std::size_t(r0) * std::size_t(lda);
        f(kRowMajor, ta ? kTrans : kNoTrans, tb ? kTrans : kNoTrans, r1 - r0, N, K, alpha, Ap, lda, B, ldb, beta,
          C + std::size_t(r0) * std::size_t(ldc), ldc);
    });
}
}  // namespace

void sgemm_rowmajor(bool ta, bool tb, int M, int N, int K, float alpha, const float* A, int lda, const float* B,
                    int ldb, float beta, float* C, int ldc) {
    if (g_openblas.load(std::memory_order_relaxed)) {
        if (const SgemmFn f = openblas_sgemm()) return openblas_rows(f, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    }
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

const char* sgemm_backend() {
    return g_openblas.load() && openblas_sgemm() ? "openblas" : "eigen";
}

}  // namespace topdown
