// One RBM layer: weights W (n_lower x n_upper), lower bias a, upper bias b (docs/METHODS.md §3.1).
#pragma once
#include <Eigen/Core>

#include "math/matrix.hpp"

namespace topdown {

struct RbmLayer {
    Matrix W;  // n_lower x n_upper
    Vector a;  // lower (visible-side) bias, n_lower
    Vector b;  // upper (hidden-side) bias, n_upper

    // Creates a layer with zero weights and biases.
    static RbmLayer zeros(int n_lower, int n_upper);

    int n_lower() const { return static_cast<int>(W.rows()); }
    int n_upper() const { return static_cast<int>(W.cols()); }

    // out = σ((x W + b) / T): probabilities of the upper layer given the lower one, per row.
    void up(const Matrix& x, Matrix& out, float temperature = 1.0f) const;

    // out = σ((h Wᵀ + a) / T): probabilities of the lower layer given the upper one, per row.
    void down(const Matrix& h, Matrix& out, float temperature = 1.0f) const;

    // E(x, h) = − x W hᵀ − a·x − b·h for each row pair (docs/METHODS.md §3.2).
    Eigen::VectorXf energy(const Matrix& x, const Matrix& h) const;
};

}  // namespace topdown
