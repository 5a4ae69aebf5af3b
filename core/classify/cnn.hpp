// A small convolutional network on Eigen (im2col + GEMM): conv 5x5 -> ReLU -> max-pool 2 -> conv 5x5 ->
// ReLU -> max-pool 2 -> dense -> ReLU -> dense -> softmax. Images are rows of H*W pixels (one channel);
// activations are stored channels-last (row = image, columns = y, x, channel).
#pragma once
#include <cstdint>
#include <vector>

#include "math/matrix.hpp"
#include "math/random.hpp"

namespace topdown {

struct CnnShape {
    int side = 28;       // input is side x side, one channel
    int kernel = 5;      // both convolutions, valid padding, stride 1
    int conv1 = 16;      // channels of the first convolution
    int conv2 = 32;      // channels of the second convolution
    int hidden = 128;    // dense layer
    int outputs = 11;    // C + 1

    int conv1_side() const { return side - kernel + 1; }          // 24
    int pool1_side() const { return conv1_side() / 2; }           // 12
    int conv2_side() const { return pool1_side() - kernel + 1; }  // 8
    int pool2_side() const { return conv2_side() / 2; }           // 4
    int flat() const { return pool2_side() * pool2_side() * conv2; }
    // Throws ArgumentError unless the shape is consistent and within limits.
    void validate() const;
};

// Parameters (and, with the same layout, gradients and optimiser moments).
struct CnnParams {
    Matrix w1, b1, w2, b2, w3, b3, w4, b4;  // w1: k*k x conv1, w2: k*k*conv1 x conv2, w3: flat x hidden, w4: hidden x out
    // Zero parameters of a shape.
    static CnnParams zeros(const CnnShape& s);
    // He-initialised weights, zero biases, from the stream (seed, 0).
    static CnnParams init(const CnnShape& s, std::uint64_t seed);
    // The eight arrays in a fixed order (for optimisers and files).
    std::vector<Matrix*> arrays();
    std::vector<const Matrix*> arrays() const;
};

// Intermediate values of a forward pass, kept for the backward pass.
struct CnnCache {
    Matrix cols1, a1, p1, cols2, a2, p2, a3, logits, probs;
    std::vector<int> arg1, arg2;
};

// Buffers reused between training steps (avoids re-allocating and page-faulting every batch).
struct CnnWorkspace {
    CnnCache cache;
    Matrix d, da3, dp2, da2, dcols2, dp1, da1;
};

class Cnn {
public:
    Cnn() = default;
    Cnn(const CnnShape& shape, CnnParams params);

    // Softmax probabilities (N x outputs) of a batch of images (N x side²).
    Matrix predict(const Matrix& images) const;
    // Forward pass keeping intermediates; returns the softmax probabilities (in cache.probs).
    // `parallel`: split the work of each layer across OpenMP threads (false: run on the calling thread only).
    void forward(const Matrix& images, CnnCache& cache, bool parallel = true) const;
    // The same probabilities (bit for bit) for inference only: convolutions without im2col where the CPU
    // allows (cache.cols1/cols2 are then not filled, so it cannot feed a backward pass).
    void infer(const Matrix& images, CnnCache& cache, bool parallel = true) const;
    // Mean cross-entropy of the batch and its gradient with respect to every parameter.
    float loss_and_gradient(const Matrix& images, const std::vector<int>& labels, CnnParams& grad) const;
    // The same with caller-owned buffers (for training loops).
    float loss_and_gradient(const Matrix& images, const std::vector<int>& labels, CnnParams& grad, CnnWorkspace& ws) const;

    const CnnShape& shape() const { return shape_; }
    CnnParams& params() { return params_; }
    const CnnParams& params() const { return params_; }

private:
    void run_forward(const Matrix& images, CnnCache& cache, bool parallel, bool direct) const;
    CnnShape shape_;
    CnnParams params_;
};

// Adam optimiser over CnnParams.
class Adam {
public:
    Adam(const CnnShape& shape, float learning_rate, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f);
    // params -= step(grad).
    void update(CnnParams& params, CnnParams& grad);
    void set_learning_rate(float lr) { lr_ = lr; }

private:
    CnnParams m_, v_;
    float lr_, b1_, b2_, eps_;
    int t_ = 0;
};

}  // namespace topdown
