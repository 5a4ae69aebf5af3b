// The live session: command queue ordering, snapshot hand-off under stress (restarts, parameter changes,
// model switches), monotonic step numbers, bad model files, and determinism of the focused chain.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "generate/biasing.hpp"
#include "generate/chain.hpp"
#include "math/random.hpp"
#include "model/model_file.hpp"
#include "session/command_queue.hpp"
#include "session/model_info.hpp"
#include "session/session_worker.hpp"
#include "session/simulation.hpp"
#include "train/trainer.hpp"

using namespace topdown;
using namespace std::chrono_literals;

namespace {
// A rows x cols matrix of uniform [0, 1) numbers from the project's counter-based RNG (stream (seed, 99)).
Matrix seeded_uniform(int rows, int cols, std::uint64_t seed) {
    Matrix m(rows, cols);
    CounterRng rng(seed, 99);
    rng.uniform(m.data(), static_cast<std::size_t>(m.size()));
    return m;
}

std::shared_ptr<const Dbn> small_model(std::uint64_t seed, std::vector<int> arch = {64, 40, 30, 50}) {
    auto m = std::make_shared<Dbn>(init_dbn(arch, 0.3f, seed));
    m->class_names = {"a", "b", "c"};
    m->label_biasing = seeded_uniform(3, arch.back(), seed);
    m->k = 12;
    m->dataset = "test";
    return m;
}

SessionParams params(BiasMethod method, std::uint64_t seed, int ensemble, int steps = 100) {
    SessionParams p;
    p.bias.method = method;
    p.bias.class_a = 0;
    p.bias.class_b = 2;
    p.seed = seed;
    p.ensemble_size = ensemble;
    p.steps = steps;
    return p;
}

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("topdown-session-" + std::to_string(::getpid()) + "-" + name))
        .string();
}

// Invariants every published snapshot must satisfy.
void check_snapshot(const Snapshot& s) {
    ASSERT_LE(s.step, s.newest_step);
    if (s.newest_step > 0) {
        ASSERT_GE(s.step, s.oldest_kept_step);
    }
    if (s.current) {
        ASSERT_EQ(s.current->step, s.step);
        ASSERT_FALSE(s.recent.empty());
        ASSERT_EQ(s.recent.back().get(), s.current.get());
    }
    for (std::size_t i = 1; i < s.recent.size(); ++i) ASSERT_EQ(s.recent[i]->step, s.recent[i - 1]->step + 1);
    for (std::size_t i = 1; i < s.ensemble.size(); ++i) ASSERT_EQ(s.ensemble[i].step, s.ensemble[i - 1].step + 1);
    if (s.model && s.current) {
        ASSERT_EQ(static_cast<int>(s.current->visible.size()), s.model->sizes.front());
        ASSERT_EQ(s.current->energy.size() + 1, s.model->sizes.size());
    }
}
}  // namespace

TEST(CommandQueue, KeepsEachProducersOrder) {
    CommandQueue<std::pair<int, int>> q;
    constexpr int kProducers = 4, kItems = 5000;
    std::vector<std::thread> producers;
    for (int p = 0; p < kProducers; ++p)
        producers.emplace_back([&q, p] {
            for (int i = 0; i < kItems; ++i) q.push({p, i});
        });
    std::vector<int> next(kProducers, 0);
    int received = 0;
    while (received < kProducers * kItems) {
        q.wait_until(std::chrono::steady_clock::now() + 50ms);
        for (auto [p, i] : q.drain()) {
            ASSERT_EQ(i, next[static_cast<std::size_t>(p)]) << "producer " << p;
            ++next[static_cast<std::size_t>(p)];
            ++received;
        }
    }
    for (auto& t : producers) t.join();
    EXPECT_EQ(q.size(), 0u);
}

TEST(CommandQueue, CloseWakesWaiterAndDropsLaterPushes) {
    CommandQueue<int> q;
    std::thread waiter([&] { EXPECT_FALSE(q.wait()); });
    std::this_thread::sleep_for(20ms);
    q.close();
    waiter.join();
    q.push(1);
    EXPECT_TRUE(q.drain().empty());
}

TEST(SessionWorker, AppliesCommandsInOrder) {
    SessionWorker w;
    w.send(cmd::UseModel{small_model(1), ""});
    w.send(cmd::Restart{params(BiasMethod::Label, 3, 5), false});
    for (int i = 0; i < 7; ++i) w.send(cmd::Step{});
    w.send(cmd::StepBack{});
    w.send(cmd::StepBack{});
    w.send(cmd::Seek{3});
    w.send(cmd::Step{});
    auto s = w.wait_for([](const Snapshot& x) { return x.step == 4 && x.newest_step == 7; }, 5s);
    ASSERT_EQ(s->step, 4);
    EXPECT_EQ(s->newest_step, 7);
    EXPECT_EQ(s->ensemble.size(), 7u);  // the ensemble advanced only on new steps
    EXPECT_EQ(s->ensemble_size, 5);
    EXPECT_EQ(s->mode, RunMode::Paused);
    check_snapshot(*s);
}

TEST(SessionWorker, StepNumbersAreMonotonicWhilePlaying) {
    SessionWorker w;
    w.send(cmd::UseModel{small_model(2), ""});
    w.send(cmd::SetSpeed{0});
    w.send(cmd::Restart{params(BiasMethod::Intersection, 4, 20), false});
    w.send(cmd::RunTo{300});
    std::uint64_t last_serial = 0;
    int last_step = -1;
    const auto deadline = std::chrono::steady_clock::now() + 8s;
    while (std::chrono::steady_clock::now() < deadline) {
        auto s = w.latest();
        ASSERT_GE(s->serial, last_serial);
        if (s->serial > last_serial && s->model && !s->bias_description.empty()) {
            ASSERT_GE(s->step, last_step);
            last_step = s->step;
            check_snapshot(*s);
        }
        last_serial = s->serial;
        if (s->step == 300 && s->mode == RunMode::Paused) break;
    }
    EXPECT_EQ(last_step, 300);
}

TEST(SessionWorker, HandsOffSnapshotsUnderStress) {
    const std::string good = temp_path("good.tdm"), bad = temp_path("bad.tdm");
    save_model(*small_model(7, {36, 20, 24}), good);
    std::ofstream(bad) << "this is not a model file";
    SessionWorker w(64, 128);
    w.send(cmd::UseModel{small_model(5), ""});
    w.send(cmd::SetSpeed{0});
    w.send(cmd::Restart{params(BiasMethod::DoubleLabel, 1, 8), true});

    std::atomic<bool> stop{false};
    std::atomic<long> seen{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r)
        readers.emplace_back([&] {
            std::uint64_t last = 0;
            while (!stop.load()) {
                auto s = w.latest();
                EXPECT_GE(s->serial, last);
                last = s->serial;
                check_snapshot(*s);
                seen.fetch_add(1);
            }
        });
    std::mt19937 rng(11);
    // 3 s by default; the ThreadSanitizer run in CI sets TOPDOWN_STRESS_SECONDS=30.
    const char* env = std::getenv("TOPDOWN_STRESS_SECONDS");
    const int secs = env ? std::clamp(std::atoi(env), 1, 600) : 3;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(secs);
    int i = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        const BiasMethod m = static_cast<BiasMethod>(rng() % 4);
        switch (rng() % 9) {
            case 0: w.send(cmd::Restart{params(m, rng() % 100, static_cast<int>(rng() % 30), 50), true}); break;
            case 1: w.send(cmd::SetSpeed{static_cast<float>(rng() % 3) * 200.0f}); break;
            case 2: w.send(cmd::StepBack{}); break;
            case 3: w.send(cmd::Seek{static_cast<int>(rng() % 60)}); break;
            case 4: w.send(cmd::RunTo{static_cast<int>(rng() % 120) + 1}); break;
            case 5: w.send(cmd::UseModel{small_model(rng() % 3), ""}); break;
            case 6: w.send(cmd::LoadModel(i % 2 ? good : bad)); break;
            case 7: w.send(cmd::Play{}); break;
            default: w.send(cmd::Step{}); break;
        }
        ++i;
        std::this_thread::sleep_for(std::chrono::microseconds(200 + rng() % 800));
    }
    // A bad file opened on its own is always reported (during the storm a newer request may supersede it).
    const std::uint64_t errors_before = w.latest()->error_serial;
    w.send(cmd::LoadModel(bad));
    const auto e = w.wait_for([&](const Snapshot& x) { return x.error_serial > errors_before && !x.loading; }, 10s);
    EXPECT_GT(e->error_serial, errors_before) << "the bad file was not reported";
    w.send(cmd::UseModel{small_model(5), ""});
    w.send(cmd::Restart{params(BiasMethod::Label, 9, 3), false});
    w.send(cmd::RunTo{10});
    auto s = w.wait_for([](const Snapshot& x) {
        return x.step == 10 && x.mode == RunMode::Paused && x.params.seed == 9 && !x.loading;
    }, 5s);
    stop = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(s->step, 10);
    EXPECT_EQ(s->model->sizes, (std::vector<int>{64, 40, 30, 50}));
    EXPECT_GT(seen.load(), 100);
    EXPECT_GT(s->error_serial, 0u);  // the bad file was reported, not fatal
    std::filesystem::remove(good);
    std::filesystem::remove(bad);
}

TEST(SessionWorker, BadModelFileKeepsThePreviousModel) {
    const std::string bad = temp_path("corrupt.tdm");
    {
        std::ofstream f(bad, std::ios::binary);
        f << "TDM\x01garbage-that-is-no-model";
    }
    SessionWorker w;
    w.send(cmd::UseModel{small_model(3), "in-memory"});
    w.send(cmd::Restart{params(BiasMethod::Label, 2, 4), false});
    w.send(cmd::RunTo{5});
    auto before = w.wait_for([](const Snapshot& x) { return x.step == 5 && x.mode == RunMode::Paused; }, 5s);
    ASSERT_EQ(before->step, 5);
    w.send(cmd::LoadModel(bad));
    auto after = w.wait_for([](const Snapshot& x) { return x.error_serial > 0 && !x.loading; }, 5s);
    ASSERT_GT(after->error_serial, 0u);
    EXPECT_NE(after->error.find("Could not open model"), std::string::npos) << after->error;
    EXPECT_EQ(after->model.get(), before->model.get());
    EXPECT_EQ(after->step, 5);
    w.send(cmd::LoadModel(temp_path("missing.tdm")));
    auto again = w.wait_for([](const Snapshot& x) { return x.error_serial > 1 && !x.loading; }, 5s);
    EXPECT_EQ(again->error_serial, 2u);
    EXPECT_EQ(again->model.get(), before->model.get());
    std::filesystem::remove(bad);
}

TEST(SessionWorker, FocusedChainEqualsAStandaloneChain) {
    const auto dbn = small_model(8);
    const auto g = prepare_generation_model(dbn);
    for (BiasMethod m : {BiasMethod::Label, BiasMethod::Intersection, BiasMethod::Random}) {
        SessionWorker w;
        w.send(cmd::UseModel{dbn, ""});
        w.send(cmd::SetSpeed{0});
        SessionParams p = params(m, 42, 6, 25);
        w.send(cmd::Restart{p, true});
        auto s = w.wait_for([](const Snapshot& x) { return x.step == 25 && x.mode == RunMode::Paused; }, 5s);
        ASSERT_EQ(s->step, 25);
        p.bias.k = m == BiasMethod::Label ? 0 : resolve_k(*dbn, 0);
        Chain alone(g, make_initial_state(*dbn, p.bias, 42, 0).top, 42, 0);
        for (int i = 0; i < 25; ++i) alone.step();
        ASSERT_EQ(alone.current()->visible.size(), s->current->visible.size());
        EXPECT_EQ(std::memcmp(alone.current()->visible.data(), s->current->visible.data(),
                              s->current->visible.size() * sizeof(float)), 0)
            << to_string(m);
        EXPECT_EQ(alone.current()->energy, s->current->energy);
    }
}

TEST(Simulation, EnsembleRowsAreStandaloneChainsWithIndicesFromOne) {
    const auto dbn = small_model(9);
    const auto g = prepare_generation_model(dbn);
    Simulation sim(50, 50);
    sim.set_model(build_model_info(dbn, ""), g);
    SessionParams p = params(BiasMethod::Random, 77, 4);
    sim.restart(p);
    for (int i = 0; i < 12; ++i) sim.step();
    ASSERT_EQ(sim.ensemble()->size(), 4);
    for (int row = 0; row < 4; ++row) {
        p.bias.k = resolve_k(*dbn, 0);
        Chain alone(g, make_initial_state(*dbn, p.bias, 77, static_cast<std::uint64_t>(row + 1)).top, 77,
                    static_cast<std::uint64_t>(row + 1));
        for (int i = 0; i < 12; ++i) alone.step();
        const Matrix& v = sim.ensemble()->state(0);
        EXPECT_EQ(std::memcmp(alone.current()->visible.data(), v.row(row).data(), alone.current()->visible.size() * 4), 0)
            << "row " << row;
    }
}

TEST(Simulation, HistoryIsBoundedAndStepBackReplaysExactly) {
    const auto dbn = small_model(10);
    Simulation sim(16, 32);
    sim.set_model(build_model_info(dbn, ""), prepare_generation_model(dbn));
    sim.restart(params(BiasMethod::Label, 5, 3));
    for (int i = 0; i < 100; ++i) sim.step();
    Snapshot s;
    sim.fill(s);
    EXPECT_EQ(s.step, 100);
    EXPECT_EQ(s.recent.size(), 16u);
    EXPECT_EQ(s.oldest_kept_step, 85);
    EXPECT_EQ(s.ensemble.size(), 32u);
    const auto v100 = s.current->visible;
    EXPECT_FALSE(sim.seek(80));
    EXPECT_TRUE(sim.seek(90));
    for (int i = 0; i < 10; ++i) sim.step();
    Snapshot t;
    sim.fill(t);
    EXPECT_EQ(t.step, 100);
    EXPECT_EQ(t.current->visible, v100);
    EXPECT_EQ(t.ensemble.size(), 32u);
    EXPECT_EQ(t.ensemble.back().step, 100);  // replaying did not advance the ensemble
}

TEST(Simulation, RejectsBadParamsAndKeepsTheRunningChains) {
    const auto dbn = small_model(11);
    Simulation sim;
    sim.set_model(build_model_info(dbn, ""), prepare_generation_model(dbn));
    sim.restart(params(BiasMethod::Label, 5, 3));
    sim.step();
    SessionParams bad = params(BiasMethod::Label, 5, 3);
    bad.bias.class_a = 7;
    EXPECT_THROW(sim.restart(bad), ArgumentError);
    bad = params(BiasMethod::Label, 5, -1);
    EXPECT_THROW(sim.restart(bad), ArgumentError);
    bad = params(BiasMethod::Label, 5, 3);
    bad.temperature = 0;
    EXPECT_THROW(sim.restart(bad), ArgumentError);
    EXPECT_EQ(sim.current_step(), 1);
}

namespace {
// A model loader for the worker whose "slow" file takes as long as the test wants: `gate` "blocking" waits for
// release() ignoring cancellation (a read that cannot be interrupted), "cooperative" polls the task (as the
// real loader's stages do) for up to a minute. Any other path loads a small in-memory model named after it.
struct FakeLoads {
    std::mutex m;
    std::condition_variable cv;
    bool released = false;
    std::atomic<bool> saw_cancel{false}, slow_started{false};
    void release() {
        {
            std::lock_guard<std::mutex> l(m);
            released = true;
        }
        cv.notify_all();
    }
    SessionWorker::ModelLoader loader() {
        return [this](const std::string& path, TaskState& task) -> SessionModel {
            if (path == "blocking") {
                slow_started = true;
                std::unique_lock<std::mutex> l(m);
                cv.wait_for(l, 60s, [&] { return released; });
                if (task.cancel_requested.load()) saw_cancel = true;
                task.throw_if_cancelled();
            } else if (path == "cooperative") {
                slow_started = true;
                const auto end = std::chrono::steady_clock::now() + 60s;
                while (std::chrono::steady_clock::now() < end) {
                    if (task.cancel_requested.load()) {
                        saw_cancel = true;
                        task.throw_if_cancelled();
                    }
                    std::this_thread::sleep_for(1ms);
                }
            } else if (path == "no-memory") {
                throw std::bad_alloc();
            }
            auto dbn = small_model(path.size(), path == "wide" ? std::vector<int>{36, 20, 24} : std::vector<int>{64, 40, 30, 50});
            SessionModel sm;
            sm.model = prepare_generation_model(dbn);
            sm.info = build_model_info(dbn, path, sm.model);
            return sm;
        };
    }
};

// Starts a worker playing flat out on a small model, and waits for it to run.
void start_playing(SessionWorker& w) {
    w.send(cmd::UseModel{small_model(1), "first"});
    w.send(cmd::SetSpeed{0});
    w.send(cmd::Restart{params(BiasMethod::Label, 3, 4, 1000000), true});
    auto s = w.wait_for([](const Snapshot& x) { return x.step > 5; }, 10s);
    ASSERT_GT(s->step, 5);
}
}  // namespace

TEST(SessionWorker, ASecondLoadDoesNotWaitForTheFirst) {
    FakeLoads fake;
    SessionWorker w(64, 64, false, fake.loader());
    start_playing(w);
    w.send(cmd::LoadModel("blocking"));
    auto s = w.wait_for([](const Snapshot& x) { return x.loading && x.loads_in_flight == 1; }, 10s);
    ASSERT_TRUE(s->loading);
    while (!fake.slow_started.load()) std::this_thread::sleep_for(1ms);
    w.send(cmd::LoadModel("wide"));
    // The first loader is stuck in a stage that cannot be interrupted: the worker must not wait for it. It
    // applies the newer model and keeps stepping (before the fix it joined the first loader here and hung).
    const auto loaded = w.wait_for([](const Snapshot& x) { return x.model && x.model->name == "wide" && !x.loading; }, 20s);
    ASSERT_TRUE(loaded->model && loaded->model->name == "wide") << "the newest request did not win";
    w.send(cmd::Restart{params(BiasMethod::Label, 3, 4, 1000000), true});
    const auto stepping = w.wait_for([](const Snapshot& x) { return x.model->name == "wide" && x.step >= 30; }, 20s);
    EXPECT_GE(stepping->step, 30) << "the simulation stalled while the first load was stuck";
    EXPECT_EQ(stepping->loads_in_flight, 1);  // the first loader still works
    fake.release();
    // It then sees its cancellation, and its result is ignored; the worker reaps it.
    const auto after = w.wait_for([](const Snapshot& x) { return x.loads_in_flight == 0; }, 20s);
    EXPECT_EQ(after->loads_in_flight, 0);
    EXPECT_TRUE(fake.saw_cancel.load());
    EXPECT_EQ(after->model->name, "wide");
    EXPECT_EQ(after->error_serial, 0u);
}

TEST(SessionWorker, UseModelCancelsARunningLoad) {
    FakeLoads fake;
    SessionWorker w(64, 64, false, fake.loader());
    start_playing(w);
    w.send(cmd::LoadModel("cooperative"));
    ASSERT_TRUE(w.wait_for([](const Snapshot& x) { return x.loading; }, 10s)->loading);
    while (!fake.slow_started.load()) std::this_thread::sleep_for(1ms);
    w.send(cmd::UseModel{small_model(4, {36, 20, 24}), "in-memory"});
    w.send(cmd::Restart{params(BiasMethod::Label, 3, 4, 1000000), true});
    // The cooperative load runs for a minute unless cancelled.
    const auto s = w.wait_for([](const Snapshot& x) {
        return x.loads_in_flight == 0 && !x.loading && x.model->name == "in-memory" && x.step >= 20;
    }, 30s);
    EXPECT_TRUE(fake.saw_cancel.load()) << "UseModel did not cancel the running load";
    EXPECT_EQ(s->loads_in_flight, 0);
    EXPECT_EQ(s->model->name, "in-memory");
    EXPECT_GE(s->step, 20);
}

TEST(SessionWorker, ManyLoadsWhilePlayingEndWithTheNewest) {
    FakeLoads fake;
    SessionWorker w(64, 64, false, fake.loader());
    start_playing(w);
    for (int i = 0; i < 20; ++i) w.send(cmd::LoadModel(i % 2 ? "cooperative" : "wide"));
    w.send(cmd::LoadModel("last-one"));
    const auto s = w.wait_for([](const Snapshot& x) {
        return x.loads_in_flight == 0 && !x.loading && x.model && x.model->name == "last-one";
    }, 30s);
    ASSERT_EQ(s->loads_in_flight, 0);
    ASSERT_TRUE(s->model);
    EXPECT_EQ(s->model->name, "last-one");
}

TEST(SessionWorker, OutOfMemoryInALoadIsReportedAndTheWorkerLives) {
    FakeLoads fake;
    SessionWorker w(64, 64, false, fake.loader());
    start_playing(w);
    w.send(cmd::LoadModel("no-memory"));
    const auto e = w.wait_for([](const Snapshot& x) { return x.error_serial > 0 && !x.loading; }, 10s);
    ASSERT_GT(e->error_serial, 0u);
    EXPECT_NE(e->error.find("not enough memory"), std::string::npos) << e->error;
    EXPECT_EQ(e->model->name, "first");
    const int step = e->step;
    const auto later = w.wait_for([step](const Snapshot& x) { return x.step > step + 10; }, 10s);
    EXPECT_GT(later->step, step + 10);
}

TEST(ModelLoading, CancellationIsCheckedBeforeEveryStage) {
    const std::string path = temp_path("stages.tdm");
    save_model(*small_model(6), path);
    const std::vector<LoadStage> all = {LoadStage::Read,       LoadStage::Prepare,      LoadStage::ClassMeans,
                                        LoadStage::Classifier, LoadStage::Trajectories, LoadStage::Pca};
    std::vector<LoadStage> seen;
    const SessionModel full = load_session_model(path, nullptr, [&](LoadStage s) { seen.push_back(s); });
    EXPECT_EQ(seen, all);
    ASSERT_TRUE(full.info && full.model);
    for (std::size_t k = 0; k < all.size(); ++k) {
        TaskState task;
        seen.clear();
        EXPECT_THROW(load_session_model(path, &task,
                                        [&](LoadStage s) {
                                            seen.push_back(s);
                                            if (s == all[k]) task.request_cancel();
                                        }),
                     CancelledError)
            << "cancel during stage " << k;
        // The load stopped at the next check: no stage after the cancelled one started.
        EXPECT_EQ(seen, std::vector<LoadStage>(all.begin(), all.begin() + static_cast<long>(k) + 1)) << "stage " << k;
    }
    std::filesystem::remove(path);
}

TEST(SessionWorker, RunToAnEarlierKeptStepKeepsTheNewerSteps) {
    SessionWorker w(200, 200);
    w.send(cmd::UseModel{small_model(12), ""});
    w.send(cmd::SetSpeed{0});
    w.send(cmd::Restart{params(BiasMethod::Label, 3, 4, 500), false});
    w.send(cmd::RunTo{60});
    const auto at60 = w.wait_for([](const Snapshot& x) { return x.step == 60 && x.mode == RunMode::Paused; }, 10s);
    ASSERT_EQ(at60->step, 60);
    const auto v60 = at60->current->visible;
    w.send(cmd::RunTo{10});
    const auto at10 = w.wait_for([](const Snapshot& x) { return x.step == 10 && x.mode == RunMode::Paused; }, 10s);
    ASSERT_EQ(at10->step, 10);
    EXPECT_EQ(at10->newest_step, 60) << "running to an earlier step discarded the later steps";
    EXPECT_EQ(at10->ensemble.size(), 60u);
    w.send(cmd::RunTo{60});
    const auto back = w.wait_for([](const Snapshot& x) { return x.step == 60 && x.mode == RunMode::Paused; }, 10s);
    ASSERT_EQ(back->step, 60);
    EXPECT_EQ(back->current->visible, v60);
}

TEST(SessionWorker, RunToAStepOlderThanTheHistoryKeepsTheNewerStepsAndClearsItsStatus) {
    SessionWorker w(16, 200);
    w.send(cmd::UseModel{small_model(13), ""});
    w.send(cmd::SetSpeed{0});
    w.send(cmd::Restart{params(BiasMethod::Label, 3, 4, 500), false});
    w.send(cmd::RunTo{100});
    const auto at100 = w.wait_for([](const Snapshot& x) { return x.step == 100 && x.mode == RunMode::Paused; }, 10s);
    ASSERT_EQ(at100->step, 100);
    const auto v100 = at100->current->visible;
    w.send(cmd::SetSpeed{200});  // slow enough to see the replay's status while it runs
    w.send(cmd::RunTo{10});
    const auto during = w.wait_for([](const Snapshot& x) { return x.mode == RunMode::RunningTo && x.run_to_step == 10; }, 10s);
    EXPECT_NE(during->status.find("older than the kept steps"), std::string::npos) << during->status;
    const auto at10 = w.wait_for([](const Snapshot& x) { return x.step == 10 && x.mode == RunMode::Paused; }, 10s);
    ASSERT_EQ(at10->step, 10);
    check_snapshot(*at10);
    EXPECT_TRUE(at10->replaying);
    EXPECT_EQ(at10->newest_step, 100) << "running to an older step discarded the newer steps";
    EXPECT_EQ(at10->ensemble.size(), 100u);
    EXPECT_EQ(at10->status, "") << "the transient replay status stayed on screen";
    // Step 10 of the replay is step 10 of a standalone chain.
    SessionParams p = params(BiasMethod::Label, 3, 4, 500);
    const auto dbn = small_model(13);
    Chain alone(prepare_generation_model(dbn), make_initial_state(*dbn, p.bias, 3, 0).top, 3, 0);
    for (int i = 0; i < 10; ++i) alone.step();
    EXPECT_EQ(alone.current()->visible, at10->current->visible);
    // The newest step is still there: a seek, no recomputation.
    w.send(cmd::RunTo{100});
    const auto again = w.wait_for([](const Snapshot& x) { return x.step == 100 && x.mode == RunMode::Paused; }, 10s);
    ASSERT_EQ(again->step, 100);
    EXPECT_FALSE(again->replaying);
    EXPECT_EQ(again->current->visible, v100);
    // Playing from a replayed step runs through the kept history into new steps; the status stays clear.
    w.send(cmd::RunTo{10});
    ASSERT_EQ(w.wait_for([](const Snapshot& x) { return x.step == 10 && x.mode == RunMode::Paused; }, 10s)->step, 10);
    w.send(cmd::SetSpeed{0});
    w.send(cmd::Play{});
    const auto playing = w.wait_for([](const Snapshot& x) { return x.step >= 120; }, 10s);
    ASSERT_GE(playing->step, 120);
    check_snapshot(*playing);
    EXPECT_FALSE(playing->replaying);
    EXPECT_EQ(playing->status, "");
    EXPECT_EQ(playing->ensemble.back().step, playing->newest_step);
    EXPECT_EQ(playing->newest_step, playing->step);
}
