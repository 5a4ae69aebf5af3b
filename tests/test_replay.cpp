#include <gtest/gtest.h>

#include <cmath>

#include "experiment/replay.hpp"
#include "test_support.hpp"
#include "train/finalize.hpp"
#include "train/trainer.hpp"
#include "util/errors.hpp"

using namespace topdown;

TEST(Replay, MixedStreamHasTheStatedProportions) {
    ReplayOptions o;
    o.batches_per_epoch = 156;
    o.batch_size = 128;
    const auto s = mixed_stream(5000, 700, true, o, 0);
    ASSERT_EQ(s.size(), 156u);
    int replay = 0;
    for (std::size_t b = 0; b < s.size(); ++b) {
        EXPECT_EQ(s[b].rows.size(), 128u);  // every batch full
        EXPECT_EQ(s[b].replay, b % 2 == 1);  // alternating new / replay
        replay += s[b].replay;
        for (auto r : s[b].rows) EXPECT_LT(r, s[b].replay ? 700u : 5000u);
    }
    EXPECT_EQ(replay, 78);  // half of 156
    for (const auto& b : mixed_stream(5000, 0, false, o, 0)) EXPECT_FALSE(b.replay);
    EXPECT_EQ(mixed_stream(5000, 700, true, o, 3)[0].rows, mixed_stream(5000, 700, true, o, 3)[0].rows);
    EXPECT_THROW(mixed_stream(100, 700, true, o, 0), ArgumentError);
    EXPECT_THROW(parse_replay_condition("dreaming"), ArgumentError);
}

TEST(Replay, GenerativeSamplesComeFromTheModelAndRunsAreReproducible) {
    const Dataset mnist = test::real_slice("mnist", Split::Train, 1000);
    const Dataset mnist_test = test::real_slice("mnist", Split::Test, 300);
    const Dataset fashion = test::real_slice("fashion", Split::Train, 1000);
    const Dataset fashion_test = test::real_slice("fashion", Split::Test, 300);
    TrainOptions t;
    t.architecture = {784, 60, 40};
    t.recipe.epochs = 2;
    t.recipe.learning_rate = 0.1f;
    t.recipe.batch_size = 32;
    Dbn m = train_dbn(mnist, t).model;
    finalize_model(m, mnist, mnist_test);
    ReplayOptions o;
    o.epochs = 2;
    o.batches_per_epoch = 6;
    o.batch_size = 32;
    o.generation_steps = 4;
    o.readout_train_images = 500;
    // Label replay: 10 chains per class x 4 steps, every sample produced by the model.
    const Matrix pool = replay_pool(m, ReplayCondition::GenerativeLabel, mnist, o);
    ASSERT_EQ(pool.rows(), 10 * 10 * 4);
    double min_dist = 1e9;
    for (Eigen::Index i = 0; i < pool.rows(); i += 37)
        min_dist = std::min<double>(min_dist, (mnist.images.rowwise() - pool.row(i)).rowwise().squaredNorm().minCoeff());
    EXPECT_GT(min_dist, 1e-3);  // not copies of dataset images
    EXPECT_EQ(pool, replay_pool(m, ReplayCondition::GenerativeLabel, mnist, o));
    Dbn other = m;
    other.layers[0].W *= 0.5f;
    EXPECT_NE(pool, replay_pool(other, ReplayCondition::GenerativeLabel, mnist, o));  // depends on the model
    EXPECT_EQ(replay_pool(m, ReplayCondition::GenerativeChimera, mnist, o).rows(), 45 * 3 * 4);
    EXPECT_EQ(replay_pool(m, ReplayCondition::Random, mnist, o).rows(), 1000 * 4);
    EXPECT_EQ(replay_pool(m, ReplayCondition::Experience, mnist, o), mnist.images);
    EXPECT_EQ(replay_pool(m, ReplayCondition::Sequential, mnist, o).rows(), 0);
    // End to end, twice with the same seed: the same curves.
    const ReplayCurve a = run_replay(m, ReplayCondition::GenerativeChimera, fashion, fashion_test, mnist, mnist_test, o);
    const ReplayCurve b = run_replay(m, ReplayCondition::GenerativeChimera, fashion, fashion_test, mnist, mnist_test, o);
    ASSERT_EQ(a.new_accuracy.size(), 2u);
    EXPECT_EQ(a.new_accuracy, b.new_accuracy);
    EXPECT_EQ(a.old_accuracy_fixed, b.old_accuracy_fixed);
    EXPECT_GT(a.initial_old_accuracy, 0.4);  // the MNIST read-out before retraining is far above chance
    const ReplayCurve seq = run_replay(m, ReplayCondition::Sequential, fashion, fashion_test, mnist, mnist_test, o);
    EXPECT_EQ(seq.replay_pool_size, 0);
    EXPECT_TRUE(std::isfinite(forgetting_ratio(seq, seq)) || seq.initial_old_accuracy == seq.old_accuracy_fixed.back());
}
