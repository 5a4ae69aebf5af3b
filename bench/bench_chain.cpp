// Chain-steps per second of the default iDBN shape 784-500-500-1000 (about 4.6 MFLOP per chain-step
// counted densely; the kernels skip inactive binary units, so the effective rate can exceed the GEMM rate).
#include <benchmark/benchmark.h>

#include "generate/chain.hpp"
#include "generate/chain_batch.hpp"
#include "math/fixed_order_gemm.hpp"
#include "model/model_file.hpp"
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

namespace {
// A shipped model (assets/models), prepared for generation; null when the file is missing.
std::shared_ptr<const GenerationModel> shipped_model(const char* file) {
    try {
        auto m = std::make_shared<Dbn>(load_model(std::string(TOPDOWN_BENCH_SOURCE_DIR) + "/assets/models/" + file));
        return prepare_generation_model(m);
    } catch (const std::exception&) {
        return nullptr;
    }
}
// Top states to start from: every 7th unit on (the chains reach the model's own sparsity within a few steps,
// and the benchmark runs 20 warm-up steps first).
Matrix shipped_start(const GenerationModel& g, int n) {
    Matrix h0 = Matrix::Zero(n, g.top_size());
    for (int i = 0; i < g.top_size(); i += 7) h0.col(i).setOnes();
    return h0;
}
}  // namespace

// The shipped iDBN (or RBM), `range(0)` chains on `range(1)` threads: chain-steps per second. With a third
// argument 0, the AVX2 kernels instead of AVX-512 (same bits; shows what the wider kernels bring).
static void shipped_batch(benchmark::State& st, const char* file) {
    struct Restore {
        bool was = fixed_order_avx512_active();
        ~Restore() { fixed_order_use_avx512(was); }
    } restore;
    if (st.range(2) == 0) fixed_order_use_avx512(false);
    const auto g = shipped_model(file);
    if (!g) {
        st.SkipWithError("shipped model missing");
        return;
    }
    const int N = int(st.range(0)), threads = int(st.range(1));
    std::vector<std::uint64_t> idx(static_cast<std::size_t>(N));
    for (int i = 0; i < N; ++i) idx[std::size_t(i)] = std::uint64_t(i);
    ChainBatch b(g, shipped_start(*g, N), 1, idx);
    for (int i = 0; i < 20; ++i) b.step(threads);
    for (auto _ : st) b.step(threads);
    st.counters["chain-steps/s"] = benchmark::Counter(N, benchmark::Counter::kIsIterationInvariantRate);
}
static void BM_ShippedIdbnBatch(benchmark::State& st) { shipped_batch(st, "idbn_mnist.tdm"); }
static void BM_ShippedRbmBatch(benchmark::State& st) { shipped_batch(st, "rbm_mnist.tdm"); }
BENCHMARK(BM_ShippedIdbnBatch)->Args({1000, 2, 1})->Args({100, 2, 1})->Args({1000, 2, 0})->UseRealTime();
BENCHMARK(BM_ShippedRbmBatch)->Args({1000, 2, 1})->UseRealTime();

// One chain of the shipped iDBN through `Chain` (history kept, as the app and `generate` step it).
static void BM_ShippedIdbnSingleChain(benchmark::State& st) {
    const auto g = shipped_model("idbn_mnist.tdm");
    if (!g) {
        st.SkipWithError("shipped model missing");
        return;
    }
    Chain c(g, Vector(shipped_start(*g, 1).row(0)), 1, 0, {}, 1000);
    for (int i = 0; i < 20; ++i) c.step();
    for (auto _ : st) benchmark::DoNotOptimize(c.step().step);
    st.counters["steps/s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ShippedIdbnSingleChain)->UseRealTime();

BENCHMARK_MAIN();
