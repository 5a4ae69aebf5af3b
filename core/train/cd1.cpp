#include "train/cd1.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "math/fast_sigmoid.hpp"
#include "math/sgemm.hpp"
#include "math/train_gemm.hpp"
#include "util/errors.hpp"
#include "util/threads.hpp"

namespace topdown {

Cd1Velocity Cd1Velocity::zeros_like(const RbmLayer& l) {
    return {Matrix::Zero(l.W.rows(), l.W.cols()), Vector::Zero(l.a.size()), Vector::Zero(l.b.size())};
}

namespace {

// The opt-in OpenBLAS path (TOPDOWN_OPENBLAS=1): out (rows x W.cols()) = σ(X W + b), X at row stride ldx, out at
// row stride ldo (bias and sigmoid in one pass over each row, right after the GEMM, while it is in cache).
void up_into(const float* X, int rows, int ldx, const RbmLayer& l, float* out, int ldo) {
    const int n = static_cast<int>(l.W.rows()), m = static_cast<int>(l.W.cols());
    sgemm_rowmajor(false, false, rows, m, n, 1.0f, X, ldx, l.W.data(), m, 0.0f, out, ldo);
    for (int r = 0; r < rows; ++r) {
        float* o = out + std::size_t(r) * std::size_t(ldo);
        for (int j = 0; j < m; ++j) o[j] += l.b(j);
        sigmoid_inplace(o, std::size_t(m));
    }
}

#ifdef _OPENMP
#define TOPDOWN_OMP(directive) _Pragma(#directive)
#else
#define TOPDOWN_OMP(directive)
#endif

constexpr int kCols = 64;     // columns of a work item (a multiple of both kernels' tile width)
constexpr int kRowGroup = 48;  // rows of a work item where the rows are many (a multiple of the 6-row tile)

// Sample k of a Bernoulli block with round keys (k0, k1): 1 when the block's number k, read as a uniform in
// [0, 1), is below p (exactly CounterRng::bernoulli's draw for element k).
inline float draw(std::uint32_t k0, std::uint32_t k1, std::uint32_t k, float p) {
    return static_cast<float>(CounterRng::block_number(k0, k1, k) >> 8) * 0x1p-24f < p ? 1.0f : 0.0f;
}

// The default CD-1 step (issue 21): four fixed-order products (math/train_gemm.hpp), each split into work items
// over the threads, with bias, sigmoid and sampling applied to each item's block while it is in cache, and the
// momentum, weight-decay and weight updates fused into the gradient product. Every number is computed by the
// same operations in the same order whichever thread computes it and however many there are.
float cd1_update_fixed(RbmLayer& layer, Cd1Velocity& vel, const Matrix& v0, const Cd1Params& p, CounterRng& rng,
                       Cd1Workspace& ws) {
    const int B = static_cast<int>(v0.rows()), n = static_cast<int>(layer.W.rows()), m = static_cast<int>(layer.W.cols());
    ws.pos_ph.resize(B, m);
    ws.neg_ph.resize(B, m);
    ws.h0t.resize(m, B);
    ws.neg_pvt.resize(n, B);
    if (p.sample_negative_visible) ws.v1t.resize(n, B);
    ws.dv.resize(n);
    ws.dh.resize(m);
    ws.sq_err.resize(static_cast<std::size_t>(n));
    const Matrix& v1t = p.sample_negative_visible ? ws.v1t : ws.neg_pvt;
    std::uint32_t hk0, hk1, vk0 = 0, vk1 = 0;  // one block for h0, then one for v1 (as CounterRng::bernoulli)
    rng.next_block_keys(hk0, hk1);
    if (p.sample_negative_visible) rng.next_block_keys(vk0, vk1);

    float* W = layer.W.data();
    float* pos = ws.pos_ph.data();
    float* neg = ws.neg_ph.data();
    float* h0t = ws.h0t.data();
    float* npvt = ws.neg_pvt.data();
    float* v1tw = ws.v1t.data();
    const float* v1 = v1t.data();
    const float* x0 = v0.data();
    const std::uint32_t um = static_cast<std::uint32_t>(m), un = static_cast<std::uint32_t>(n);

    TrainGemm up0;  // pos_ph = v0 W + b
    up0.pos = {x0, n, 1, W, m, n};
    up0.C = pos;
    up0.ldc = m;
    up0.col_bias = layer.b.data();
    TrainGemm down;  // neg_pvᵀ = W h0ᵀ + a
    down.pos = {W, m, 1, h0t, B, m};
    down.C = npvt;
    down.ldc = B;
    down.row_bias = layer.a.data();
    TrainGemm up1 = up0;  // neg_ph = v1 W + b
    up1.pos = {v1, 1, B, W, m, n};
    up1.C = neg;
    TrainGemm grad;  // g = v0ᵀ pos_ph − v1ᵀ neg_ph, then the weight step
    grad.pos = {x0, 1, n, pos, m, B};
    grad.neg = {v1, B, 1, neg, m, B};
    grad.W = W;
    grad.dW = vel.dW.data();
    grad.ldw = m;
    grad.momentum = p.momentum;
    grad.learning_rate = p.learning_rate;
    grad.weight_decay = p.weight_decay;
    grad.divisor = static_cast<float>(B);

    const int mcols = (m + kCols - 1) / kCols, bcols = (B + kCols - 1) / kCols;
    const int ngroups = (n + kRowGroup - 1) / kRowGroup, nblocks = (n + kCols - 1) / kCols;
    const float fB = static_cast<float>(B);
    [[maybe_unused]] const int nt = p.threads > 0 ? p.threads : max_threads();
    TOPDOWN_OMP(omp parallel num_threads(nt)) {
        // 1. pos_ph = σ(v0 W + b), h0 ~ Bern(pos_ph) stored transposed: column blocks of pos_ph.
        TOPDOWN_OMP(omp for schedule(dynamic, 1))
        for (int c = 0; c < mcols; ++c) {
            const int j0 = c * kCols, j1 = std::min(m, j0 + kCols);
            train_gemm_block(up0, 0, B, j0, j1);
            float h[kCols];
            for (int r = 0; r < B; ++r) {
                float* row = pos + std::size_t(r) * std::size_t(m);
                fast_sigmoid(row + j0, std::size_t(j1 - j0));
                const std::uint32_t base = static_cast<std::uint32_t>(r) * um;
                for (int j = j0; j < j1; ++j) h[j - j0] = draw(hk0, hk1, base + static_cast<std::uint32_t>(j), row[j]);
                for (int j = j0; j < j1; ++j) h0t[std::size_t(j) * std::size_t(B) + std::size_t(r)] = h[j - j0];
            }
        }
        // 2. neg_pv = σ(h0 Wᵀ + a) and v1 ~ Bern(neg_pv), both transposed: blocks of (visible unit, sample).
        TOPDOWN_OMP(omp for schedule(dynamic, 1))
        for (int t = 0; t < ngroups * bcols; ++t) {
            const int i0 = (t / bcols) * kRowGroup, i1 = std::min(n, i0 + kRowGroup);
            const int c0 = (t % bcols) * kCols, c1 = std::min(B, c0 + kCols);
            train_gemm_block(down, i0, i1, c0, c1);
            for (int i = i0; i < i1; ++i) {
                float* row = npvt + std::size_t(i) * std::size_t(B);
                fast_sigmoid(row + c0, std::size_t(c1 - c0));
                if (!p.sample_negative_visible) continue;
                float* out = v1tw + std::size_t(i) * std::size_t(B);
                for (int r = c0; r < c1; ++r)
                    out[r] = draw(vk0, vk1, static_cast<std::uint32_t>(r) * un + static_cast<std::uint32_t>(i), row[r]);
            }
        }
        // 3. Per column block of W: neg_ph = σ(v1 W + b) (which reads only this block of W), the hidden-bias
        // gradient, then the gradient v0ᵀ pos_ph − v1ᵀ neg_ph with momentum, weight decay and the step fused (which
        // writes only this block); then the visible-bias gradient and the squared error per block of visible units.
        // Sums run over the samples in increasing order. One barrier fewer, and each block of W and neg_ph is
        // used while it is in cache.
        TOPDOWN_OMP(omp for schedule(dynamic, 1))
        for (int t = 0; t < mcols + nblocks; ++t) {
            if (t < mcols) {
                const int j0 = t * kCols, j1 = std::min(m, j0 + kCols);
                train_gemm_block(up1, 0, B, j0, j1);
                float sp[kCols] = {}, sn[kCols] = {};
                for (int r = 0; r < B; ++r) {
                    const float* pr = pos + std::size_t(r) * std::size_t(m);
                    float* nr = neg + std::size_t(r) * std::size_t(m);
                    fast_sigmoid(nr + j0, std::size_t(j1 - j0));
                    for (int j = j0; j < j1; ++j) {
                        sp[j - j0] += pr[j];
                        sn[j - j0] += nr[j];
                    }
                }
                for (int j = j0; j < j1; ++j) ws.dh(j) = (sp[j - j0] - sn[j - j0]) / fB;
                train_gemm_block(grad, 0, n, j0, j1);
            } else {
                const int i0 = (t - mcols) * kCols, i1 = std::min(n, i0 + kCols);
                float s0[kCols] = {};
                double e[kCols] = {};
                for (int r = 0; r < B; ++r) {
                    const float* xr = x0 + std::size_t(r) * std::size_t(n);
                    for (int i = i0; i < i1; ++i) {
                        s0[i - i0] += xr[i];
                        const double d = double(xr[i]) - double(npvt[std::size_t(i) * std::size_t(B) + std::size_t(r)]);
                        e[i - i0] += d * d;
                    }
                }
                for (int i = i0; i < i1; ++i) {
                    const float* vr = v1 + std::size_t(i) * std::size_t(B);
                    float s1 = 0;
                    for (int r = 0; r < B; ++r) s1 += vr[r];
                    ws.dv(i) = (s0[i - i0] - s1) / fB;
                    ws.sq_err[std::size_t(i)] = e[i - i0];
                }
            }
        }
    }
    for (int i = 0; i < n; ++i) vel.da(i) = p.momentum * vel.da(i) + p.learning_rate * ws.dv(i);
    for (int j = 0; j < m; ++j) vel.db(j) = p.momentum * vel.db(j) + p.learning_rate * ws.dh(j);
    layer.a += vel.da;
    layer.b += vel.db;
    double sq = 0;
    for (double e : ws.sq_err) sq += e;
    return static_cast<float>(sq / (double(B) * double(n)));
}

// out = σ(x W + b) with the fixed-order product: blocks of kRowGroup * 2 rows x kCols columns over the threads.
void up_fixed(const RbmLayer& layer, const Matrix& x, Matrix& out) {
    const int N = static_cast<int>(x.rows()), n = static_cast<int>(layer.W.rows()), m = static_cast<int>(layer.W.cols());
    out.resize(N, m);
    TrainGemm g;
    g.pos = {x.data(), n, 1, layer.W.data(), m, n};
    g.C = out.data();
    g.ldc = m;
    g.col_bias = layer.b.data();
    constexpr int rows = 2 * kRowGroup;
    const int groups = (N + rows - 1) / rows, mcols = (m + kCols - 1) / kCols;
    float* o = out.data();
    TOPDOWN_OMP(omp parallel for schedule(dynamic, 1))
    for (int t = 0; t < groups * mcols; ++t) {
        const int r0 = (t / mcols) * rows, r1 = std::min(N, r0 + rows);
        const int j0 = (t % mcols) * kCols, j1 = std::min(m, j0 + kCols);
        train_gemm_block(g, r0, r1, j0, j1);
        for (int r = r0; r < r1; ++r) fast_sigmoid(o + std::size_t(r) * std::size_t(m) + j0, std::size_t(j1 - j0));
    }
}

}  // namespace

void cd1_up(const RbmLayer& layer, const Matrix& x, Matrix& out) {
    if (x.cols() != layer.W.rows()) throw ArgumentError("cd1_up: input has the wrong number of columns");
    if (std::string(sgemm_backend()) != "openblas") return up_fixed(layer, x, out);
    out.resize(x.rows(), layer.W.cols());
    up_into(x.data(), static_cast<int>(x.rows()), static_cast<int>(x.cols()), layer, out.data(), static_cast<int>(out.cols()));
}

float cd1_update(RbmLayer& layer, Cd1Velocity& vel, const Matrix& v0, const Cd1Params& p, CounterRng& rng,
                 Cd1Workspace& ws) {
    if (v0.cols() != layer.W.rows()) throw ArgumentError("cd1_update: the batch has the wrong number of columns");
    if (std::string(sgemm_backend()) != "openblas") return cd1_update_fixed(layer, vel, v0, p, rng, ws);
    const int B = static_cast<int>(v0.rows()), n = static_cast<int>(layer.W.rows()), m = static_cast<int>(layer.W.cols());
    const float fB = static_cast<float>(B);
    // Issue 21: both phases in one pair of matrices, positive rows [0, B) and negative rows [B, 2B):
    // vs = [v0; v1], hs = [pos_ph; −neg_ph], so the gradient v0ᵀ pos_ph − v1ᵀ neg_ph is ONE GEMM vsᵀ hs with
    // inner size 2B (better kernel efficiency than two GEMMs of inner size B), and no temporary is allocated.
    ws.vs.resize(2 * B, n);
    ws.hs.resize(2 * B, m);
    ws.h0.resize(B, m);
    ws.neg_pv.resize(B, n);
    float* v1 = ws.vs.data() + std::size_t(B) * std::size_t(n);
    float* neg = ws.hs.data() + std::size_t(B) * std::size_t(m);
    std::copy(v0.data(), v0.data() + v0.size(), ws.vs.data());

    up_into(v0.data(), B, n, layer, ws.hs.data(), m);                                  // pos_ph = up(v0)
    rng.bernoulli(ws.hs.data(), ws.h0.data(), std::size_t(B) * std::size_t(m));        // h0 ~ Bern(pos_ph)
    sgemm_rowmajor(false, true, B, n, m, 1.0f, ws.h0.data(), m, layer.W.data(), m, 0.0f, ws.neg_pv.data(), n);
    for (int r = 0; r < B; ++r) {                                                       // neg_pv = down(h0)
        float* o = ws.neg_pv.data() + std::size_t(r) * std::size_t(n);
        for (int i = 0; i < n; ++i) o[i] += layer.a(i);
        sigmoid_inplace(o, std::size_t(n));
    }
    if (p.sample_negative_visible)                                                      // v1 ~ Bern(neg_pv)
        rng.bernoulli(ws.neg_pv.data(), v1, std::size_t(B) * std::size_t(n));
    else
        std::copy(ws.neg_pv.data(), ws.neg_pv.data() + ws.neg_pv.size(), v1);
    up_into(v1, B, n, layer, neg, m);                                                   // neg_ph = up(v1)

    // Visible and hidden bias gradients (column sums), then hs's lower half negated for the single GEMM.
    const auto vtop = ws.vs.topRows(B), vbot = ws.vs.bottomRows(B);
    const auto htop = ws.hs.topRows(B);
    auto hbot = ws.hs.bottomRows(B);
    const Vector dv = (vtop.colwise().sum() - vbot.colwise().sum()) / fB;
    const Vector dh = (htop.colwise().sum() - hbot.colwise().sum()) / fB;
    hbot = -hbot;
    ws.grad.resize(n, m);
    sgemm_rowmajor(true, false, n, m, 2 * B, 1.0f, ws.vs.data(), n, ws.hs.data(), m, 0.0f, ws.grad.data(), m);

    // Momentum, weight decay and the weight step in one pass over W (was three expression passes).
    {
        float* dW = vel.dW.data();
        float* W = layer.W.data();
        const float* g = ws.grad.data();
        const float mom = p.momentum, lr = p.learning_rate, wd = p.weight_decay;
        const std::size_t size = std::size_t(n) * std::size_t(m);
        for (std::size_t i = 0; i < size; ++i) {
            const float d = mom * dW[i] + lr * (g[i] / fB - wd * W[i]);
            dW[i] = d;
            W[i] += d;
        }
    }
    vel.da = p.momentum * vel.da + p.learning_rate * dv;
    vel.db = p.momentum * vel.db + p.learning_rate * dh;
    layer.a += vel.da;
    layer.b += vel.db;
    return (v0 - ws.neg_pv).squaredNorm() / static_cast<float>(v0.size());
}

}  // namespace topdown
