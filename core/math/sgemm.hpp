// Single-precision GEMM on row-major arrays for the opt-in OpenBLAS training path (issue 21; the default training
// path is math/train_gemm.hpp): with TOPDOWN_OPENBLAS=1, OpenBLAS's cblas_sgemm (opened at run time, AVX-512
// kernels where the CPU has them, single-threaded, rows split over the OpenMP threads), else Eigen's kernels. The
// OpenBLAS rounding depends on the row split, so its results vary with the thread count.
#pragma once

namespace topdown {

// C (M x N) = alpha * op(A) op(B) + beta * C; op(X) = Xᵀ when the flag is set. Leading dimensions are row strides.
void sgemm_rowmajor(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                    const float* B, int ldb, float beta, float* C, int ldc);

// "openblas" or "eigen": which implementation sgemm_rowmajor uses now.
const char* sgemm_backend();

// Chooses OpenBLAS (when it can be opened) or Eigen (the default); returns whether OpenBLAS is now in use.
// For benchmarks and tests; not thread-safe against running products.
bool sgemm_use_openblas(bool enable);

}  // namespace topdown
