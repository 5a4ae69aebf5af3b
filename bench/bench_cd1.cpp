// CD-1 mini-batches per second per layer shape (batch 128, the iDBN recipe), and one full iDBN epoch on
// 60,000 images of random data shaped like MNIST (the work does not depend on the pixel values).
#include <benchmark/benchmark.h>

#include <string>

#include "data/dataset.hpp"
#include "math/sgemm.hpp"
#include "train/cd1.hpp"
#include "train/trainer.hpp"

using namespace topdown;

static void BM_Cd1Batch(benchmark::State& st) {
    const int n = int(st.range(0)), m = int(st.range(1)), B = 128;
    const bool before = std::string(sgemm_backend()) == "openblas";
    sgemm_use_openblas(st.range(2) == 1);
    RbmLayer layer = init_dbn({n, m}, 0.01f, 1).layers[0];
    Cd1Velocity vel = Cd1Velocity::zeros_like(layer);
    Matrix v0 = (Matrix::Random(B, n).array() * 0.5f + 0.5f).matrix();
    CounterRng rng(1, 1);
    Cd1Workspace ws;
    const Cd1Params p{0.01f, 0.9f, 1e-4f, true};
    for (auto _ : st) benchmark::DoNotOptimize(cd1_update(layer, vel, v0, p, rng, ws));
    st.counters["batches/s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
    st.counters["FLOP/s"] = benchmark::Counter(10.0 * B * n * m, benchmark::Counter::kIsIterationInvariantRate);
    sgemm_use_openblas(before);
}
// Third argument: 1 = OpenBLAS (when installed), 0 = the default (the fixed-order kernels of math/train_gemm).
BENCHMARK(BM_Cd1Batch)->Args({784, 500, 1})->Args({500, 500, 1})->Args({500, 1000, 1})->Args({784, 1000, 1})
    ->Args({784, 500, 0})->Args({500, 1000, 0})->UseRealTime();

// range(0) = 1: the training GEMMs through OpenBLAS (opt-in in the library, switched on here when installed),
// 0: the default, the fixed-order kernels of math/train_gemm (issue 21: results independent of the thread count).
static void BM_IdbnEpoch(benchmark::State& st) {
    const bool before = std::string(sgemm_backend()) == "openblas";
    const bool had = sgemm_use_openblas(true);
    if (st.range(0) == 0) sgemm_use_openblas(false);
    if (st.range(0) == 1 && !had) {
        st.SkipWithError("OpenBLAS is not installed");
        return;
    }
    Dataset d;
    d.name = "mnist";
    d.class_names = dataset_class_names("mnist");
    d.images = (Matrix::Random(60000, 784).array() * 0.5f + 0.5f).matrix();
    d.labels.assign(60000, 0);
    TrainOptions o;
    o.recipe.epochs = 1;
    for (auto _ : st) benchmark::DoNotOptimize(train_dbn(d, o).model.layers.size());
    sgemm_use_openblas(before);
}
BENCHMARK(BM_IdbnEpoch)->Arg(1)->Arg(0)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

BENCHMARK_MAIN();
