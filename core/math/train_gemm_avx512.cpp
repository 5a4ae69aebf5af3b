// The fixed-order training GEMM (train_gemm.hpp) with 16-lane AVX-512F vectors: 6 x 64 register tiles. This file
// alone is compiled with -mavx512f (CMakeLists.txt) and is only called after a CPU check (train_gemm.cpp); it uses
// no inline function with external linkage (no standard library), so no AVX-512 code can leak into other files.
#include <immintrin.h>

#include <cstddef>

#include "math/train_gemm.hpp"

#define TOPDOWN_TRAIN_GEMM_NV 4

namespace {
using V = __m512;
using Mask = __mmask16;
constexpr int kLanes = 16;
inline V load(const float* p) { return _mm512_loadu_ps(p); }
inline V maskload(const float* p, Mask m) { return _mm512_maskz_loadu_ps(m, p); }
inline void store(float* p, V x) { _mm512_storeu_ps(p, x); }
inline void maskstore(float* p, Mask m, V x) { _mm512_mask_storeu_ps(p, m, x); }
inline V set1(float x) { return _mm512_set1_ps(x); }
inline V zero() { return _mm512_setzero_ps(); }
inline V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
inline V fnma(V a, V b, V c) { return _mm512_fnmadd_ps(a, b, c); }
inline V add(V a, V b) { return _mm512_add_ps(a, b); }
inline V sub(V a, V b) { return _mm512_sub_ps(a, b); }
inline V mul(V a, V b) { return _mm512_mul_ps(a, b); }
inline V div(V a, V b) { return _mm512_div_ps(a, b); }
// Lanes [0, n) set.
inline Mask make_mask(int n) { return static_cast<Mask>((1u << n) - 1u); }
}  // namespace

#include "math/train_gemm_kernel.inl"

namespace topdown::detail {

void train_gemm_block_avx512(const TrainGemm& g, int i0, int i1, int j0, int j1) { block(g, i0, i1, j0, j1); }

}  // namespace topdown::detail
