#include "model/rbm_layer.hpp"

#include "util/errors.hpp"

namespace topdown {

RbmLayer RbmLayer::zeros(int n_lower, int n_upper) {
    RbmLayer l;
    l.W = Matrix::Zero(n_lower, n_upper);
    l.a = Vector::Zero(n_lower);
    l.b = Vector::Zero(n_upper);
    return l;
}

void RbmLayer::up(const Matrix& x, Matrix& out, float temperature) const {
    if (x.cols() != W.rows()) throw ArgumentError("RbmLayer::up: input has the wrong number of columns");
    out.noalias() = x * W;
    out.rowwise() += b;
    if (temperature != 1.0f) out *= 1.0f / temperature;
    sigmoid_inplace(out);
}

void RbmLayer::down(const Matrix& h, Matrix& out, float temperature) const {
    if (h.cols() != W.cols()) throw ArgumentError("RbmLayer::down: input has the wrong number of columns");
    out.noalias() = h * W.transpose();
    out.rowwise() += a;
    if (temperature != 1.0f) out *= 1.0f / temperature;
    sigmoid_inplace(out);
}

Eigen::VectorXf RbmLayer::energy(const Matrix& x, const Matrix& h) const {
    if (x.cols() != W.rows() || h.cols() != W.cols() || x.rows() != h.rows())
        throw ArgumentError("RbmLayer::energy: state sizes do not match the layer");
    const Matrix xw = x * W;
    Eigen::VectorXf e = -(xw.cwiseProduct(h)).rowwise().sum();
    e -= (x * a.transpose());
    e -= (h * b.transpose());
    return e;
}

}  // namespace topdown
