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

// Columns [j_begin, j_end) of an R-row tile: NV-vector blocks, then single vectors, then scalars.
template <int R, int NV>
void tile_range(const float* X, std::size_t ldx, const float* W, std::size_t n_out, const int* ks, int nk,
                std::size_t j_begin, std::size_t j_end, float* out, std::size_t ldo) {
    std::size_t j = j_begin;
    for (; j + NV * 8 <= j_end; j += NV * 8) tile_block<R, NV>(X, ldx, W, n_out, ks, nk, j, out, ldo);
    for (; j + 8 <= j_end; j += 8) tile_block<R, 1>(X, ldx, W, n_out, ks, nk, j, out, ldo);
    for (; j < j_end; ++j)  // scalar tail: std::fma rounds exactly like the vector FMA
        for (int r = 0; r < R; ++r) {
            float acc = 0.0f;
            for (int t = 0; t < nk; ++t) {
                const std::size_t k = static_cast<std::size_t>(ks[t]);
                acc = std::fma(X[std::size_t(r) * ldx + k], W[k * n_out + j], acc);
            }
            out[std::size_t(r) * ldo + j] = acc;
        }
}

template <int R>
void tile_cols(const float* X, std::size_t ldx, const float* W, std::size_t n_out, const int* ks, int nk,
               std::size_t j_begin, std::size_t j_end, float* out, std::size_t ldo) {
    tile_range<R, 2>(X, ldx, W, n_out, ks, nk, j_begin, j_end, out, ldo);
}

// Indices k < n_in where any of the R rows is non-zero.
int nonzero_columns(const float* Xt, int R, std::size_t n_in, std::size_t ldx, int* ks) {
    int nk = 0;
    for (std::size_t k = 0; k < n_in; ++k) {
        bool any = false;
        for (int r = 0; r < R; ++r) any |= Xt[std::size_t(r) * ldx + k] != 0.0f;
        if (any) ks[nk++] = static_cast<int>(k);
    }
    return nk;
}

}  // namespace

void fixed_order_affine(const float* X, std::size_t rows, std::size_t n_in, std::size_t ldx, const float* W,
                        std::size_t n_out, const float* bias, float* out, std::size_t ldo) {
    if (rows == 0) return;
    if (rows == 1) {  // one chain: wide column blocks, the whole row at once
        std::vector<int> ks(n_in);
        const int nk = nonzero_columns(X, 1, n_in, ldx, ks.data());
        tile_range<1, 8>(X, ldx, W, n_out, ks.data(), nk, 0, n_out, out, ldo);
    } else {
        // Many rows: column blocks outermost so that a block of W (n_in x 64 floats) stays in cache while
        // every row tile passes over it; each tile's non-zero list is built once.
        const std::size_t tiles = (rows + kTileRows - 1) / kTileRows;
        std::vector<int> ks(tiles * n_in);
        std::vector<int> nk(tiles);
        for (std::size_t t = 0; t < tiles; ++t) {
            const int R = static_cast<int>(std::min<std::size_t>(kTileRows, rows - t * kTileRows));
            nk[t] = nonzero_columns(X + t * kTileRows * ldx, R, n_in, ldx, ks.data() + t * n_in);
        }
        constexpr std::size_t kBlock = 64;
        for (std::size_t j0 = 0; j0 < n_out; j0 += kBlock) {
            const std::size_t j1 = std::min(n_out, j0 + kBlock);
            for (std::size_t t = 0; t < tiles; ++t) {
                const int R = static_cast<int>(std::min<std::size_t>(kTileRows, rows - t * kTileRows));
                const float* Xt = X + t * kTileRows * ldx;
                float* Ot = out + t * kTileRows * ldo;
                const int* kt = ks.data() + t * n_in;
                switch (R) {
                    case 1: tile_cols<1>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, Ot, ldo); break;
                    case 2: tile_cols<2>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, Ot, ldo); break;
                    case 3: tile_cols<3>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, Ot, ldo); break;
                    case 4: tile_cols<4>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, Ot, ldo); break;
                    case 5: tile_cols<5>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, Ot, ldo); break;
                    default: tile_cols<6>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, Ot, ldo); break;
                }
            }
        }
    }
    if (bias)
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t j = 0; j < n_out; ++j) out[r * ldo + j] += bias[j];
}

}  // namespace topdown
