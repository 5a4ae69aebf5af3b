#include "classify/cnn.hpp"

#include <algorithm>
#include <cmath>

#include "classify/direct_conv.hpp"
#include "math/fixed_order_gemm.hpp"
#include "util/errors.hpp"

namespace topdown {

void CnnShape::validate() const {
    if (side < 8 || side > 256 || kernel < 1 || kernel > 9 || conv1 < 1 || conv1 > 256 || conv2 < 1 || conv2 > 512 ||
        hidden < 1 || hidden > 4096 || outputs < 2 || outputs > 1001 || conv2_side() < 2 || pool2_side() < 1)
        throw ArgumentError("inconsistent or too large network shape");
}

CnnParams CnnParams::zeros(const CnnShape& s) {
    const int k2 = s.kernel * s.kernel;
    return {Matrix::Zero(k2, s.conv1),     Matrix::Zero(1, s.conv1),  Matrix::Zero(k2 * s.conv1, s.conv2),
            Matrix::Zero(1, s.conv2),      Matrix::Zero(s.flat(), s.hidden), Matrix::Zero(1, s.hidden),
            Matrix::Zero(s.hidden, s.outputs), Matrix::Zero(1, s.outputs)};
}

CnnParams CnnParams::init(const CnnShape& s, std::uint64_t seed) {
    CnnParams p = zeros(s);
    CounterRng rng(seed, 0);
    for (Matrix* w : {&p.w1, &p.w2, &p.w3, &p.w4}) {
        const float std = std::sqrt(2.0f / static_cast<float>(w->rows()));
        for (Eigen::Index i = 0; i < w->size(); ++i) w->data()[i] = std * rng.normal();
    }
    return p;
}

std::vector<Matrix*> CnnParams::arrays() { return {&w1, &b1, &w2, &b2, &w3, &b3, &w4, &b4}; }
std::vector<const Matrix*> CnnParams::arrays() const { return {&w1, &b1, &w2, &b2, &w3, &b3, &w4, &b4}; }

Cnn::Cnn(const CnnShape& shape, CnnParams params) : shape_(shape), params_(std::move(params)) {
    shape_.validate();
    const CnnParams z = CnnParams::zeros(shape_);
    const auto a = params_.arrays();
    const auto b = z.arrays();
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i]->rows() != b[i]->rows() || a[i]->cols() != b[i]->cols())
            throw ArgumentError("network parameters do not match the network shape");
}

namespace {

// Rows of `cols`: one per (image, y, x) output position; columns: (ky, kx, c) of the input patch.
void im2col(const Matrix& in, int side, int channels, int k, Matrix& cols, bool parallel) {
    const int o = side - k + 1;
    const Eigen::Index N = in.rows();
    cols.resize(N * o * o, k * k * channels);
#pragma omp parallel for schedule(static) if (parallel)
    for (Eigen::Index n = 0; n < N; ++n) {
        const float* src = in.data() + n * in.cols();
        for (int y = 0; y < o; ++y)
            for (int x = 0; x < o; ++x) {
                float* dst = cols.data() + ((n * o + y) * o + x) * cols.cols();
                const int w = k * channels;
                for (int ky = 0; ky < k; ++ky) {
                    const float* row = src + ((y + ky) * side + x) * channels;
                    float* out = dst + ky * w;
                    for (int i = 0; i < w; ++i) out[i] = row[i];
                }
            }
    }
}

// Adds the patch gradients back onto the input positions (inverse of im2col).
void col2im(const Matrix& dcols, int side, int channels, int k, Eigen::Index N, Matrix& din) {
    const int o = side - k + 1;
    din.resize(N, side * side * channels);
    din.setZero();
#pragma omp parallel for schedule(static)
    for (Eigen::Index n = 0; n < N; ++n) {
        float* dst = din.data() + n * din.cols();
        for (int y = 0; y < o; ++y)
            for (int x = 0; x < o; ++x) {
                const float* src = dcols.data() + ((n * o + y) * o + x) * dcols.cols();
                for (int ky = 0; ky < k; ++ky) {
                    float* row = dst + ((y + ky) * side + x) * channels;
                    for (int i = 0; i < k * channels; ++i) row[i] += src[ky * k * channels + i];
                }
            }
    }
}

// 2x2 max-pool of N images stored channels-last (side x side x channels); arg keeps the winning index.
void max_pool(const float* in_data, Eigen::Index N, int side, int channels, Matrix& out, std::vector<int>& arg,
              bool parallel) {
    const int o = side / 2;
    const Eigen::Index in_cols = Eigen::Index(side) * side * channels;
    out.resize(N, o * o * channels);
    arg.resize(static_cast<std::size_t>(N * o * o * channels));
#pragma omp parallel for schedule(static) if (parallel)
    for (Eigen::Index n = 0; n < N; ++n) {
        const float* src = in_data + n * in_cols;
        for (int y = 0; y < o; ++y)
            for (int x = 0; x < o; ++x)
                for (int c = 0; c < channels; ++c) {
                    int best = ((2 * y) * side + 2 * x) * channels + c;
                    for (int dy = 0; dy < 2; ++dy)
                        for (int dx = 0; dx < 2; ++dx) {
                            const int i = ((2 * y + dy) * side + 2 * x + dx) * channels + c;
                            if (src[i] > src[best]) best = i;
                        }
                    const Eigen::Index oi = (y * o + x) * channels + c;
                    out(n, oi) = src[best];
                    arg[static_cast<std::size_t>(n * out.cols() + oi)] = best;
                }
    }
}

void unpool(const Matrix& dout, const std::vector<int>& arg, Eigen::Index in_cols, Matrix& din) {
    din.resize(dout.rows(), in_cols);
    din.setZero();
    for (Eigen::Index n = 0; n < dout.rows(); ++n)
        for (Eigen::Index i = 0; i < dout.cols(); ++i)
            din(n, arg[static_cast<std::size_t>(n * dout.cols() + i)]) += dout(n, i);
}

void relu_inplace(Matrix& m) { m = m.cwiseMax(0.0f); }

// out = X W + b for every layer: tall-skinny products that Eigen's GEMM handles poorly; the register-tiled
// kernel runs them near peak (and skips the zeros after ReLU). Rows are split across threads in chunks.
void affine_rows(const Matrix& X, const Matrix& W, const Matrix& b, Matrix& out, bool parallel) {
    out.resize(X.rows(), W.cols());
    const Eigen::Index rows = X.rows(), chunk = 1536;
#pragma omp parallel for schedule(static) if (parallel && rows > chunk)
    for (Eigen::Index r0 = 0; r0 < rows; r0 += chunk) {
        const Eigen::Index n = std::min(chunk, rows - r0);
        fixed_order_affine(X.data() + r0 * X.cols(), std::size_t(n), std::size_t(X.cols()), std::size_t(X.cols()),
                           W.data(), std::size_t(W.cols()), b.data(), out.data() + r0 * W.cols(), std::size_t(W.cols()));
    }
}

// Row-wise softmax, one element at a time in index order: Eigen's vectorised exp and sum would take a
// different packet/scalar split depending on where a row starts in memory, so an image's probabilities
// depended on its position in the batch in the last bits.
void softmax_rows(Matrix& m) {
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        float* r = m.data() + i * m.cols();
        float mx = r[0];
        for (Eigen::Index j = 1; j < m.cols(); ++j) mx = std::max(mx, r[j]);
        float sum = 0.0f;
        for (Eigen::Index j = 0; j < m.cols(); ++j) sum += (r[j] = std::exp(r[j] - mx));
        for (Eigen::Index j = 0; j < m.cols(); ++j) r[j] /= sum;
    }
}

}  // namespace

namespace {
// One convolution + bias + ReLU of N images: directly (inference on AVX-512) or through im2col + the tiled
// affine kernel (training keeps `cols` for the weight gradient). Both give the same bits (direct_conv.hpp).
void conv_relu(const Matrix& in, Eigen::Index N, int side, int ch, int k, const Matrix& W, const Matrix& b, Matrix& cols,
               Matrix& out, bool parallel, bool direct) {
    const int co = static_cast<int>(W.cols());
    if (direct && direct_conv_available(co)) {
        const int o = side - k + 1;
        out.resize(N, Eigen::Index(o) * o * co);
#pragma omp parallel for schedule(static) if (parallel)
        for (Eigen::Index n = 0; n < N; ++n)
            direct_conv_relu(in.row(n).data(), side, ch, k, W.data(), b.data(), co, out.row(n).data());
        return;
    }
    im2col(in, side, ch, k, cols, parallel);
    affine_rows(cols, W, b, out, parallel);
    relu_inplace(out);
}
}  // namespace

void Cnn::forward(const Matrix& x, CnnCache& c, bool parallel) const { run_forward(x, c, parallel, false); }

void Cnn::infer(const Matrix& x, CnnCache& c, bool parallel) const { run_forward(x, c, parallel, true); }

void Cnn::run_forward(const Matrix& x, CnnCache& c, bool parallel, bool direct) const {
    const CnnShape& s = shape_;
    const CnnParams& p = params_;
    if (x.cols() != s.side * s.side) throw ArgumentError("classifier input must have " + std::to_string(s.side * s.side) + " pixels");
    const Eigen::Index N = x.rows();
    conv_relu(x, N, s.side, 1, s.kernel, p.w1, p.b1, c.cols1, c.a1, parallel, direct);
    max_pool(c.a1.data(), N, s.conv1_side(), s.conv1, c.p1, c.arg1, parallel);
    conv_relu(c.p1, N, s.pool1_side(), s.conv1, s.kernel, p.w2, p.b2, c.cols2, c.a2, parallel, direct);
    max_pool(c.a2.data(), N, s.conv2_side(), s.conv2, c.p2, c.arg2, parallel);
    affine_rows(c.p2, p.w3, p.b3, c.a3, parallel);
    relu_inplace(c.a3);
    affine_rows(c.a3, p.w4, p.b4, c.logits, parallel);
    c.probs.resize(c.logits.rows(), c.logits.cols());
    c.probs = c.logits;
    softmax_rows(c.probs);
}

Matrix Cnn::predict(const Matrix& x) const {
    CnnCache c;
    infer(x, c);
    return c.probs;
}

float Cnn::loss_and_gradient(const Matrix& x, const std::vector<int>& labels, CnnParams& g) const {
    CnnWorkspace ws;
    return loss_and_gradient(x, labels, g, ws);
}

float Cnn::loss_and_gradient(const Matrix& x, const std::vector<int>& labels, CnnParams& g, CnnWorkspace& ws) const {
    const CnnShape& s = shape_;
    const CnnParams& p = params_;
    CnnCache& c = ws.cache;
    forward(x, c);
    const Eigen::Index N = x.rows();
    if (static_cast<std::size_t>(N) != labels.size()) throw ArgumentError("labels do not match the batch");
    double loss = 0;
    ws.d = c.probs;
    for (Eigen::Index i = 0; i < N; ++i) {
        const int y = labels[static_cast<std::size_t>(i)];
        if (y < 0 || y >= s.outputs) throw ArgumentError("label out of range");
        loss -= std::log(std::max(c.probs(i, y), 1e-12f));
        ws.d(i, y) -= 1.0f;
    }
    ws.d /= static_cast<float>(N);
    g.w4.noalias() = c.a3.transpose() * ws.d;
    g.b4 = ws.d.colwise().sum();
    ws.da3.noalias() = ws.d * p.w4.transpose();
    ws.da3.array() *= (c.a3.array() > 0).cast<float>();
    g.w3.noalias() = c.p2.transpose() * ws.da3;
    g.b3 = ws.da3.colwise().sum();
    ws.dp2.noalias() = ws.da3 * p.w3.transpose();
    unpool(ws.dp2, c.arg2, s.conv2_side() * s.conv2_side() * s.conv2, ws.da2);
    Eigen::Map<Matrix> da2(ws.da2.data(), c.a2.rows(), c.a2.cols());
    da2.array() *= (c.a2.array() > 0).cast<float>();
    g.w2.noalias() = c.cols2.transpose() * da2;
    g.b2 = da2.colwise().sum();
    ws.dcols2.noalias() = da2 * p.w2.transpose();
    col2im(ws.dcols2, s.pool1_side(), s.conv1, s.kernel, N, ws.dp1);
    unpool(ws.dp1, c.arg1, s.conv1_side() * s.conv1_side() * s.conv1, ws.da1);
    Eigen::Map<Matrix> da1(ws.da1.data(), c.a1.rows(), c.a1.cols());
    da1.array() *= (c.a1.array() > 0).cast<float>();
    g.w1.noalias() = c.cols1.transpose() * da1;
    g.b1 = da1.colwise().sum();
    return static_cast<float>(loss / N);
}

Adam::Adam(const CnnShape& shape, float lr, float b1, float b2, float eps)
    : m_(CnnParams::zeros(shape)), v_(CnnParams::zeros(shape)), lr_(lr), b1_(b1), b2_(b2), eps_(eps) {}

void Adam::update(CnnParams& params, CnnParams& grad) {
    ++t_;
    const float c1 = 1.0f - std::pow(b1_, float(t_)), c2 = 1.0f - std::pow(b2_, float(t_));
    auto P = params.arrays();
    auto G = grad.arrays();
    auto M = m_.arrays();
    auto V = v_.arrays();
    for (std::size_t i = 0; i < P.size(); ++i) {
        M[i]->array() = b1_ * M[i]->array() + (1 - b1_) * G[i]->array();
        V[i]->array() = b2_ * V[i]->array() + (1 - b2_) * G[i]->array().square();
        P[i]->array() -= lr_ * (M[i]->array() / c1) / ((V[i]->array() / c2).sqrt() + eps_);
    }
}

}  // namespace topdown
