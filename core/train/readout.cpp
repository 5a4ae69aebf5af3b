#include "train/readout.hpp"

#include <Eigen/Cholesky>

#include "util/errors.hpp"

namespace topdown {

Readout fit_ridge_readout(const Matrix& X, const std::vector<std::uint8_t>& labels, int C, double alpha) {
    const Eigen::Index N = X.rows(), D = X.cols();
    if (N == 0 || D == 0 || static_cast<std::size_t>(N) != labels.size() || C < 2)
        throw ArgumentError("read-out: features and labels do not match or are empty");
    const Vector mean = X.colwise().mean();
    Matrix Y = Matrix::Constant(N, C, -1.0f);
    for (Eigen::Index i = 0; i < N; ++i) Y(i, labels[static_cast<std::size_t>(i)]) = 1.0f;
    const Vector ymean = Y.colwise().mean();
    // Normal equations on centred data, in double precision for stability.
    Matrix xtx = X.transpose() * X;  // uses the fast float GEMM
    Matrix xty = X.transpose() * Y;
    Eigen::MatrixXd A = xtx.cast<double>() - double(N) * mean.transpose().cast<double>() * mean.cast<double>();
    A.diagonal().array() += alpha;
    Eigen::MatrixXd rhs = xty.cast<double>() - double(N) * mean.transpose().cast<double>() * ymean.cast<double>();
    Eigen::MatrixXd beta = A.ldlt().solve(rhs);
    Readout r;
    r.weights = beta.cast<float>();
    r.bias = ymean - mean * r.weights;
    return r;
}

std::vector<int> Readout::predict(const Matrix& X) const {
    Matrix s = X * weights;
    s.rowwise() += bias;
    std::vector<int> out(static_cast<std::size_t>(s.rows()));
    for (Eigen::Index i = 0; i < s.rows(); ++i) {
        Eigen::Index c;
        s.row(i).maxCoeff(&c);
        out[static_cast<std::size_t>(i)] = static_cast<int>(c);
    }
    return out;
}

double Readout::accuracy(const Matrix& X, const std::vector<std::uint8_t>& labels) const {
    const auto p = predict(X);
    if (p.empty()) return 0;
    std::size_t ok = 0;
    for (std::size_t i = 0; i < p.size(); ++i) ok += (p[i] == labels[i]);
    return double(ok) / double(p.size());
}

}  // namespace topdown
