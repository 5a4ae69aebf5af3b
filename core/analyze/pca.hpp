// Principal component analysis of trajectories (docs/METHODS.md §11.1).
#pragma once
#include "math/matrix.hpp"
#include "model/dbn.hpp"

namespace topdown {

// Fits `k` components on the rows of X (observations x features): centres, eigen-decomposes the
// covariance (or the Gram matrix when there are fewer rows than features). explained = eigenvalue /
// total variance. Throws ArgumentError when k is out of range or X has fewer than 2 rows.
PcaBasis fit_pca(const Matrix& X, int k);

// Projects rows of X onto the basis: (X − mean) componentsᵀ (N x k).
Matrix pca_project(const PcaBasis& basis, const Matrix& X);

}  // namespace topdown
