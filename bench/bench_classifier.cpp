// State-classifier inference: images per second (target: 10,000 images well under a second on 2 cores).
#include <benchmark/benchmark.h>

#include "classify/state_classifier.hpp"

using namespace topdown;

static void BM_Classify10k(benchmark::State& st) {
    CnnShape s;
    StateClassifier c(Cnn(s, CnnParams::init(s, 1)), dataset_class_names("mnist"), "mnist");
    Matrix images = (Matrix::Random(10000, 784).array() * 0.5f + 0.5f).matrix();
    for (auto _ : st) benchmark::DoNotOptimize(c.classify(images).size());
    st.counters["images/s"] = benchmark::Counter(10000, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Classify10k)->Unit(benchmark::kMillisecond)->UseRealTime();



// What the app's worker does every step: classify the ensemble (100 images) on its one thread.
static void BM_Classify100OnOneThread(benchmark::State& st) {
    CnnShape s;
    StateClassifier c(Cnn(s, CnnParams::init(s, 1)), dataset_class_names("mnist"), "mnist");
    Matrix images = (Matrix::Random(100, 784).array() * 0.5f + 0.5f).matrix();
    for (auto _ : st) benchmark::DoNotOptimize(c.classify(images, 1).size());
    st.counters["images/s"] = benchmark::Counter(100, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Classify100OnOneThread)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
