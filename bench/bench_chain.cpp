// Chain-steps per second of the default iDBN shape 784-500-500-1000 (about 4.6 MFLOP per chain-step
// counted densely; the kernels skip inactive binary units, so the effective rate can exceed the GEMM rate).
#include <benchmark/benchmark.h>

#include "generate/chain.hpp"
#include "generate/chain_batch.hpp"
#include "train/trainer.hpp"

using namespace topdown;

namespace {
std::shared_ptr<const GenerationModel> bench_model() {
    // Trained-like sparsity: weights small, negative hidden biases (about 15-25 % active units).
    auto m = std::make_shared<Dbn>(init_dbn({784, 500, 500, 1000}, 0.05f, 3));
    for (auto& l : m->layers) l.b.setConstant(-1.5f);
    m->class_names = {"0"};
    return prepare_generation_model(m);
}
constexpr double kFlopPerStep = 2.0 * 2 * (784.0 * 500 + 500.0 * 500 + 500.0 * 1000);
}  // namespace

static void BM_SingleChain(benchmark::State& st) {
    const auto g = bench_model();
    Vector h0 = Vector::Zero(1000);
    for (int i = 0; i < 1000; i += 7) h0(i) = 1;
    Chain c(g, h0, 1, 0, {}, 1000);
    for (auto _ : st) benchmark::DoNotOptimize(c.step().step);
    st.counters["steps/s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
    st.counters["FLOP/s"] = benchmark::Counter(kFlopPerStep, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_SingleChain)->UseRealTime();

static void BM_ChainBatch(benchmark::State& st) {
    const auto g = bench_model();
    const int N = int(st.range(0)), threads = int(st.range(1));
    Matrix h0 = Matrix::Zero(N, 1000);
    for (int i = 0; i < 1000; i += 7) h0.col(i).setOnes();
    std::vector<std::uint64_t> idx(static_cast<std::size_t>(N));
    for (int i = 0; i < N; ++i) idx[std::size_t(i)] = std::uint64_t(i);
    ChainBatch b(g, h0, 1, idx);
    b.step(threads);
    for (auto _ : st) b.step(threads);
    st.counters["chain-steps/s"] = benchmark::Counter(N, benchmark::Counter::kIsIterationInvariantRate);
    st.counters["FLOP/s"] = benchmark::Counter(N * kFlopPerStep, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ChainBatch)->Args({100, 2})->Args({1000, 1})->Args({1000, 2})->UseRealTime();

BENCHMARK_MAIN();
