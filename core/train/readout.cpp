#include "train/readout.hpp"

#include <algorithm>

#include <Eigen/Cholesky>

#include "math/train_gemm.hpp"
#include "util/errors.hpp"

namespace topdown {

Readout fit_ridge_readout(const Matrix& X, const std::vector<std::uint8_t>& labels, int C, double alpha) {
    const Eigen::Index N = X.rows(), D = X.cols();
    if (N == 0 || D == 0 || static_cast<std::size_t>(N) != labels.size() || C < 2)
        throw ArgumentError("read-out: features and labels do not match or are empty");
    for (const std::uint8_t l : labels)
        if (l >= C) throw ArgumentError("read-out: a label is not below the number of classes");
    // Means in double: features (summed chunk by chunk) and ±1 targets (from the class counts).
    constexpr Eigen::Index chunk = 2048;
    Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(D);
    for (Eigen::Index r0 = 0; r0 < N; r0 += chunk)
        mean += X.middleRows(r0, std::min(chunk, N - r0)).cast<double>().colwise().sum();
    mean /= double(N);
    Eigen::RowVectorXd ymean = Eigen::RowVectorXd::Constant(C, -1.0);
    for (const std::uint8_t l : labels) ymean(l) += 2.0 / double(N);
    // Normal equations of the centred data: every chunk is centred before its products are formed (raw XᵀX
    // minus N·meanᵀmean cancels most significant digits when features share a large offset), its products use
    // the fast float GEMM over at most `chunk` rows, and the chunks are summed in double.
    Eigen::MatrixXd A = Eigen::MatrixXd::Zero(D, D), rhs = Eigen::MatrixXd::Zero(D, C);
    const Vector mean_f = mean.cast<float>();
    Matrix xc, yc, xtx, xty;
    for (Eigen::Index r0 = 0; r0 < N; r0 += chunk) {
        const Eigen::Index n = std::min(chunk, N - r0);
        xc = X.middleRows(r0, n).rowwise() - mean_f;
        yc.resize(n, C);
        for (Eigen::Index i = 0; i < n; ++i) {
            yc.row(i) = (-1.0 - ymean.array()).cast<float>().matrix();
            yc(i, labels[static_cast<std::size_t>(r0 + i)]) = static_cast<float>(1.0 - ymean(labels[static_cast<std::size_t>(r0 + i)]));
        }
        // The float products with the fixed-order kernels (issue 21): the same bits for any thread count.
        TrainGemm g;
        g.pos = {xc.data(), 1, D, xc.data(), D, static_cast<int>(n)};
        xtx.resize(D, D);
        g.C = xtx.data();
        g.ldc = D;
        train_gemm(g, static_cast<int>(D), static_cast<int>(D));
        g.pos = {xc.data(), 1, D, yc.data(), C, static_cast<int>(n)};
        xty.resize(D, C);
        g.C = xty.data();
        g.ldc = C;
        train_gemm(g, static_cast<int>(D), C);
        A += xtx.cast<double>();
        rhs += xty.cast<double>();
    }
    A.diagonal().array() += alpha;
    const Eigen::MatrixXd beta = A.ldlt().solve(rhs);
    Readout r;
    r.weights = beta.cast<float>();
    r.bias = (ymean - mean * beta).cast<float>();
    return r;
}

std::vector<int> Readout::predict(const Matrix& X) const {
    if (X.cols() != weights.rows()) throw ArgumentError("read-out: the features do not match the read-out's size");
    Matrix s(X.rows(), weights.cols());  // X W + bias with the fixed-order kernels (issue 21)
    TrainGemm g;
    g.pos = {X.data(), X.cols(), 1, weights.data(), weights.cols(), static_cast<int>(X.cols())};
    g.C = s.data();
    g.ldc = s.cols();
    g.col_bias = bias.data();
    train_gemm(g, static_cast<int>(X.rows()), static_cast<int>(weights.cols()));
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
