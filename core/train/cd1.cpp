#include "train/cd1.hpp"

#include <algorithm>
#include <string>

#include "math/sgemm.hpp"

namespace topdown {

Cd1Velocity Cd1Velocity::zeros_like(const RbmLayer& l) {
    return {Matrix::Zero(l.W.rows(), l.W.cols()), Vector::Zero(l.a.size()), Vector::Zero(l.b.size())};
}

namespace {

// out (rows x W.cols()) = σ(X W + b), X at row stride ldx, out at row stride ldo (issue 21: bias and sigmoid
// in one pass over each row, right after the GEMM, while it is in cache).
void up_into(const float* X, int rows, int ldx, const RbmLayer& l, float* out, int ldo) {
    const int n = static_cast<int>(l.W.rows()), m = static_cast<int>(l.W.cols());
    sgemm_rowmajor(false, false, rows, m, n, 1.0f, X, ldx, l.W.data(), m, 0.0f, out, ldo);
    for (int r = 0; r < rows; ++r) {
        float* o = out + std::size_t(r) * std::size_t(ldo);
        for (int j = 0; j < m; ++j) o[j] += l.b(j);
        sigmoid_inplace(o, std::size_t(m));
    }
}

// The CD-1 update exactly as before issue 21 (Eigen expressions, two gradient products): used when OpenBLAS is
// not in use, so that an Eigen-only build (and the GUI tests' fixture model) trains bit for bit as it did.
float cd1_update_eigen(RbmLayer& layer, Cd1Velocity& vel, const Matrix& v0, const Cd1Params& p, CounterRng& rng,
                       Cd1Workspace& ws) {
    const float B = static_cast<float>(v0.rows());
    layer.up(v0, ws.pos_ph);                                              // pos_ph = up(v0)
    ws.h0.resize(ws.pos_ph.rows(), ws.pos_ph.cols());
    rng.bernoulli(ws.pos_ph.data(), ws.h0.data(), static_cast<std::size_t>(ws.h0.size()));  // h0 ~ Bern(pos_ph)
    layer.down(ws.h0, ws.neg_pv);                                         // neg_pv = down(h0)
    const Matrix* v1 = &ws.neg_pv;
    if (p.sample_negative_visible) {                                      // v1 ~ Bern(neg_pv)
        ws.v1.resize(ws.neg_pv.rows(), ws.neg_pv.cols());
        rng.bernoulli(ws.neg_pv.data(), ws.v1.data(), static_cast<std::size_t>(ws.v1.size()));
        v1 = &ws.v1;
    }
    layer.up(*v1, ws.neg_ph);                                             // neg_ph = up(v1)

    ws.grad.noalias() = v0.transpose() * ws.pos_ph;                       // v0ᵀ pos_ph − v1ᵀ neg_ph
    ws.grad.noalias() -= v1->transpose() * ws.neg_ph;
    vel.dW = p.momentum * vel.dW + p.learning_rate * (ws.grad / B - p.weight_decay * layer.W);
    vel.da = p.momentum * vel.da + p.learning_rate * (v0 - *v1).colwise().mean();
    vel.db = p.momentum * vel.db + p.learning_rate * (ws.pos_ph - ws.neg_ph).colwise().mean();
    layer.W += vel.dW;
    layer.a += vel.da;
    layer.b += vel.db;
    return (v0 - ws.neg_pv).squaredNorm() / static_cast<float>(v0.size());
}

}  // namespace

void cd1_up(const RbmLayer& layer, const Matrix& x, Matrix& out) {
    if (std::string(sgemm_backend()) != "openblas") return layer.up(x, out);  // as before issue 21
    out.resize(x.rows(), layer.W.cols());
    up_into(x.data(), static_cast<int>(x.rows()), static_cast<int>(x.cols()), layer, out.data(), static_cast<int>(out.cols()));
}

float cd1_update(RbmLayer& layer, Cd1Velocity& vel, const Matrix& v0, const Cd1Params& p, CounterRng& rng,
                 Cd1Workspace& ws) {
    if (std::string(sgemm_backend()) != "openblas") return cd1_update_eigen(layer, vel, v0, p, rng, ws);
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
