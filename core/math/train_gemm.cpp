#include "math/train_gemm.hpp"

#include <algorithm>
#include <atomic>

namespace topdown {

namespace {
bool cpu_has_avx512() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}
std::atomic<bool> g_avx512{cpu_has_avx512()};
}  // namespace

bool train_gemm_use_avx512(bool enable) {
    const bool on = enable && cpu_has_avx512();
    g_avx512.store(on);
    return on;
}

void train_gemm_block(const TrainGemm& g, int i0, int i1, int j0, int j1) {
    if (i0 >= i1 || j0 >= j1) return;
    if (g_avx512.load(std::memory_order_relaxed)) return detail::train_gemm_block_avx512(g, i0, i1, j0, j1);
    detail::train_gemm_block_avx2(g, i0, i1, j0, j1);
}

void train_gemm(const TrainGemm& g, int M, int N) {
    constexpr int kRowsPerBlock = 96, kColsPerBlock = 64;  // multiples of both kernels' tile sizes
    const int rb = (M + kRowsPerBlock - 1) / kRowsPerBlock, cb = (N + kColsPerBlock - 1) / kColsPerBlock;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1)
#endif
    for (int t = 0; t < rb * cb; ++t) {
        const int i0 = (t / cb) * kRowsPerBlock, j0 = (t % cb) * kColsPerBlock;
        train_gemm_block(g, i0, std::min(M, i0 + kRowsPerBlock), j0, std::min(N, j0 + kColsPerBlock));
    }
}

}  // namespace topdown
