#include "math/train_gemm.hpp"

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

}  // namespace topdown
