// One step of contrastive divergence (CD-1) on a mini-batch, exactly as docs/METHODS.md §4.1.
#pragma once
#include <vector>

#include "math/matrix.hpp"
#include "math/random.hpp"
#include "model/rbm_layer.hpp"

namespace topdown {

// Momentum buffers of one layer.
struct Cd1Velocity {
    Matrix dW;
    Vector da, db;
    // Zero buffers shaped like `layer`.
    static Cd1Velocity zeros_like(const RbmLayer& layer);
};

// Scratch matrices reused between calls (avoids allocation in the training loop).
struct Cd1Workspace {
    Matrix pos_ph, h0, neg_pv, v1, neg_ph, grad;
    Matrix vs, hs;  // [v0; v1] and [pos_ph; −neg_ph] (2B rows): the gradient as one GEMM (OpenBLAS path)
    // The fixed-order path (issue 21): h0, neg_pv and v1 transposed (one row per unit), bias gradients, and the
    // squared reconstruction error per visible unit.
    Matrix h0t, neg_pvt, v1t;
    Vector dv, dh;
    std::vector<double> sq_err;
};

struct Cd1Params {
    float learning_rate;
    float momentum;
    float weight_decay;
    bool sample_negative_visible;
    int threads = 0;  // threads for the step (0: all); the results do not depend on it
};

// out = σ(x W + b) through the training GEMM (the fixed-order kernels of math/train_gemm.hpp, or OpenBLAS when
// opted in, as cd1_update): the trainer's up-pass of a whole data set. Each row's result does not depend on the
// other rows or on the number of threads.
void cd1_up(const RbmLayer& layer, const Matrix& x, Matrix& out);

// Updates `layer` and `vel` from the batch v0 (rows are samples); returns MSE(v0, neg_pv).
float cd1_update(RbmLayer& layer, Cd1Velocity& vel, const Matrix& v0, const Cd1Params& params, CounterRng& rng,
                 Cd1Workspace& ws);

}  // namespace topdown
