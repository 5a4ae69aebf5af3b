// The fixed-order training GEMM (train_gemm.hpp) with 8-lane AVX2 + FMA vectors: 6 x 16 register tiles.
#include <immintrin.h>

#include <cstddef>

#include "math/train_gemm.hpp"

#define TOPDOWN_TRAIN_GEMM_NV 2

namespace {
using V = __m256;
using Mask = __m256i;
constexpr int kLanes = 8;
inline V load(const float* p) { return _mm256_loadu_ps(p); }
inline V maskload(const float* p, Mask m) { return _mm256_maskload_ps(p, m); }
inline void store(float* p, V x) { _mm256_storeu_ps(p, x); }
inline void maskstore(float* p, Mask m, V x) { _mm256_maskstore_ps(p, m, x); }
inline V set1(float x) { return _mm256_set1_ps(x); }
inline V zero() { return _mm256_setzero_ps(); }
inline V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
inline V fnma(V a, V b, V c) { return _mm256_fnmadd_ps(a, b, c); }
inline V add(V a, V b) { return _mm256_add_ps(a, b); }
inline V sub(V a, V b) { return _mm256_sub_ps(a, b); }
inline V mul(V a, V b) { return _mm256_mul_ps(a, b); }
inline V div(V a, V b) { return _mm256_div_ps(a, b); }
// Lanes [0, n) set.
inline Mask make_mask(int n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
}  // namespace

#include "math/train_gemm_kernel.inl"

namespace topdown::detail {

void train_gemm_block_avx2(const TrainGemm& g, int i0, int i1, int j0, int j1) { block(g, i0, i1, j0, j1); }

}  // namespace topdown::detail
