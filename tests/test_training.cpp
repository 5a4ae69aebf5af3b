#include <gtest/gtest.h>

#include "math/random.hpp"
#include "test_support.hpp"
#include "train/finalize.hpp"
#include "train/label_biasing_matrix.hpp"
#include "train/readout.hpp"
#include "train/trainer.hpp"
#include "util/errors.hpp"

using namespace topdown;

TEST(Readout, SeparatesLinearlySeparableClasses) {
    // Three well-separated clusters in 5 dimensions.
    Matrix X(300, 5);
    std::vector<std::uint8_t> y(300);
    CounterRng r(1, 1);
    for (int i = 0; i < 300; ++i) {
        y[std::size_t(i)] = std::uint8_t(i % 3);
        for (int d = 0; d < 5; ++d) X(i, d) = 0.1f * r.normal() + (d == i % 3 ? 3.0f : 0.0f);
    }
    const Readout ro = fit_ridge_readout(X, y, 3);
    EXPECT_DOUBLE_EQ(ro.accuracy(X, y), 1.0);
    EXPECT_THROW(fit_ridge_readout(Matrix(0, 5), {}, 3), ArgumentError);
}

TEST(LabelBiasingMatrix, ClassMeansEqualPseudoInverse) {
    CounterRng r(2, 2);
    Matrix R(40, 7);
    for (Eigen::Index i = 0; i < R.size(); ++i) R.data()[i] = 0.5f + 0.3f * r.normal();
    std::vector<std::uint8_t> y(40);
    Matrix L = Matrix::Zero(40, 4);
    for (int i = 0; i < 40; ++i) {
        y[std::size_t(i)] = std::uint8_t((i * 7) % 4);
        L(i, y[std::size_t(i)]) = 1;
    }
    const Matrix a = label_biasing_matrix(R, y, 4);
    const Matrix b = label_biasing_matrix_pinv(R, L);
    EXPECT_LT((a - b).cwiseAbs().maxCoeff(), 1e-5f);
    // k = floor(mean over classes of the row sums)
    const double mean_sum = a.cast<double>().rowwise().sum().mean();
    EXPECT_EQ(default_k(a), int(std::floor(mean_sum)));
    std::vector<std::uint8_t> missing(40, 0);
    EXPECT_THROW(label_biasing_matrix(R, missing, 4), ArgumentError);
}

// A tiny iDBN trained for 2 epochs on 2,000 real MNIST images must learn: its reconstruction error falls
// and its top-layer read-out beats, by a wide margin, both chance and the same network untrained.
TEST(Trainer, TinyIdbnLearnsOnRealMnistSlice) {
    const Dataset train = test::real_slice("mnist", Split::Train, 2000);
    const Dataset test_set = test::real_slice("mnist", Split::Test, 1000);
    TrainOptions o;
    o.architecture = {784, 200, 100};
    o.recipe = recipe_by_name("idbn2025");
    o.recipe.epochs = 2;
    o.recipe.learning_rate = 0.1f;
    o.recipe.batch_size = 32;
    o.seed = 3;
    const TrainResult r = train_dbn(train, o);
    ASSERT_EQ(r.epochs_completed, 2);
    ASSERT_EQ(r.mse.size(), 2u);
    EXPECT_LT(r.mse[0][1], r.mse[0][0]);
    Dbn m = r.model;
    const FinalizeReport rep = finalize_model(m, train, test_set);

    Dbn untrained = init_dbn(o.architecture, o.recipe.init_std, o.seed);
    untrained.class_names = train.class_names;
    const FinalizeReport base = finalize_model(untrained, train, test_set);
    std::printf("read-out: trained %.3f, untrained %.3f, k %d\n", rep.readout_accuracy, base.readout_accuracy, rep.k);
    EXPECT_GT(rep.readout_accuracy, 0.65);
    EXPECT_GT(rep.readout_accuracy, base.readout_accuracy + 0.30);
    EXPECT_GT(rep.k, 0);
    EXPECT_EQ(m.label_biasing.rows(), 10);
    EXPECT_EQ(m.label_biasing.cols(), 100);
}

TEST(Trainer, GreedyModeTrainsEveryLayerAndIsDeterministic) {
    const Dataset train = test::real_slice("mnist", Split::Train, 500);
    TrainOptions o;
    o.architecture = {784, 50, 20};
    o.mode = TrainMode::Greedy;
    o.recipe = recipe_by_name("rbm2023");
    o.recipe.epochs = 2;
    const TrainResult a = train_dbn(train, o), b = train_dbn(train, o);
    EXPECT_EQ(a.mse[1].size(), 2u);
    EXPECT_EQ(a.model.layers[1].W, b.model.layers[1].W);
    EXPECT_GT(a.model.layers[1].W.cwiseAbs().sum(), 0.0f);
}

TEST(Trainer, CancellationKeepsLastCompletedEpoch) {
    const Dataset train = test::real_slice("mnist", Split::Train, 256);
    TrainOptions o;
    o.architecture = {784, 20};
    o.recipe.epochs = 5;
    o.recipe.batch_size = 64;
    TaskState task;
    int batches = 0;
    const TrainResult r = train_dbn(
        train, o, [&](const TrainEvent&) { if (++batches == 10) task.request_cancel(); }, {}, &task);
    EXPECT_TRUE(r.cancelled);
    EXPECT_EQ(r.epochs_completed, 2);  // 4 batches per epoch: cancelled during epoch 3
    EXPECT_EQ(r.mse[0].size(), 2u);
}

TEST(Trainer, RejectsBadOptions) {
    const Dataset train = test::real_slice("mnist", Split::Train, 100);
    TrainOptions o;
    o.architecture = {100, 10};
    EXPECT_THROW(train_dbn(train, o), ArgumentError);
    EXPECT_THROW(parse_architecture("784-x"), ArgumentError);
    EXPECT_THROW(parse_architecture("784"), ArgumentError);
    EXPECT_THROW(recipe_by_name("nope"), ArgumentError);
}
