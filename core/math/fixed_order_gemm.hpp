// out = X W + bias computed with a fixed summation order per output element, so that a row's result
// does not depend on how many rows are computed together, on their position in a tile, or on threads.
//
// Every element is acc = 0; for k = 0..n_in-1 with x[k] != 0 (in increasing k): acc = fma(x[k], W[k, j], acc);
// then acc + bias[j]. Skipping exact zeros only drops additions of ±0. Rows are processed in tiles that
// share each loaded row of W (AVX2 + FMA); binary or sparse inputs skip the inactive rows of W entirely.
#pragma once
#include <cstddef>

namespace topdown {

// out[r, :] = X[r, :] W + bias for r in [0, rows). X is rows x n_in (row stride ldx), W is n_in x n_out
// row-major, out is rows x n_out (row stride ldo). bias may be null.
void fixed_order_affine(const float* X, std::size_t rows, std::size_t n_in, std::size_t ldx, const float* W,
                        std::size_t n_out, const float* bias, float* out, std::size_t ldo);

// Chooses the 16-lane AVX-512 kernels (the default where the CPU has AVX-512F) or the 8-lane AVX2 ones; both
// give the same bits. Returns whether AVX-512 is now in use (false when the CPU lacks it). For tests and
// benchmarks; not thread-safe against running kernels.
bool fixed_order_use_avx512(bool enable);

// Whether the AVX-512 kernels are in use.
bool fixed_order_avx512_active();

}  // namespace topdown
