#include "train/cd1.hpp"

namespace topdown {

Cd1Velocity Cd1Velocity::zeros_like(const RbmLayer& l) {
    return {Matrix::Zero(l.W.rows(), l.W.cols()), Vector::Zero(l.a.size()), Vector::Zero(l.b.size())};
}

float cd1_update(RbmLayer& layer, Cd1Velocity& vel, const Matrix& v0, const Cd1Params& p, CounterRng& rng,
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

}  // namespace topdown
