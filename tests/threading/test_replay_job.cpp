// The app's background replay job: runs to the same curves as a direct call, can be cancelled, reports
// errors in its snapshot, and its snapshots can be read from another thread while it runs (TSan).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "experiment/replay_job.hpp"
#include "model/model_file.hpp"
#include "test_support.hpp"
#include "train/finalize.hpp"
#include "train/trainer.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {

constexpr std::size_t kLimit = 1000;

std::string tiny_mnist_model(const test::TempDir& d) {
    const Dataset mnist = test::real_slice("mnist", Split::Train, kLimit);
    const Dataset mnist_test = test::real_slice("mnist", Split::Test, 300);
    TrainOptions t;
    t.architecture = {784, 40, 30};
    t.recipe.epochs = 1;
    t.recipe.learning_rate = 0.1f;
    t.recipe.batch_size = 32;
    Dbn m = train_dbn(mnist, t).model;
    finalize_model(m, mnist, mnist_test);
    save_model(m, d.file("tiny.tdm"));
    return d.file("tiny.tdm");
}

ReplayJobConfig tiny_config(const std::string& model) {
    ReplayJobConfig c;
    c.model_path = model;
    c.conditions = {ReplayCondition::Sequential, ReplayCondition::GenerativeLabel};
    c.limit = kLimit;
    c.options.epochs = 2;
    c.options.batches_per_epoch = 6;
    c.options.batch_size = 32;
    c.options.generation_steps = 3;
    c.options.readout_train_images = 400;
    return c;
}

// Polls the job (as the UI does) until it stops; fails after `limit`.
std::shared_ptr<const ReplayProgress> wait_until_stopped(const ReplayJob& job, std::chrono::seconds limit, int* polls = nullptr) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (job.running() && std::chrono::steady_clock::now() < end) {
        const auto p = job.progress();
        // The final snapshot and running() == false are published together: a reader that sees the end
        // never sees the job still running.
        if (p->state != ReplayProgress::State::Running) {
            EXPECT_FALSE(job.running()) << "final snapshot while running";
        }
        EXPECT_GE(job.live_fraction(), 0.0);
        EXPECT_LE(job.live_fraction(), 1.0 + 1e-9);
        if (polls) ++*polls;
        (void)p->curves.size();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    EXPECT_FALSE(job.running()) << "the replay job did not stop in time";
    return job.progress();
}

}  // namespace

TEST(ReplayJob, RunsToTheSameCurvesAsADirectCall) {
    test::TempDir d;
    const std::string model = tiny_mnist_model(d);
    ReplayJob job;
    EXPECT_EQ(job.progress()->state, ReplayProgress::State::Idle);
    job.start(tiny_config(model));
    EXPECT_THROW(job.start(tiny_config(model)), ArgumentError);  // one at a time
    int polls = 0;
    const auto p = wait_until_stopped(job, std::chrono::seconds(600), &polls);
    ASSERT_EQ(p->state, ReplayProgress::State::Finished) << p->error;
    EXPECT_GT(polls, 0);
    EXPECT_DOUBLE_EQ(p->fraction, 1.0);
    ASSERT_EQ(p->curves.size(), 2u);
    EXPECT_TRUE(p->complete(0));
    EXPECT_TRUE(p->complete(1));
    EXPECT_TRUE(std::isfinite(p->forgetting_ratio_of(1)));
    EXPECT_EQ(p->forgetting_ratio_of(1), forgetting_ratio(p->curves[1], p->curves[0]));
    EXPECT_EQ(p->sample_condition, "generative-label");
    EXPECT_EQ(p->samples.rows(), ReplayProgress::kSampleRows);
    EXPECT_EQ(p->samples.cols(), 784);

    const Dbn m = load_model(model);
    const Dataset mt = test::real_slice("mnist", Split::Train, kLimit), ms = load_dataset("mnist", Split::Test, data_dir());
    const Dataset ft = test::real_slice("fashion", Split::Train, kLimit), fs = load_dataset("fashion", Split::Test, data_dir());
    const ReplayJobConfig c = tiny_config(model);
    for (std::size_t i = 0; i < 2; ++i) {
        const ReplayCurve direct = run_replay(m, c.conditions[i], ft, fs, mt, ms, c.options);
        EXPECT_EQ(p->curves[i].condition, c.conditions[i]);
        EXPECT_EQ(p->curves[i].new_accuracy, direct.new_accuracy);
        EXPECT_EQ(p->curves[i].old_accuracy_fixed, direct.old_accuracy_fixed);
        EXPECT_EQ(p->curves[i].old_accuracy_refit, direct.old_accuracy_refit);
        EXPECT_EQ(p->curves[i].replay_pool_size, direct.replay_pool_size);
    }
}

TEST(ReplayJob, CancelStopsPromptlyAndAnotherRunCanStart) {
    test::TempDir d;
    const std::string model = tiny_mnist_model(d);
    ReplayJob job;
    ReplayJobConfig c = tiny_config(model);
    c.options.epochs = 10000;  // far longer than the test
    job.start(c);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    job.cancel();
    const auto p = wait_until_stopped(job, std::chrono::seconds(120));
    EXPECT_EQ(p->state, ReplayProgress::State::Cancelled);
    if (!p->curves.empty()) {  // (a cancel while loading the data leaves no curve)
        EXPECT_FALSE(p->complete(p->curves.size() - 1)) << "a cancelled condition must be marked partial";
        EXPECT_TRUE(std::isnan(p->forgetting_ratio_of(p->curves.size() - 1)));
    }
    // A new run after the cancelled one.
    job.start(tiny_config(model));
    EXPECT_EQ(wait_until_stopped(job, std::chrono::seconds(600))->state, ReplayProgress::State::Finished);
}

TEST(ReplayJob, ErrorsEndUpInTheSnapshot) {
    test::TempDir d;
    ReplayJob job;
    job.start(tiny_config(d.file("missing.tdm")));
    auto p = wait_until_stopped(job, std::chrono::seconds(60));
    EXPECT_EQ(p->state, ReplayProgress::State::Failed);
    EXPECT_FALSE(p->error.empty());

    ReplayJobConfig none = tiny_config(d.file("missing.tdm"));
    none.conditions.clear();
    EXPECT_THROW(job.start(none), ArgumentError);
}

TEST(ReplayJob, ACancelledConditionIsPartialAndNotScored) {
    test::TempDir d;
    const std::string model = tiny_mnist_model(d);
    ReplayJob job;
    ReplayJobConfig c = tiny_config(model);
    c.options.epochs = 2;
    c.conditions = {ReplayCondition::Sequential, ReplayCondition::GenerativeLabel};
    job.start(c);
    // Cancel once the second condition has started (the first one is then complete).
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(600);
    while (job.running() && std::chrono::steady_clock::now() < end) {
        const auto p = job.progress();
        if (p->curves.size() == 2) {
            job.cancel();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const auto p = wait_until_stopped(job, std::chrono::seconds(600));
    if (p->state == ReplayProgress::State::Finished) GTEST_SKIP() << "the run ended before the cancel arrived";
    ASSERT_EQ(p->state, ReplayProgress::State::Cancelled);
    ASSERT_EQ(p->curves.size(), 2u);
    ASSERT_EQ(p->curve_complete.size(), 2u);
    EXPECT_TRUE(p->complete(0));
    EXPECT_FALSE(p->complete(1));
    EXPECT_TRUE(std::isnan(p->forgetting_ratio_of(1))) << "a partial condition was scored";
    EXPECT_TRUE(std::isfinite(p->forgetting_ratio_of(0)));  // the complete sequential run against itself
}

TEST(ReplayJob, RunningIsFalseOnceTheFinalSnapshotIsVisible) {
    // Many short failing runs: each ends with a final snapshot; a reader polling as fast as it can must never
    // see that snapshot while running() is still true.
    test::TempDir d;
    ReplayJob job;
    for (int run = 0; run < 200; ++run) {
        job.start(tiny_config(d.file("missing.tdm")));
        while (true) {
            const auto p = job.progress();
            const bool running = job.running();
            if (p->state != ReplayProgress::State::Running) {
                ASSERT_FALSE(running) << "run " << run << ": final snapshot seen while running() was true";
                break;
            }
            if (!running) {
                // running() false implies the final snapshot is already published.
                ASSERT_NE(job.progress()->state, ReplayProgress::State::Running) << "run " << run;
                break;
            }
        }
    }
}
