// The CD-1 training products with a fixed summation order per output element (issue 21), so that training gives
// the same bits whatever the number of threads, the block a thread computes, or the vector width of the CPU.
//
// Every element C(i, j) is computed as
//     acc = 0
//     for k = 0 .. pos.K-1:  acc = fma( pos.A(i, k), pos.B(k, j), acc)     (in increasing k)
//     for k = 0 .. neg.K-1:  acc = fma(-neg.A(i, k), neg.B(k, j), acc)     (optional second term)
//     acc = acc + col_bias[j];  acc = acc + row_bias[i]                    (each when given)
// and then either stored (C(i, j) = acc) or used as the gradient of a fused weight step (see TrainGemm::W).
// A(i, k) = A[i * a_rs + k * a_cs] (any strides, so a transposed operand costs nothing), B(k, j) = B[k * ldb + j].
// The kernels hold a tile of accumulators in registers (AVX-512 where the CPU has it, else AVX2), never split k,
// and round every step alike, so only the number of lanes per instruction changes between CPUs.
#pragma once
#include <cstddef>

namespace topdown {

// One product term: A(i, k) = A[i * a_rs + k * a_cs], B(k, j) = B[k * ldb + j], k in [0, K).
struct TrainGemmTerm {
    const float* A = nullptr;
    std::ptrdiff_t a_rs = 0, a_cs = 0;
    const float* B = nullptr;
    std::ptrdiff_t ldb = 0;
    int K = 0;
};

// C = pos − neg (+ biases), or, with W set, the weight step of CD-1 from the gradient g = C(i, j):
//     d = momentum * dW + lr * (g / divisor − weight_decay * W);  dW = d;  W = W + d
// (each operation rounded once, in this order; W and dW at row stride ldw; C is then not written).
struct TrainGemm {
    TrainGemmTerm pos, neg;  // neg.K == 0: no second term
    float* C = nullptr;
    std::ptrdiff_t ldc = 0;
    const float* col_bias = nullptr;  // one per column j, or null
    const float* row_bias = nullptr;  // one per row i, or null
    float* W = nullptr;               // the fused weight step instead of a store, when set
    float* dW = nullptr;
    std::ptrdiff_t ldw = 0;
    float momentum = 0, learning_rate = 0, weight_decay = 0, divisor = 1;
};

// Computes rows [i0, i1) x columns [j0, j1) of the product (single-threaded; callers split the blocks over threads).
void train_gemm_block(const TrainGemm& g, int i0, int i1, int j0, int j1);

// Computes the whole M x N product, its blocks shared out over the OpenMP threads (same bits for any thread count).
void train_gemm(const TrainGemm& g, int M, int N);

// Chooses the AVX-512 kernels (the default where the CPU has AVX-512F) or the AVX2 ones; both give the same bits.
// Returns whether AVX-512 is now in use. For tests and benchmarks; not thread-safe against running products.
bool train_gemm_use_avx512(bool enable);

namespace detail {
void train_gemm_block_avx2(const TrainGemm& g, int i0, int i1, int j0, int j1);
void train_gemm_block_avx512(const TrainGemm& g, int i0, int i1, int j0, int j1);
}  // namespace detail

}  // namespace topdown
