// The fixed-order training GEMM kernel (core/math/train_gemm.hpp), written once and compiled twice: by
// train_gemm_avx2.cpp and train_gemm_avx512.cpp, each of which first defines, in an anonymous namespace, the vector
// type V, its lane count kLanes, a tail mask type Mask and the operations used below (load, maskload, store,
// maskstore, set1, zero, fma, fnma, add, sub, mul, div, make_mask). Everything here has internal linkage, so the
// two compilations (one with AVX-512 enabled) never share a symbol. No headers are included here on purpose.
// Not a public header: do not include it anywhere else.

namespace {

constexpr int kRows = 6;  // rows of a register tile (broadcast operand)

// acc[r][v] (+/-)= A(i0 + r, k) * B(k, j0 + v * kLanes ...) for k in [0, t.K), in increasing k.
template <int R, int NV, bool Tail, bool Neg>
inline void accumulate(const topdown::TrainGemmTerm& t, int i0, int j0, Mask m, V (&acc)[R][NV]) {
    const float* a[R];
    for (int r = 0; r < R; ++r) a[r] = t.A + static_cast<std::ptrdiff_t>(i0 + r) * t.a_rs;
    const float* b = t.B + j0;
    const std::ptrdiff_t acs = t.a_cs, ldb = t.ldb;
    std::ptrdiff_t o = 0;
    for (int k = 0; k < t.K; ++k, o += acs, b += ldb) {
        V w[NV];
        for (int v = 0; v < NV; ++v) w[v] = (Tail && v == NV - 1) ? maskload(b + v * kLanes, m) : load(b + v * kLanes);
        for (int r = 0; r < R; ++r) {
            const V x = set1(a[r][o]);
            for (int v = 0; v < NV; ++v) acc[r][v] = Neg ? fnma(x, w[v], acc[r][v]) : fma(x, w[v], acc[r][v]);
        }
    }
}

// One R x (NV lanes-wide vectors) tile at (i0, j0); with Tail the last vector covers only the lanes in m.
template <int R, int NV, bool Tail>
inline void tile(const topdown::TrainGemm& g, int i0, int j0, Mask m) {
    V acc[R][NV];
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) acc[r][v] = zero();
    accumulate<R, NV, Tail, false>(g.pos, i0, j0, m, acc);
    if (g.neg.K > 0) accumulate<R, NV, Tail, true>(g.neg, i0, j0, m, acc);
    for (int v = 0; v < NV; ++v) {
        const bool masked = Tail && v == NV - 1;
        const int j = j0 + v * kLanes;
        V cb = zero();
        if (g.col_bias) cb = masked ? maskload(g.col_bias + j, m) : load(g.col_bias + j);
        for (int r = 0; r < R; ++r) {
            V c = acc[r][v];
            if (g.col_bias) c = add(c, cb);
            if (g.row_bias) c = add(c, set1(g.row_bias[i0 + r]));
            if (g.W) {  // the CD-1 weight step, each operation rounded once, in the documented order
                float* wp = g.W + static_cast<std::ptrdiff_t>(i0 + r) * g.ldw + j;
                float* dp = g.dW + static_cast<std::ptrdiff_t>(i0 + r) * g.ldw + j;
                const V w = masked ? maskload(wp, m) : load(wp);
                const V d0 = masked ? maskload(dp, m) : load(dp);
                V t = div(c, set1(g.divisor));
                t = sub(t, mul(set1(g.weight_decay), w));
                t = mul(set1(g.learning_rate), t);
                const V d = add(mul(set1(g.momentum), d0), t);
                if (masked) {
                    maskstore(dp, m, d);
                    maskstore(wp, m, add(w, d));
                } else {
                    store(dp, d);
                    store(wp, add(w, d));
                }
            } else {
                float* cp = g.C + static_cast<std::ptrdiff_t>(i0 + r) * g.ldc + j;
                if (masked)
                    maskstore(cp, m, c);
                else
                    store(cp, c);
            }
        }
    }
}

// A tile of R rows and `width` columns (1 <= width <= kCols).
template <int R>
inline void tile_rows(const topdown::TrainGemm& g, int i0, int j0, int width) {
    const int nv = (width + kLanes - 1) / kLanes;
    const int rem = width - (nv - 1) * kLanes;
    const Mask m = make_mask(rem);
    const bool tail = rem != kLanes;
    switch (nv) {
        case 1: return tail ? tile<R, 1, true>(g, i0, j0, m) : tile<R, 1, false>(g, i0, j0, m);
#if TOPDOWN_TRAIN_GEMM_NV >= 2
        case 2: return tail ? tile<R, 2, true>(g, i0, j0, m) : tile<R, 2, false>(g, i0, j0, m);
#endif
#if TOPDOWN_TRAIN_GEMM_NV >= 4
        case 3: return tail ? tile<R, 3, true>(g, i0, j0, m) : tile<R, 3, false>(g, i0, j0, m);
        case 4: return tail ? tile<R, 4, true>(g, i0, j0, m) : tile<R, 4, false>(g, i0, j0, m);
#endif
        default: return;
    }
}

constexpr int kCols = TOPDOWN_TRAIN_GEMM_NV * kLanes;  // columns of a register tile

// Column panels of kCols outermost (a panel of B is reused by every row tile), row tiles of kRows inside.
inline void block(const topdown::TrainGemm& g, int i0, int i1, int j0, int j1) {
    for (int j = j0; j < j1; j += kCols) {
        const int width = (j1 - j < kCols) ? j1 - j : kCols;
        int i = i0;
        for (; i + kRows <= i1; i += kRows) tile_rows<kRows>(g, i, j, width);
        switch (i1 - i) {
            case 1: tile_rows<1>(g, i, j, width); break;
            case 2: tile_rows<2>(g, i, j, width); break;
            case 3: tile_rows<3>(g, i, j, width); break;
            case 4: tile_rows<4>(g, i, j, width); break;
            case 5: tile_rows<5>(g, i, j, width); break;
            default: break;
        }
    }
}

}  // namespace
