// Squared Euclidean distances of two float vectors for the nearest-neighbour search: the exact one in double
// (the reported distances) and a fast float one with a known error bound (a filter before the exact one).
#pragma once
#include <immintrin.h>

#include <cmath>
#include <cstddef>

namespace topdown {

// The squared distance in double, summed in index order with one fused multiply-add per coordinate. The
// census reports these values, so the order and the fused multiply-add are part of its results.
inline double exact_squared_distance(const float* a, const float* b, std::ptrdiff_t n) {
    double s = 0;
    for (std::ptrdiff_t k = 0; k < n; ++k) {
        const double t = double(a[k]) - double(b[k]);
        s = std::fma(t, t, s);
    }
    return s;
}

// The squared distance in float on 16 lanes: every term is non-negative and passes through at most
// n / 16 + 14 roundings, so the relative error is below (n / 16 + 14) * 2^-24, i.e. < 1e-5 for n <= 2,400.
inline float float_squared_distance(const float* a, const float* b, std::ptrdiff_t n) {
    __m256 acc = _mm256_setzero_ps(), acc2 = _mm256_setzero_ps();
    std::ptrdiff_t k = 0;
    for (; k + 16 <= n; k += 16) {
        const __m256 t = _mm256_sub_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(b + k));
        const __m256 t2 = _mm256_sub_ps(_mm256_loadu_ps(a + k + 8), _mm256_loadu_ps(b + k + 8));
        acc = _mm256_fmadd_ps(t, t, acc);
        acc2 = _mm256_fmadd_ps(t2, t2, acc2);
    }
    if (k + 8 <= n) {
        const __m256 t = _mm256_sub_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(b + k));
        acc = _mm256_fmadd_ps(t, t, acc);
        k += 8;
    }
    acc = _mm256_add_ps(acc, acc2);
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, acc);
    float s = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
    for (; k < n; ++k) s += (a[k] - b[k]) * (a[k] - b[k]);
    return s;
}

}  // namespace topdown
