// Single-precision GEMM on row-major arrays for the training loop (issue 21): OpenBLAS's cblas_sgemm (opened
// at run time, AVX-512 kernels where the CPU has them, single-threaded, rows split over the OpenMP threads) when
// libopenblas is installed, otherwise (or when switched off) Eigen's kernels. Results agree to rounding between
// the two, not bit for bit; with either, they do not depend on the number of threads.
#pragma once

namespace topdown {

// C (M x N) = alpha * op(A) op(B) + beta * C; op(X) = Xᵀ when the flag is set. Leading dimensions are row strides.
void sgemm_rowmajor(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                    const float* B, int ldb, float beta, float* C, int ldc);

// "openblas" or "eigen": which implementation sgemm_rowmajor uses now.
const char* sgemm_backend();

// Chooses OpenBLAS (the default when it can be opened) or Eigen; returns whether OpenBLAS is now in use.
// For benchmarks and tests; not thread-safe against running products.
bool sgemm_use_openblas(bool enable);

}  // namespace topdown
