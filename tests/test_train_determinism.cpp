// Training gives the same bits whatever the number of threads and whatever the CPU's vector width (issue 21: the
// fixed-order CD-1 kernels). Small networks whose sizes are not multiples of any tile or block, so that every
// edge case of the work split is exercised.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "math/sgemm.hpp"
#include "math/train_gemm.hpp"
#include "test_support.hpp"
#include "train/finalize.hpp"
#include "train/readout.hpp"
#include "train/thread_chooser.hpp"
#include "train/trainer.hpp"

using namespace topdown;

namespace {

bool same_bits(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(float) * static_cast<std::size_t>(a.size())) == 0;
}
bool same_bits(const Vector& a, const Vector& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(float) * static_cast<std::size_t>(a.size())) == 0;
}

// Every weight, bias and per-epoch MSE of the two runs is bit-identical.
void expect_same_training(const TrainResult& x, const TrainResult& y, const std::string& what) {
    ASSERT_EQ(x.model.layers.size(), y.model.layers.size());
    for (std::size_t l = 0; l < x.model.layers.size(); ++l) {
        EXPECT_TRUE(same_bits(x.model.layers[l].W, y.model.layers[l].W)) << what << ": W of layer " << l;
        EXPECT_TRUE(same_bits(x.model.layers[l].a, y.model.layers[l].a)) << what << ": a of layer " << l;
        EXPECT_TRUE(same_bits(x.model.layers[l].b, y.model.layers[l].b)) << what << ": b of layer " << l;
    }
    EXPECT_EQ(x.mse, y.mse) << what;
}

// Two small runs: an iDBN (sampled v1, shuffled) and a greedy DBN with the 2023 RBM recipe (v1 = probabilities).
std::vector<TrainOptions> small_runs() {
    TrainOptions idbn;
    idbn.architecture = {784, 70, 50};
    idbn.recipe.epochs = 2;
    idbn.recipe.batch_size = 50;
    idbn.recipe.learning_rate = 0.05f;
    idbn.seed = 5;
    TrainOptions greedy = idbn;
    greedy.mode = TrainMode::Greedy;
    greedy.recipe = recipe_by_name("rbm2023");
    greedy.recipe.epochs = 2;
    greedy.architecture = {784, 33, 65};
    return {idbn, greedy};
}

}  // namespace

TEST(TrainDeterminism, ResultDoesNotDependOnTheThreadCount) {
#ifdef _OPENMP
    const Dataset train = test::real_slice("mnist", Split::Train, 500);
    const int threads = omp_get_max_threads();
    for (const TrainOptions& o : small_runs()) {
        omp_set_num_threads(1);
        const TrainResult one = train_dbn(train, o);
        EXPECT_GT(one.model.layers[1].W.cwiseAbs().sum(), 0.0f);
        for (int t : {2, 3, 4}) {
            omp_set_num_threads(t);
            expect_same_training(one, train_dbn(train, o), "1 vs " + std::to_string(t) + " threads, " + to_string(o.mode));
        }
    }
    omp_set_num_threads(threads);
#else
    GTEST_SKIP() << "built without OpenMP";
#endif
}

// Finalising (read-out, label-biasing matrix M, k) gives the same bits on any number of threads.
TEST(TrainDeterminism, FinalizedModelDoesNotDependOnTheThreadCount) {
#ifdef _OPENMP
    const Dataset train = test::real_slice("mnist", Split::Train, 600);
    const Dataset test_set = test::real_slice("mnist", Split::Test, 300);
    TrainOptions o = small_runs().front();
    o.architecture = {784, 90, 70};
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    const TrainResult r = train_dbn(train, o);
    Dbn one = r.model;
    const FinalizeReport rep1 = finalize_model(one, train, test_set);
    const Matrix top = one.propagate_up(train.images);
    const Readout ro1 = fit_ridge_readout(top, train.labels, 10);
    for (int t : {2, 3}) {
        omp_set_num_threads(t);
        Dbn m = r.model;
        const FinalizeReport rep = finalize_model(m, train, test_set);
        EXPECT_TRUE(same_bits(m.label_biasing, one.label_biasing)) << t << " threads";
        EXPECT_EQ(m.k, one.k);
        EXPECT_EQ(rep.readout_accuracy, rep1.readout_accuracy);
        EXPECT_EQ(rep.readout_train_accuracy, rep1.readout_train_accuracy);
        const Readout ro = fit_ridge_readout(top, train.labels, 10);
        EXPECT_TRUE(same_bits(ro.weights, ro1.weights)) << t << " threads";
        EXPECT_TRUE(same_bits(ro.bias, ro1.bias)) << t << " threads";
        EXPECT_EQ(ro.predict(top), ro1.predict(top));
    }
    omp_set_num_threads(threads);
#else
    GTEST_SKIP() << "built without OpenMP";
#endif
}

TEST(TrainDeterminism, AvxAndAvx512KernelsTrainTheSameBits) {
    const bool had = train_gemm_use_avx512(true);
    if (!had) GTEST_SKIP() << "this CPU has no AVX-512";
    const Dataset train = test::real_slice("mnist", Split::Train, 300);
    for (const TrainOptions& o : small_runs()) {
        train_gemm_use_avx512(true);
        const TrainResult wide = train_dbn(train, o);
        train_gemm_use_avx512(false);
        const TrainResult narrow = train_dbn(train, o);
        expect_same_training(wide, narrow, "AVX-512 vs AVX2, " + to_string(o.mode));
    }
    train_gemm_use_avx512(had);
}

// The per-batch thread count: probes one thread then all at the start of every cycle, keeps the faster.
TEST(ThreadChooser, KeepsTheFasterCountOfEachCycleProbe) {
    ThreadChooser c(2);
    const int P = ThreadChooser::kProbe, N = ThreadChooser::kCycle;
    auto cycle = [&](int start, double one, double all) {
        for (int i = start; i < start + 2 * P; ++i) {
            EXPECT_EQ(c.threads(i), i - start < P ? 1 : 2) << i;
            c.record(i, c.threads(i) == 1 ? one : all);
        }
    };
    cycle(0, 1.0, 3.0);  // a loaded machine: one thread is faster
    for (int i = 2 * P; i < N; ++i) EXPECT_EQ(c.threads(i), 1) << i;
    cycle(N, 2.0, 1.1);  // quiet again: all threads
    for (int i = N + 2 * P; i < 2 * N; ++i) EXPECT_EQ(c.threads(i), 2) << i;
    ThreadChooser single(1);
    for (int i = 0; i < N; ++i) EXPECT_EQ(single.threads(i), 1);
}
