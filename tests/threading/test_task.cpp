// The task type (core/util/task.hpp): cooperative cancel, captured errors, published progress snapshots,
// the final snapshot visible together with the final status, and reap() that never waits for running work.
// Synchronised with promises and atomics only (no sleeps, no timings); run under TSan in CI.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "util/errors.hpp"
#include "util/task.hpp"

using namespace topdown;

namespace {
struct Counter {
    int value = -1;
    bool final = false;
};

// Spins (yielding) until the task's work has ended.
template <class P>
void wait_ended(const Task<P>& t) {
    while (t.running()) std::this_thread::yield();
}
}  // namespace

TEST(Task, PublishesProgressAndFinishes) {
    Task<Counter> t;
    EXPECT_EQ(t.status(), TaskStatus::Idle);
    EXPECT_EQ(t.progress()->value, -1);
    std::promise<void> go;
    std::shared_future<void> gate = go.get_future().share();
    std::atomic<int> published{0};
    t.start([&](Task<Counter>& task) {
        for (int i = 0; i < 100; ++i) {
            task.publish(Counter{i, false});
            task.state().fraction.store(double(i + 1) / 100);
            published.store(i + 1);
            if (i == 49) gate.wait();  // hold at the middle until the reader has looked
        }
    }, Counter{0, false});
    while (published.load() < 50) std::this_thread::yield();
    EXPECT_TRUE(t.running());
    EXPECT_EQ(t.progress()->value, 49);  // the work is held right after publishing 49
    EXPECT_DOUBLE_EQ(t.fraction(), 0.5);
    go.set_value();
    wait_ended(t);
    EXPECT_EQ(t.status(), TaskStatus::Finished);
    EXPECT_EQ(t.progress()->value, 99);
    EXPECT_EQ(t.error(), "");
    EXPECT_FALSE(t.exception());
    EXPECT_TRUE(t.reap());
}

TEST(Task, CancelStopsTheWorkAtItsNextCheck) {
    Task<NoProgress> t;
    std::atomic<bool> started{false};
    std::atomic<long> checks{0};
    t.start([&](Task<NoProgress>& task) {
        started.store(true);
        for (;;) {  // runs until cancelled: only a working cancel ends this test
            task.state().throw_if_cancelled();
            checks.fetch_add(1);
        }
    });
    while (!started.load()) std::this_thread::yield();
    EXPECT_TRUE(t.running());
    t.cancel();
    wait_ended(t);
    EXPECT_EQ(t.status(), TaskStatus::Cancelled);
    EXPECT_TRUE(t.cancel_requested());
    EXPECT_EQ(t.error(), "cancelled by the user");
    ASSERT_TRUE(t.exception());
    EXPECT_THROW(std::rethrow_exception(t.exception()), CancelledError);
    EXPECT_TRUE(t.reap());
}

TEST(Task, CapturesTheErrorOfTheWork) {
    Task<NoProgress> t;
    t.start([](Task<NoProgress>&) { throw DataError("the file is damaged"); });
    wait_ended(t);
    EXPECT_EQ(t.status(), TaskStatus::Failed);
    EXPECT_EQ(t.error(), "the file is damaged");
    EXPECT_THROW(std::rethrow_exception(t.exception()), DataError);
    // bad_alloc gets a readable message; a non-std exception too.
    t.start([](Task<NoProgress>&) { throw std::bad_alloc(); });
    wait_ended(t);
    EXPECT_EQ(t.status(), TaskStatus::Failed);
    EXPECT_EQ(t.error(), "not enough memory");
    t.start([](Task<NoProgress>&) { throw 42; });
    wait_ended(t);
    EXPECT_EQ(t.error(), "unknown error");
    // A later successful run clears the error.
    t.start([](Task<NoProgress>&) {});
    wait_ended(t);
    EXPECT_EQ(t.status(), TaskStatus::Finished);
    EXPECT_EQ(t.error(), "");
    EXPECT_FALSE(t.exception());
}

TEST(Task, StartWhileRunningIsRefusedAndReapNeverWaitsForWork) {
    Task<NoProgress> t;
    std::promise<void> release;
    std::shared_future<void> gate = release.get_future().share();
    std::atomic<bool> started{false};
    t.start([&](Task<NoProgress>&) {
        started.store(true);
        gate.wait();
    });
    while (!started.load()) std::this_thread::yield();
    EXPECT_FALSE(t.reap());  // returns at once: the work is held until release below
    EXPECT_THROW(t.start([](Task<NoProgress>&) {}), ArgumentError);
    release.set_value();
    wait_ended(t);
    EXPECT_TRUE(t.reap());
    EXPECT_TRUE(t.reap());  // no thread left
}

TEST(Task, FinalSnapshotIsVisibleTogetherWithTheFinalStatus) {
    // final_progress marks the last snapshot; a reader must never see running() false without the mark,
    // nor the mark while running() is true (both change under one lock).
    for (int run = 0; run < 50; ++run) {
        Task<Counter> t;
        Task<Counter>::Options o;
        o.final_progress = [](Counter& c, TaskStatus s, const std::string&) { c.final = s == TaskStatus::Finished; };
        std::atomic<int> ended_hook{0};
        o.on_end = [&](const Task<Counter>& task) {
            EXPECT_FALSE(task.running());  // on_end sees the final status
            ended_hook.store(1);
        };
        t.start([](Task<Counter>& task) {
            for (int i = 0; i < 20; ++i) task.publish(Counter{i, false});
        }, Counter{}, o);
        for (;;) {
            const auto p = t.progress();
            const bool running = t.running();
            if (p->final) {
                EXPECT_FALSE(running) << "run " << run << ": final snapshot while running";
            }
            if (!running) {
                EXPECT_TRUE(t.progress()->final) << "run " << run << ": ended without the final snapshot";
                break;
            }
        }
        EXPECT_EQ(t.progress()->value, 19);
        t.reap();  // joins after on_end
        EXPECT_EQ(ended_hook.load(), 1);
    }
}

TEST(Task, DestructorCancelsRunningWork) {
    std::atomic<bool> started{false}, stopped{false};
    {
        Task<NoProgress> t;
        t.start([&](Task<NoProgress>& task) {
            started.store(true);
            for (;;) {
                if (task.state().cancel_requested.load()) {
                    stopped.store(true);
                    throw CancelledError("stop");
                }
                std::this_thread::yield();
            }
        });
        while (!started.load()) std::this_thread::yield();
    }  // without the cancel in ~Task this would never return
    EXPECT_TRUE(stopped.load());
}
