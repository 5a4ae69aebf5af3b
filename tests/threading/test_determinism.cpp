// Determinism guard: a seeded chain gives bit-identical trajectories alone, inside batches of any size,
// on one or two threads, and when run twice.
//
// Two kinds of "two threads": OpenMP inside one batch (request.threads = 2; compiled out under TSan, where
// CMakeLists.txt does not link OpenMP and the pragmas are ignored, so there it runs on one thread) and two
// std::threads running batches concurrently on the same shared model, which is real concurrency in every
// build, ThreadSanitizer's included.
#include <gtest/gtest.h>

#include <cstring>
#include <thread>

#include "generate/chain.hpp"
#include "generate/generation_run.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"

using namespace topdown;

namespace {
std::shared_ptr<const GenerationModel> random_model() {
    auto m = std::make_shared<Dbn>(init_dbn({64, 40, 30, 50}, 0.3f, 21));
    m->class_names = {"a", "b", "c"};
    m->label_biasing = test::seeded_uniform(3, 50, 21);
    m->k = 12;
    return prepare_generation_model(m);
}

struct Trajectory {
    std::vector<Matrix> visible, top;
    std::vector<Matrix> energy;
};

Trajectory run_batch(const std::shared_ptr<const GenerationModel>& g, int chains, std::uint64_t first, int threads) {
    GenerationRequest r;
    r.bias.method = BiasMethod::Random;  // per-chain H⁰ as well
    r.chains = chains;
    r.steps = 25;
    r.seed = 99;
    r.first_chain_index = first;
    r.threads = threads;
    Trajectory t;
    run_generation(g, r, [&](const ChainBatch& b) {
        t.visible.push_back(b.state(0));
        t.top.push_back(b.state(3));
        t.energy.push_back(b.energies());
    });
    return t;
}
}  // namespace

TEST(Determinism, ChainAloneEqualsRowOfBatchOnAnyThreadCount) {
    const auto g = random_model();
    const Trajectory batch1 = run_batch(g, 37, 0, 1);
    const Trajectory batch2 = run_batch(g, 37, 0, 2);
    const Trajectory again = run_batch(g, 37, 0, 2);
    for (int row : {0, 5, 17, 36}) {
        const Trajectory alone = run_batch(g, 1, std::uint64_t(row), 1);
        for (std::size_t s = 0; s < alone.visible.size(); ++s) {
            ASSERT_EQ(std::memcmp(alone.visible[s].data(), batch1.visible[s].row(row).data(), 64 * 4), 0)
                << "row " << row << " step " << s + 1;
            ASSERT_EQ(alone.top[s].row(0), batch1.top[s].row(row));
            ASSERT_EQ(alone.energy[s].row(0), batch1.energy[s].row(row));
        }
    }
    for (std::size_t s = 0; s < batch1.visible.size(); ++s) {
        ASSERT_EQ(batch1.visible[s], batch2.visible[s]) << "1 vs 2 threads, step " << s + 1;
        ASSERT_EQ(batch1.energy[s], batch2.energy[s]);
        ASSERT_EQ(batch2.visible[s], again.visible[s]);
    }
}

TEST(Determinism, SingleChainClassMatchesBatchRow) {
    const auto g = random_model();
    const Trajectory batch = run_batch(g, 9, 0, 2);
    Chain c(g, batch.top[0].row(4), 99, 4);  // same H⁰ (random init of chain 4) and stream
    // The batch's top at step 1 is H⁰ itself.
    for (std::size_t s = 0; s < batch.visible.size(); ++s) {
        const auto& r = c.step();
        for (int j = 0; j < 64; ++j) ASSERT_EQ(r.visible[std::size_t(j)], batch.visible[s](4, j)) << "step " << s + 1;
    }
}

// Real concurrency in every build: two std::threads step the two halves of a batch (chains 0-18 and 19-36)
// at the same time on one shared model, while two more threads run the whole batch twice concurrently.
// Every result equals the single-threaded batch bit for bit.
TEST(Determinism, ConcurrentStdThreadsGiveTheSingleThreadedResult) {
    const auto g = random_model();
    const Trajectory whole = run_batch(g, 37, 0, 1);
    Trajectory lo, hi, again1, again2;
    {
        std::thread a([&] { lo = run_batch(g, 19, 0, 1); });
        std::thread b([&] { hi = run_batch(g, 18, 19, 1); });
        std::thread c([&] { again1 = run_batch(g, 37, 0, 1); });
        std::thread d([&] { again2 = run_batch(g, 37, 0, 1); });
        a.join();
        b.join();
        c.join();
        d.join();
    }
    ASSERT_EQ(lo.visible.size(), whole.visible.size());
    ASSERT_EQ(hi.visible.size(), whole.visible.size());
    for (std::size_t s = 0; s < whole.visible.size(); ++s) {
        ASSERT_EQ(lo.visible[s], whole.visible[s].topRows(19)) << "step " << s + 1;
        ASSERT_EQ(hi.visible[s], whole.visible[s].bottomRows(18)) << "step " << s + 1;
        ASSERT_EQ(lo.top[s], whole.top[s].topRows(19));
        ASSERT_EQ(hi.top[s], whole.top[s].bottomRows(18));
        ASSERT_EQ(lo.energy[s], whole.energy[s].topRows(19));
        ASSERT_EQ(hi.energy[s], whole.energy[s].bottomRows(18));
        ASSERT_EQ(std::memcmp(again1.visible[s].data(), whole.visible[s].data(), std::size_t(whole.visible[s].size()) * 4), 0);
        ASSERT_EQ(again1.top[s], whole.top[s]);
        ASSERT_EQ(again2.visible[s], whole.visible[s]);
        ASSERT_EQ(again2.energy[s], whole.energy[s]);
    }
}
