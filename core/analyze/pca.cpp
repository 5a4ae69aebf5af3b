#include "analyze/pca.hpp"

#include <Eigen/Eigenvalues>

#include "util/errors.hpp"

namespace topdown {

PcaBasis fit_pca(const Matrix& X, int k) {
    const Eigen::Index N = X.rows(), D = X.cols();
    if (N < 2 || D < 1) throw ArgumentError("PCA needs at least two observations");
    if (k < 1 || k > std::min<Eigen::Index>(D, N - 1)) throw ArgumentError("PCA: the number of components is out of range");
    PcaBasis b;
    b.mean = X.colwise().mean();
    const Eigen::MatrixXd Xc = (X.rowwise() - Vector(b.mean)).cast<double>();
    const double total = Xc.squaredNorm() / double(N - 1);
    b.components.resize(k, D);
    b.explained.resize(1, k);
    if (N >= D) {
        const Eigen::MatrixXd cov = Xc.transpose() * Xc / double(N - 1);
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(cov);
        for (int i = 0; i < k; ++i) {
            const Eigen::Index col = D - 1 - i;  // eigenvalues ascend
            b.components.row(i) = es.eigenvectors().col(col).transpose().cast<float>();
            b.explained(0, i) = static_cast<float>(total > 0 ? es.eigenvalues()(col) / total : 0);
        }
    } else {
        const Eigen::MatrixXd gram = Xc * Xc.transpose() / double(N - 1);
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(gram);
        for (int i = 0; i < k; ++i) {
            const Eigen::Index col = N - 1 - i;
            Eigen::VectorXd v = Xc.transpose() * es.eigenvectors().col(col);
            const double nrm = v.norm();
            if (nrm > 0) v /= nrm;
            b.components.row(i) = v.transpose().cast<float>();
            b.explained(0, i) = static_cast<float>(total > 0 ? es.eigenvalues()(col) / total : 0);
        }
    }
    // A sign convention so that results are reproducible: the largest-magnitude loading is positive.
    for (int i = 0; i < k; ++i) {
        Eigen::Index j;
        b.components.row(i).cwiseAbs().maxCoeff(&j);
        if (b.components(i, j) < 0) b.components.row(i) *= -1.0f;
    }
    return b;
}

Matrix pca_project(const PcaBasis& b, const Matrix& X) {
    if (X.cols() != b.mean.cols()) throw ArgumentError("PCA: the data does not match the basis dimension");
    // Row by row, each element one dot product of fixed length: a row projects to the same bits whether it
    // comes alone (the live session, one step at a time) or with others (a study's whole trajectory).
    Matrix out(X.rows(), b.components.rows());
    Vector centred(X.cols());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        centred = X.row(i) - b.mean;
        for (Eigen::Index k = 0; k < b.components.rows(); ++k) out(i, k) = centred.dot(b.components.row(k));
    }
    return out;
}

}  // namespace topdown
