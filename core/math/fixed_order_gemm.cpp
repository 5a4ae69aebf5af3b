#include "math/fixed_order_gemm.hpp"

#include <immintrin.h>

#include <atomic>
#include <cmath>
#include <vector>

namespace topdown {

namespace {

constexpr int kTileRows = 6;

// ---- AVX2 kernels (8 lanes): every x86-64-v3 CPU -------------------------------------------------------

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

// ---- AVX-512 kernels (16 lanes), chosen at run time (issue 21) -------------------------------------------
// The same per-element operations in the same order as above: acc = fma(x[k], W[k, j], acc) over the listed
// k, then one rounded add of the bias. Only the number of lanes per instruction changes, so every element
// keeps its bits. Differences to the AVX2 path, all bit-neutral: the bias is added in registers before the
// store (the AVX2 path adds it in a second pass), and column tails use masked loads/stores instead of
// scalar code (a 4-column tail cost as much as a whole 64-column block before).
#define TOPDOWN_AVX512 __attribute__((target("avx512f")))

// R rows x (NV * 16) columns from j0; with Masked, a single vector whose lanes outside `mask` are neither
// read from W nor written.
template <int R, int NV, bool Masked>
TOPDOWN_AVX512 inline void tile_block512(const float* X, std::size_t ldx, const float* W, std::size_t n_out,
                                         const int* ks, int nk, std::size_t j0, __mmask16 mask, const float* bias,
                                         float* out, std::size_t ldo) {
    __m512 acc[R][NV];
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_setzero_ps();
    for (int t = 0; t < nk; ++t) {
        const std::size_t k = static_cast<std::size_t>(ks[t]);
        const float* wrow = W + k * n_out + j0;
        if constexpr (R == 1) {
            // One row (a single chain): the listed rows of W are scattered and each is used once, so the
            // hardware prefetcher cannot follow; fetch the block of the row 8 entries ahead.
            if (t + 8 < nk) {
                const float* ahead = W + static_cast<std::size_t>(ks[t + 8]) * n_out + j0;
                for (int v = 0; v < NV; ++v) _mm_prefetch(reinterpret_cast<const char*>(ahead + 16 * v), _MM_HINT_T0);
            }
        }
        __m512 w[NV];
        for (int v = 0; v < NV; ++v)
            w[v] = Masked ? _mm512_maskz_loadu_ps(mask, wrow + 16 * v) : _mm512_loadu_ps(wrow + 16 * v);
        for (int r = 0; r < R; ++r) {
            const __m512 x = _mm512_set1_ps(X[std::size_t(r) * ldx + k]);
            for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_fmadd_ps(x, w[v], acc[r][v]);
        }
    }
    for (int v = 0; v < NV; ++v) {
        const __m512 b = !bias ? _mm512_setzero_ps()
                         : Masked ? _mm512_maskz_loadu_ps(mask, bias + j0 + 16 * v)
                                  : _mm512_loadu_ps(bias + j0 + 16 * v);
        for (int r = 0; r < R; ++r) {
            const __m512 o = bias ? _mm512_add_ps(acc[r][v], b) : acc[r][v];
            float* dst = out + std::size_t(r) * ldo + j0 + 16 * v;
            if (Masked)
                _mm512_mask_storeu_ps(dst, mask, o);
            else
                _mm512_storeu_ps(dst, o);
        }
    }
}

// Columns [j_begin, j_end) of an R-row tile: NV-vector blocks, single vectors, one masked vector.
template <int R, int NV>
TOPDOWN_AVX512 void tile_range512(const float* X, std::size_t ldx, const float* W, std::size_t n_out, const int* ks,
                                  int nk, std::size_t j_begin, std::size_t j_end, const float* bias, float* out,
                                  std::size_t ldo) {
    std::size_t j = j_begin;
    for (; j + NV * 16 <= j_end; j += NV * 16)
        tile_block512<R, NV, false>(X, ldx, W, n_out, ks, nk, j, 0xFFFF, bias, out, ldo);
    // Two vectors at once where 32 columns remain (the classifier's 32-channel convolution, block tails):
    // twice the independent FMA chains of single vectors, and one pass over the k list instead of two.
    if constexpr (NV > 2)
        for (; j + 32 <= j_end; j += 32) tile_block512<R, 2, false>(X, ldx, W, n_out, ks, nk, j, 0xFFFF, bias, out, ldo);
    for (; j + 16 <= j_end; j += 16) tile_block512<R, 1, false>(X, ldx, W, n_out, ks, nk, j, 0xFFFF, bias, out, ldo);
    if (j < j_end) {
        const __mmask16 mask = static_cast<__mmask16>((1u << (j_end - j)) - 1u);
        tile_block512<R, 1, true>(X, ldx, W, n_out, ks, nk, j, mask, bias, out, ldo);
    }
}

// Indices k < n_in where any of the R rows is non-zero. Branch-free (issue 21): binary states are on at
// random, so a branch per k mispredicted often. `ks` needs room for n_in entries.
int nonzero_columns(const float* Xt, int R, std::size_t n_in, std::size_t ldx, int* ks) {
    int nk = 0;
    for (std::size_t k = 0; k < n_in; ++k) {
        bool any = false;
        for (int r = 0; r < R; ++r) any |= Xt[std::size_t(r) * ldx + k] != 0.0f;
        ks[nk] = static_cast<int>(k);
        nk += any ? 1 : 0;
    }
    return nk;
}

// The same list, 16 k at a time (issue 21: the scan was a quarter of the classifier's time, whose inputs are
// dense). `x != 0` is an unordered not-equal compare (NaN counts as non-zero, −0 as zero), like the scalar
// test. Each step stores a whole 16-index vector at ks + nk, so `ks` needs n_in + 16 entries; the entries past
// the count are overwritten by the next step or ignored.
TOPDOWN_AVX512 int nonzero_columns512(const float* Xt, int R, std::size_t n_in, std::size_t ldx, int* ks) {
    int nk = 0;
    std::size_t k = 0;
    __m512i idx = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i step = _mm512_set1_epi32(16);
    const __m512 zero = _mm512_setzero_ps();
    for (; k + 16 <= n_in; k += 16) {
        __mmask16 any = 0;
        for (int r = 0; r < R; ++r)
            any = static_cast<__mmask16>(any | _mm512_cmp_ps_mask(_mm512_loadu_ps(Xt + std::size_t(r) * ldx + k), zero, _CMP_NEQ_UQ));
        _mm512_storeu_si512(ks + nk, _mm512_maskz_compress_epi32(any, idx));
        nk += __builtin_popcount(static_cast<unsigned>(any));
        idx = _mm512_add_epi32(idx, step);
    }
    for (; k < n_in; ++k) {
        bool nz = false;
        for (int r = 0; r < R; ++r) nz |= Xt[std::size_t(r) * ldx + k] != 0.0f;
        ks[nk] = static_cast<int>(k);
        nk += nz ? 1 : 0;
    }
    return nk;
}

bool cpu_has_avx512() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}
std::atomic<bool> g_use_avx512{cpu_has_avx512()};

// The many-rows AVX-512 path: column blocks outermost (as the AVX2 path), bias fused into the store.
TOPDOWN_AVX512 void affine_rows512(const float* X, std::size_t rows, std::size_t n_in, std::size_t ldx,
                                   const float* W, std::size_t n_out, const float* bias, float* out, std::size_t ldo,
                                   const int* ks, const int* nk) {
    constexpr std::size_t kBlock = 64;
    const std::size_t tiles = (rows + kTileRows - 1) / kTileRows;
    for (std::size_t j0 = 0; j0 < n_out; j0 += kBlock) {
        const std::size_t j1 = std::min(n_out, j0 + kBlock);
        for (std::size_t t = 0; t < tiles; ++t) {
            const int R = static_cast<int>(std::min<std::size_t>(kTileRows, rows - t * kTileRows));
            const float* Xt = X + t * kTileRows * ldx;
            float* Ot = out + t * kTileRows * ldo;
            const int* kt = ks + t * n_in;
            switch (R) {
                case 1: tile_range512<1, 4>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, bias, Ot, ldo); break;
                case 2: tile_range512<2, 4>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, bias, Ot, ldo); break;
                case 3: tile_range512<3, 4>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, bias, Ot, ldo); break;
                case 4: tile_range512<4, 4>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, bias, Ot, ldo); break;
                case 5: tile_range512<5, 4>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, bias, Ot, ldo); break;
                default: tile_range512<6, 4>(Xt, ldx, W, n_out, kt, nk[t], j0, j1, bias, Ot, ldo); break;
            }
        }
    }
}

// One row, AVX-512: 128 columns per pass over the non-zero list (eight independent FMA chains).
TOPDOWN_AVX512 void affine_one512(const float* X, std::size_t ldx, const float* W, std::size_t n_out,
                                  const float* bias, float* out, std::size_t ldo, const int* ks, int nk) {
    tile_range512<1, 8>(X, ldx, W, n_out, ks, nk, 0, n_out, bias, out, ldo);
}

}  // namespace

bool fixed_order_use_avx512(bool enable) {
    const bool on = enable && cpu_has_avx512();
    g_use_avx512.store(on);
    return on;
}

bool fixed_order_avx512_active() { return g_use_avx512.load(std::memory_order_relaxed); }

void fixed_order_affine(const float* X, std::size_t rows, std::size_t n_in, std::size_t ldx, const float* W,
                        std::size_t n_out, const float* bias, float* out, std::size_t ldo) {
    if (rows == 0) return;
    const bool avx512 = fixed_order_avx512_active();
    // The non-zero lists live in per-thread buffers that only grow: this runs once per layer and step, and a
    // fresh vector of a few hundred KB cost a page fault per page every call.
    thread_local std::vector<int> ks, nk;
    if (rows == 1) {  // one chain: wide column blocks, the whole row at once
        if (ks.size() < n_in + 16) ks.resize(n_in + 16);
        const int nk = avx512 ? nonzero_columns512(X, 1, n_in, ldx, ks.data()) : nonzero_columns(X, 1, n_in, ldx, ks.data());
        if (avx512) return affine_one512(X, ldx, W, n_out, bias, out, ldo, ks.data(), nk);
        tile_range<1, 8>(X, ldx, W, n_out, ks.data(), nk, 0, n_out, out, ldo);
    } else {
        // Many rows: column blocks outermost so that a block of W (n_in x 64 floats) stays in cache while
        // every row tile passes over it; each tile's non-zero list is built once.
        const std::size_t tiles = (rows + kTileRows - 1) / kTileRows;
        if (ks.size() < tiles * n_in + 16) ks.resize(tiles * n_in + 16);  // + 16: nonzero_columns512 stores whole vectors
        if (nk.size() < tiles) nk.resize(tiles);
        for (std::size_t t = 0; t < tiles; ++t) {  // in increasing t: a tile's spill is overwritten by the next
            const int R = static_cast<int>(std::min<std::size_t>(kTileRows, rows - t * kTileRows));
            const float* Xt = X + t * kTileRows * ldx;
            int* kt = ks.data() + t * n_in;
            nk[t] = avx512 ? nonzero_columns512(Xt, R, n_in, ldx, kt) : nonzero_columns(Xt, R, n_in, ldx, kt);
        }
        if (avx512) return affine_rows512(X, rows, n_in, ldx, W, n_out, bias, out, ldo, ks.data(), nk.data());
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
