// The label-biasing matrix M = pinv(L) R and the default k (docs/METHODS.md §5.1-5.2).
#pragma once
#include <cstdint>
#include <vector>

#include "math/matrix.hpp"

namespace topdown {

// M = pinv(L) R computed as class means of R (L one-hot): row c is the mean top representation of class c.
// Throws ArgumentError if a class has no sample.
Matrix label_biasing_matrix(const Matrix& top_representation, const std::vector<std::uint8_t>& labels, int num_classes);

// The same matrix through an explicit pseudo-inverse (for tests; O(N C²)).
Matrix label_biasing_matrix_pinv(const Matrix& top_representation, const Matrix& one_hot);

// k = floor(mean over classes of Σ_j M[c, j]), clamped to [1, n_top].
int default_k(const Matrix& label_biasing);

}  // namespace topdown
