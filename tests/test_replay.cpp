#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

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
    EXPECT_EQ(seq.old_accuracy_fixed.size(), 2u);
}

namespace {
ReplayCurve curve(double initial, std::vector<double> old_fixed) {
    ReplayCurve c;
    c.initial_old_accuracy = initial;
    c.old_accuracy_fixed = std::move(old_fixed);
    c.old_accuracy_refit = c.old_accuracy_fixed;  // must not be used
    for (double& v : c.old_accuracy_refit) v = 0.123;
    return c;
}
}  // namespace

// forgetting_ratio = (initial − last MNIST accuracy with replay) / (initial − last with sequential), by hand.
TEST(Replay, ForgettingRatioByHand) {
    const ReplayCurve seq = curve(0.9, {0.7, 0.5, 0.4});  // sequential drops 0.5
    EXPECT_NEAR(forgetting_ratio(curve(0.9, {0.85, 0.8}), seq), 0.1 / 0.5, 1e-12);
    // Only the last epoch counts (not the minimum, not the first).
    EXPECT_NEAR(forgetting_ratio(curve(0.9, {0.2, 0.85}), seq), 0.05 / 0.5, 1e-12);
    // Each curve's own initial accuracy is used.
    EXPECT_NEAR(forgetting_ratio(curve(0.8, {0.7}), seq), 0.1 / 0.5, 1e-12);
    EXPECT_NEAR(forgetting_ratio(curve(0.95, {0.7}), seq), 0.25 / 0.5, 1e-12);
    // No forgetting with replay: 0; as much as sequential: 1; total forgetting on both: 1.
    EXPECT_EQ(forgetting_ratio(curve(0.9, {0.9}), seq), 0.0);
    EXPECT_NEAR(forgetting_ratio(curve(0.9, {0.4}), seq), 1.0, 1e-12);
    EXPECT_NEAR(forgetting_ratio(curve(0.9, {0.0}), curve(0.9, {0.3, 0.0})), 1.0, 1e-12);
    // Replay forgets more than sequential (> 1), or ends above its start (< 0).
    EXPECT_NEAR(forgetting_ratio(curve(0.9, {0.0}), seq), 1.8, 1e-12);
    EXPECT_NEAR(forgetting_ratio(curve(0.9, {0.95}), seq), -0.1, 1e-12);
    // Undefined (NaN) when sequential training did not forget (no drop to compare with), including a model
    // that started at zero accuracy and stayed there, and when a curve has no epochs.
    EXPECT_TRUE(std::isnan(forgetting_ratio(curve(0.9, {0.8}), curve(0.9, {0.9}))));
    EXPECT_TRUE(std::isnan(forgetting_ratio(curve(0.0, {0.0}), curve(0.0, {0.0}))));
    EXPECT_TRUE(std::isnan(forgetting_ratio(curve(0.9, {}), seq)));
    EXPECT_TRUE(std::isnan(forgetting_ratio(curve(0.9, {0.8}), curve(0.9, {}))));
    // Zero initial accuracy with replay and a sequential run that improved (negative drop): well defined.
    EXPECT_NEAR(forgetting_ratio(curve(0.0, {0.1}), curve(0.0, {0.2})), 0.5, 1e-12);
}

namespace {
struct ForgettingRun {
    ReplayCurve seq, exp;
};

// An iDBN (784-100-60, 3 epochs) trained here on 2000 MNIST images, then retrained for 3 epochs of 40 batches
// of 32 on Fashion-MNIST alone (sequential) and with real MNIST images replayed (experience).
ForgettingRun forgetting_run(std::uint64_t train_seed, std::uint64_t replay_seed) {
    const Dataset mnist = test::real_slice("mnist", Split::Train, 2000);
    const Dataset mnist_test = test::real_slice("mnist", Split::Test, 1000);
    const Dataset fashion = test::real_slice("fashion", Split::Train, 2000);
    const Dataset fashion_test = test::real_slice("fashion", Split::Test, 500);
    TrainOptions t;
    t.architecture = {784, 100, 60};
    t.recipe.epochs = 3;
    t.recipe.learning_rate = 0.1f;
    t.recipe.batch_size = 32;
    t.seed = train_seed;
    const Dbn m = train_dbn(mnist, t).model;
    ReplayOptions o;
    o.epochs = 3;
    o.batches_per_epoch = 40;
    o.batch_size = 32;
    o.readout_train_images = 2000;
    o.seed = replay_seed;
    ForgettingRun r;
    r.seq = run_replay(m, ReplayCondition::Sequential, fashion, fashion_test, mnist, mnist_test, o);
    r.exp = run_replay(m, ReplayCondition::Experience, fashion, fashion_test, mnist, mnist_test, o);
    std::printf("seeds %llu/%llu MNIST accuracy (fixed read-out): initial %.3f; sequential", (unsigned long long)train_seed,
                (unsigned long long)replay_seed, r.seq.initial_old_accuracy);
    for (double a : r.seq.old_accuracy_fixed) std::printf(" %.3f", a);
    std::printf("; experience");
    for (double a : r.exp.old_accuracy_fixed) std::printf(" %.3f", a);
    std::printf("\n  Fashion accuracy: sequential %.3f experience %.3f; forgetting ratio %.3f\n", r.seq.new_accuracy.back(),
                r.exp.new_accuracy.back(), forgetting_ratio(r.exp, r.seq));
    return r;
}
}  // namespace

// A small real run (seconds): replaying real MNIST images (experience replay) while retraining on
// Fashion-MNIST keeps more of the MNIST read-out accuracy than retraining on Fashion-MNIST alone.
TEST(Replay, ExperienceReplayForgetsLessThanSequentialOnRealData) {
    const ForgettingRun r = forgetting_run(3, 5);
    const ReplayCurve& seq = r.seq;
    const ReplayCurve& exp = r.exp;
    ASSERT_EQ(seq.old_accuracy_fixed.size(), 3u);
    ASSERT_EQ(exp.old_accuracy_fixed.size(), 3u);
    EXPECT_EQ(seq.initial_old_accuracy, exp.initial_old_accuracy);  // the same model and read-out before retraining
    // Recorded (training seed 3, replay seed 5): MNIST initial 0.751; after 3 epochs sequential 0.480, experience
    // 0.633, ratio 0.435, Fashion 0.626 / 0.588. The sweep below (five other seed pairs) gave initial 0.74-0.77,
    // sequential drops 0.18-0.25, experience 0.09-0.13 above sequential, ratios 0.45-0.58, Fashion 0.57-0.64:
    // the bounds leave room for that spread (and for the small differences between thread counts).
    EXPECT_GT(seq.initial_old_accuracy, 0.7);
    // Sequential training forgets MNIST clearly; experience replay keeps clearly more of it.
    EXPECT_LT(seq.old_accuracy_fixed.back(), seq.initial_old_accuracy - 0.1);
    EXPECT_GT(exp.old_accuracy_fixed.back(), seq.old_accuracy_fixed.back() + 0.05);
    const double ratio = forgetting_ratio(exp, seq);
    EXPECT_GT(ratio, -0.5);
    EXPECT_LT(ratio, 0.75);
    // Both learned Fashion-MNIST features (chance 0.1).
    EXPECT_GT(seq.new_accuracy.back(), 0.5);
    EXPECT_GT(exp.new_accuracy.back(), 0.5);
}

// How the bounds above were chosen: the same run for other seed pairs (run with --gtest_also_run_disabled_tests).
TEST(Replay, DISABLED_ExperienceReplaySeedSweep) {
    for (const auto& [a, b] : std::vector<std::pair<int, int>>{{1, 1}, {2, 7}, {4, 2}, {5, 9}, {6, 3}}) forgetting_run(a, b);
}
