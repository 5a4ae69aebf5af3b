#include "train/label_biasing_matrix.hpp"

#include <Eigen/QR>
#include <cmath>

#include "util/errors.hpp"

namespace topdown {

Matrix label_biasing_matrix(const Matrix& R, const std::vector<std::uint8_t>& labels, int C) {
    if (static_cast<std::size_t>(R.rows()) != labels.size()) throw ArgumentError("label count does not match R");
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(C, R.cols());
    std::vector<double> counts(static_cast<std::size_t>(C), 0.0);
    for (Eigen::Index i = 0; i < R.rows(); ++i) {
        const int c = labels[static_cast<std::size_t>(i)];
        if (c >= C) throw ArgumentError("label out of range");
        sums.row(c) += R.row(i).cast<double>();
        counts[static_cast<std::size_t>(c)] += 1;
    }
    for (int c = 0; c < C; ++c) {
        if (counts[static_cast<std::size_t>(c)] == 0)
            throw ArgumentError("class " + std::to_string(c) + " has no training sample: cannot build M");
        sums.row(c) /= counts[static_cast<std::size_t>(c)];
    }
    return sums.cast<float>();
}

Matrix label_biasing_matrix_pinv(const Matrix& R, const Matrix& L) {
    const Eigen::MatrixXd Ld = L.cast<double>();
    const Eigen::MatrixXd pinv = Ld.completeOrthogonalDecomposition().pseudoInverse();
    return (pinv * R.cast<double>()).cast<float>();
}

int default_k(const Matrix& M) {
    if (M.size() == 0) return 0;
    const double mean_sum = M.cast<double>().rowwise().sum().mean();
    const int k = static_cast<int>(std::floor(mean_sum));
    return std::clamp(k, 1, static_cast<int>(M.cols()));
}

}  // namespace topdown
