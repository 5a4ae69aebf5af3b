// Matrix types used across the core: float32, row-major (one sample or chain per row).
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace topdown {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::Matrix<float, 1, Eigen::Dynamic, Eigen::RowMajor>;  // a row vector
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;

// Logistic sigmoid applied in place to every element.
void sigmoid_inplace(Matrix& m);

// Logistic sigmoid applied in place to a contiguous float array.
void sigmoid_inplace(float* data, std::size_t n);

// True when every element is finite (no NaN, no Inf).
bool all_finite(const float* data, std::size_t n);

}  // namespace topdown
