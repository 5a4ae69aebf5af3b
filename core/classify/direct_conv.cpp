#include "classify/direct_conv.hpp"

#include <immintrin.h>

#include "math/fixed_order_gemm.hpp"

namespace topdown {

namespace {

#define TOPDOWN_AVX512 __attribute__((target("avx512f")))

// R output positions of one output row (x0 .. x0+R-1) x NV*16 channels: R*NV independent FMA chains; every
// loaded weight vector serves R positions.
template <int R, int NV>
TOPDOWN_AVX512 void conv_block(const float* in, int side, int ch, int k, const float* W, const float* b, int co,
                               int y, int x0, int o, float* out) {
    __m512 acc[R][NV];
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_setzero_ps();
    for (int ky = 0; ky < k; ++ky)
        for (int kx = 0; kx < k; ++kx) {
            const float* src = in + (static_cast<std::size_t>(y + ky) * side + x0 + kx) * ch;  // position (y+ky, x0+kx)
            const float* wk = W + static_cast<std::size_t>((ky * k + kx) * ch) * co;
            for (int c = 0; c < ch; ++c) {
                __m512 w[NV];
                for (int v = 0; v < NV; ++v) w[v] = _mm512_loadu_ps(wk + static_cast<std::size_t>(c) * co + 16 * v);
                for (int r = 0; r < R; ++r) {
                    const __m512 x = _mm512_set1_ps(src[static_cast<std::size_t>(r) * ch + c]);
                    for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_fmadd_ps(x, w[v], acc[r][v]);
                }
            }
        }
    const __m512 zero = _mm512_setzero_ps();  // maskz_max: GCC 12 warns about _mm512_max_ps's undefined source
    for (int v = 0; v < NV; ++v) {
        const __m512 bias = _mm512_loadu_ps(b + 16 * v);
        for (int r = 0; r < R; ++r)
            _mm512_storeu_ps(out + (static_cast<std::size_t>(y) * o + x0 + r) * co + 16 * v,
                             _mm512_maskz_max_ps(0xFFFF, _mm512_add_ps(acc[r][v], bias), zero));
    }
}

template <int NV>
TOPDOWN_AVX512 void conv_rows(const float* in, int side, int ch, int k, const float* W, const float* b, int co,
                              float* out) {
    constexpr int kR = NV == 1 ? 12 : 8;  // 12 or 16 accumulators: enough chains to hide the FMA latency
    const int o = side - k + 1;
    for (int y = 0; y < o; ++y) {
        int x = 0;
        for (; x + kR <= o; x += kR) conv_block<kR, NV>(in, side, ch, k, W, b, co, y, x, o, out);
        for (; x + 4 <= o; x += 4) conv_block<4, NV>(in, side, ch, k, W, b, co, y, x, o, out);
        for (; x < o; ++x) conv_block<1, NV>(in, side, ch, k, W, b, co, y, x, o, out);
    }
}

}  // namespace

bool direct_conv_available(int c_out) { return fixed_order_avx512_active() && (c_out == 16 || c_out == 32); }

void direct_conv_relu(const float* in, int side, int ch, int k, const float* W, const float* b, int c_out, float* out) {
    if (c_out == 16) conv_rows<1>(in, side, ch, k, W, b, c_out, out);
    else conv_rows<2>(in, side, ch, k, W, b, c_out, out);
}

}  // namespace topdown
