#include "math/fixed_order_gemm.hpp"

#include <immintrin.h>

#include <cmath>
#include <vector>

namespace topdown {

namespace {

constexpr int kTileRows = 6;

// R rows x (NV * 8) columns starting at column j0, over the listed k indices.
template <int R, int NV>
inline void tile_block(const float* X, std::size_t ldx, const float* W, std::size_t n_out, const int* ks, int nk,
                       std::size_t j0, float* acc_out, std::size_t ldacc) {
    __m256 acc[R][NV];
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) acc[r][v] = _mm256_setzero_ps();
    for (int t = 0; t < nk; ++t) {
        const std::size_t k = static_cast<std::size_t>(ks[t]);
        const float* wrow = W + k * n_out + j0;
        __m256 w[NV];
        for (int v = 0; v < NV; ++v) w[v] = _mm256_loadu_ps(wrow + 8 * v);
        for (int r = 0; r < R; ++r) {
            const __m256 x = _mm256_broadcast_ss(X + std::size_t(r) * ldx + k);
            for (int v = 0; v < NV; ++v) acc[r][v] = _mm256_fmadd_ps(x, w[v], acc[r][v]);
        }
    }
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) _mm256_storeu_ps(acc_out + std::size_t(r) * ldacc + j0 + 8 * v, acc[r][v]);
}

template <int R>
void tile_rows(const float* X, std::size_t ldx, const float* W, std::size_t n_out, const int* ks, int nk, float* out,
               std::size_t ldo) {
    constexpr int NV = R == 1 ? 8 : 2;
    std::size_t j = 0;
    for (; j + NV * 8 <= n_out; j += NV * 8) tile_block<R, NV>(X, ldx, W, n_out, ks, nk, j, out, ldo);
    for (; j + 8 <= n_out; j += 8) tile_block<R, 1>(X, ldx, W, n_out, ks, nk, j, out, ldo);
    for (; j < n_out; ++j)  // scalar tail: std::fma rounds exactly like the vector FMA
        for (int r = 0; r < R; ++r) {
            float acc = 0.0f;
            for (int t = 0; t < nk; ++t) {
                const std::size_t k = static_cast<std::size_t>(ks[t]);
                acc = std::fma(X[std::size_t(r) * ldx + k], W[k * n_out + j], acc);
            }
            out[std::size_t(r) * ldo + j] = acc;
        }
}

}  // namespace

void fixed_order_affine(const float* X, std::size_t rows, std::size_t n_in, std::size_t ldx, const float* W,
                        std::size_t n_out, const float* bias, float* out, std::size_t ldo) {
    std::vector<int> ks(n_in);
    for (std::size_t r0 = 0; r0 < rows; r0 += kTileRows) {
        const int R = static_cast<int>(std::min<std::size_t>(kTileRows, rows - r0));
        const float* Xt = X + r0 * ldx;
        int nk = 0;
        for (std::size_t k = 0; k < n_in; ++k) {
            bool any = false;
            for (int r = 0; r < R; ++r) any |= Xt[std::size_t(r) * ldx + k] != 0.0f;
            if (any) ks[static_cast<std::size_t>(nk++)] = static_cast<int>(k);
        }
        float* Ot = out + r0 * ldo;
        switch (R) {
            case 1: tile_rows<1>(Xt, ldx, W, n_out, ks.data(), nk, Ot, ldo); break;
            case 2: tile_rows<2>(Xt, ldx, W, n_out, ks.data(), nk, Ot, ldo); break;
            case 3: tile_rows<3>(Xt, ldx, W, n_out, ks.data(), nk, Ot, ldo); break;
            case 4: tile_rows<4>(Xt, ldx, W, n_out, ks.data(), nk, Ot, ldo); break;
            case 5: tile_rows<5>(Xt, ldx, W, n_out, ks.data(), nk, Ot, ldo); break;
            default: tile_rows<6>(Xt, ldx, W, n_out, ks.data(), nk, Ot, ldo); break;
        }
        if (bias)
            for (int r = 0; r < R; ++r)
                for (std::size_t j = 0; j < n_out; ++j) Ot[std::size_t(r) * ldo + j] += bias[j];
    }
}

}  // namespace topdown
