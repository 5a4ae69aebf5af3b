// The state classifier's arithmetic is fixed: every logit is a float FMA chain over its inputs in the
// documented order, whatever the batch size, the chunking and the thread count. The reference below is a
// plain loop written from the layout in cnn.hpp (channels-last, weights (ky, kx, c_in) x c_out), one FMA per
// term in that order, the bias added last; it shares no code with the im2col / tiled kernels.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "classify/state_classifier.hpp"
#include "math/fixed_order_gemm.hpp"
#include "math/random.hpp"

using namespace topdown;

namespace {

std::vector<float> fma_conv_relu(const std::vector<float>& in, int side, int ch, int k, const Matrix& W, const Matrix& b) {
    const int o = side - k + 1, co = static_cast<int>(W.cols());
    std::vector<float> out(static_cast<std::size_t>(o * o * co));
    for (int y = 0; y < o; ++y)
        for (int x = 0; x < o; ++x)
            for (int j = 0; j < co; ++j) {
                float a = 0.0f;
                for (int ky = 0; ky < k; ++ky)
                    for (int kx = 0; kx < k; ++kx)
                        for (int c = 0; c < ch; ++c)
                            a = std::fma(in[static_cast<std::size_t>(((y + ky) * side + x + kx) * ch + c)],
                                         W((ky * k + kx) * ch + c, j), a);
                out[static_cast<std::size_t>((y * o + x) * co + j)] = std::max(a + b(0, j), 0.0f);
            }
    return out;
}

std::vector<float> max_pool2(const std::vector<float>& in, int side, int ch) {
    const int o = side / 2;
    std::vector<float> out(static_cast<std::size_t>(o * o * ch));
    for (int y = 0; y < o; ++y)
        for (int x = 0; x < o; ++x)
            for (int c = 0; c < ch; ++c) {
                float m = in[static_cast<std::size_t>(((2 * y) * side + 2 * x) * ch + c)];
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx)
                        m = std::max(m, in[static_cast<std::size_t>(((2 * y + dy) * side + 2 * x + dx) * ch + c)]);
                out[static_cast<std::size_t>((y * o + x) * ch + c)] = m;
            }
    return out;
}

std::vector<float> fma_dense(const std::vector<float>& in, const Matrix& W, const Matrix& b, bool relu) {
    std::vector<float> out(static_cast<std::size_t>(W.cols()));
    for (Eigen::Index j = 0; j < W.cols(); ++j) {
        float a = 0.0f;
        for (Eigen::Index i = 0; i < W.rows(); ++i) a = std::fma(in[static_cast<std::size_t>(i)], W(i, j), a);
        a += b(0, j);
        out[static_cast<std::size_t>(j)] = relu ? std::max(a, 0.0f) : a;
    }
    return out;
}

// Logits of one image by the plain loops.
std::vector<float> reference_logits(const Cnn& net, const float* image) {
    const CnnShape& s = net.shape();
    const CnnParams& p = net.params();
    const std::vector<float> img(image, image + s.side * s.side);
    const auto p1 = max_pool2(fma_conv_relu(img, s.side, 1, s.kernel, p.w1, p.b1), s.conv1_side(), s.conv1);
    const auto p2 = max_pool2(fma_conv_relu(p1, s.pool1_side(), s.conv1, s.kernel, p.w2, p.b2), s.conv2_side(), s.conv2);
    return fma_dense(fma_dense(p2, p.w3, p.b3, true), p.w4, p.b4, false);
}

// 40 images of the kinds the classifier sees: probabilities in [0, 1), binary samples, mostly-blank images.
Matrix test_images(const CnnShape& s) {
    Matrix x(40, s.side * s.side);
    CounterRng rng(2024, 7);
    rng.uniform(x.data(), static_cast<std::size_t>(x.size()));
    for (Eigen::Index n = 10; n < 20; ++n) x.row(n) = (x.row(n).array() > 0.7f).cast<float>().matrix();
    for (Eigen::Index n = 20; n < 30; ++n) x.row(n) = (x.row(n).array() > 0.9f).select(x.row(n).array(), 0.0f).matrix();
    return x;
}

// He-initialised weights and non-zero biases (init() leaves biases at zero, which would hide where the bias
// is added).
Cnn test_net(const CnnShape& s) {
    CnnParams p = CnnParams::init(s, 11);
    CounterRng rng(99, 3);
    for (Matrix* b : {&p.b1, &p.b2, &p.b3, &p.b4})
        for (Eigen::Index i = 0; i < b->size(); ++i) b->data()[i] = 0.2f * rng.normal();
    return Cnn(s, p);
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

// Restores the kernel choice of fixed_order_affine (and so of the direct convolution) on scope exit.
struct KernelChoice {
    bool was = fixed_order_avx512_active();
    explicit KernelChoice(bool avx512) { fixed_order_use_avx512(avx512); }
    ~KernelChoice() { fixed_order_use_avx512(was); }
};

TEST(ClassifierBits, LogitsEqualPlainFmaLoopsForAnyBatchAndThreads) {
    CnnShape s;  // the shipped classifiers' shape
    const Cnn net = test_net(s);
    const Matrix x = test_images(s);
    // Every kernel choice (AVX-512 direct convolution and tiles, AVX2 im2col + tiles) and both passes (training's
    // forward with im2col, inference's infer).
    for (const bool avx512 : {true, false})
    for (const bool training_pass : {true, false})
    for (const bool parallel : {false, true}) {
        KernelChoice choice(avx512);
        CnnCache c;
        if (training_pass) net.forward(x, c, parallel);
        else net.infer(x, c, parallel);
        for (Eigen::Index n = 0; n < x.rows(); ++n) {
            CnnCache one;
            net.infer(x.middleRows(n, 1), one, false);
            for (Eigen::Index j = 0; j < c.logits.cols(); ++j)
                ASSERT_TRUE(same_bits(c.logits(n, j), one.logits(0, j))) << "image " << n << " alone, logit " << j;
            const auto ref = reference_logits(net, x.row(n).data());
            for (Eigen::Index j = 0; j < c.logits.cols(); ++j)
                ASSERT_TRUE(same_bits(c.logits(n, j), ref[static_cast<std::size_t>(j)]))
                    << "image " << n << " logit " << j << ": " << c.logits(n, j) << " vs " << ref[static_cast<std::size_t>(j)]
                    << (parallel ? " (parallel)" : "") << (avx512 ? " avx512" : " avx2") << (training_pass ? " forward" : " infer");
        }
    }
}

TEST(ClassifierBits, ProbabilitiesDoNotDependOnChunkingOrThreads) {
    CnnShape s;
    const StateClassifier clf(test_net(s), dataset_class_names("mnist"), "mnist");
    const Matrix x = test_images(s);
    const Matrix one_thread = clf.probabilities(x, 1);
    const Matrix two_threads = clf.probabilities(x, 2);
    for (Eigen::Index n = 0; n < x.rows(); ++n) {
        const Matrix alone = clf.probabilities(x.middleRows(n, 1), 1);
        for (Eigen::Index j = 0; j < x.cols() && j < one_thread.cols(); ++j) {
            ASSERT_TRUE(same_bits(one_thread(n, j), two_threads(n, j))) << "image " << n << " class " << j;
            ASSERT_TRUE(same_bits(one_thread(n, j), alone(0, j))) << "image " << n << " class " << j;
        }
    }
}
