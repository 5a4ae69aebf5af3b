// The ridge read-out against a double-precision reference computed here, on features with a large common
// offset: the normal equations must be formed from centred data (accumulating XᵀX of raw features in float
// over tens of thousands of rows and centring afterwards cancels almost every significant digit).
#include <gtest/gtest.h>

#include <Eigen/Cholesky>

#include "math/random.hpp"
#include "train/readout.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
// Ridge regression on ±1 one-vs-all targets with intercept, everything in double (docs/METHODS.md §4.6).
void reference_ridge(const Matrix& X, const std::vector<std::uint8_t>& labels, int C, double alpha,
                     Eigen::MatrixXd& weights, Eigen::RowVectorXd& bias) {
    const Eigen::MatrixXd Xd = X.cast<double>();
    Eigen::MatrixXd Y = Eigen::MatrixXd::Constant(X.rows(), C, -1.0);
    for (Eigen::Index i = 0; i < X.rows(); ++i) Y(i, labels[std::size_t(i)]) = 1.0;
    const Eigen::RowVectorXd xm = Xd.colwise().mean(), ym = Y.colwise().mean();
    const Eigen::MatrixXd Xc = Xd.rowwise() - xm, Yc = Y.rowwise() - ym;
    Eigen::MatrixXd A = Xc.transpose() * Xc;
    A.diagonal().array() += alpha;
    weights = A.ldlt().solve(Xc.transpose() * Yc);
    bias = ym - xm * weights;
}
}  // namespace

TEST(Readout, LargeCommonOffsetMatchesDoubleReference) {
    const int N = 60000, D = 12, C = 4;
    const float offset = 30.0f;
    CounterRng rng(17, 0);
    Matrix u(N, D);
    rng.uniform(u.data(), std::size_t(u.size()));
    std::vector<std::uint8_t> labels(N);
    for (int i = 0; i < N; ++i) {  // the class depends on a few features (and some noise)
        const float s = u(i, 0) + 0.5f * u(i, 3) - 0.8f * u(i, 7) + 0.3f * rng.normal();
        labels[std::size_t(i)] = std::uint8_t(s < 0.0f ? 0 : s < 0.35f ? 1 : s < 0.7f ? 2 : 3);
    }
    const Matrix X = u.array() + offset;  // every feature about 30.5, spread 0.29
    const Readout r = fit_ridge_readout(X, labels, C);
    Eigen::MatrixXd w;
    Eigen::RowVectorXd b;
    reference_ridge(X, labels, C, 1.0, w, b);
    const double w_err = (r.weights.cast<double>() - w).norm() / w.norm();
    const double b_err = (r.bias.cast<double>() - b).norm() / b.norm();
    std::printf("relative error: weights %.3g bias %.3g (|w| = %.3f)\n", w_err, b_err, w.norm());
    EXPECT_LT(w_err, 1e-4);
    EXPECT_LT(b_err, 1e-4);
    // The same predictions as the reference on (almost) every row.
    const Eigen::MatrixXd s = (X.cast<double>() * w).rowwise() + b;
    const auto p = r.predict(X);
    int differ = 0;
    for (int i = 0; i < N; ++i) {
        Eigen::Index c;
        s.row(i).maxCoeff(&c);
        differ += p[std::size_t(i)] != int(c);
    }
    EXPECT_LE(differ, N / 10000);
}

TEST(Readout, LabelOutsideTheClassesIsATypedError) {
    const Matrix X = Matrix::Constant(3, 2, 1.0f);
    EXPECT_THROW(fit_ridge_readout(X, {0, 4, 1}, 4), ArgumentError);
    EXPECT_NO_THROW(fit_ridge_readout(X, {0, 3, 1}, 4));
}
