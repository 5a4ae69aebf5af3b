// The live attractor record is shared between the worker, which keeps appending to it, and the app's analysis
// thread, which reads published records (docs/METHODS.md §16.7). A reader must see exactly the steps of the
// record it holds while the writer goes on (and restarts); under ThreadSanitizer this also shows that the
// shared, append-only storage is never written where a reader reads.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "session/live_attractors.hpp"

using namespace topdown;

namespace {
// The state of chain c at step t, and the visible value k of chain c at step t: fixed patterns the reader can
// recompute (runs of length 1 to 4, so runs end all the time).
int pattern_state(int c, int t) { return ((t + c) / (1 + c % 4)) % 3; }
float pattern_visible(int c, int t, int k) { return static_cast<float>(c * 100000 + t * 10 + k); }
}  // namespace

TEST(AttractorRecordSharing, ReadersSeeTheirRecordUnchangedWhileTheWorkerRecords) {
    constexpr int kChains = 24, kDims = 5, kSteps = 300;
    std::mutex m;
    std::shared_ptr<const AttractorRecord> latest;  // the "mailbox"
    std::atomic<bool> done{false};
    std::atomic<long> checked{0}, wrong{0};

    std::thread reader([&] {
        while (!done.load()) {
            std::shared_ptr<const AttractorRecord> r;
            {
                std::lock_guard<std::mutex> lock(m);
                r = latest;
            }
            if (!r || r->steps == 0) continue;
            for (int c = 0; c < r->chains; ++c) {
                const std::vector<int> st = r->chain_states(c);
                int run = 0;
                for (int t = 0; t < r->steps; ++t) {
                    if (st[static_cast<std::size_t>(t)] != pattern_state(c, t)) ++wrong;
                    if (r->activity(c, t) != static_cast<float>(t)) ++wrong;
                    const bool ends = t + 1 == r->steps || pattern_state(c, t + 1) != pattern_state(c, t);
                    if (!ends) continue;
                    // The image that ends this run is step t's, also for the open run (t = steps - 1).
                    const float* v = r->run_last_visible(c, run++);
                    for (int k = 0; k < kDims; ++k)
                        if (v[k] != pattern_visible(c, t, k)) ++wrong;
                }
                if (run != r->runs(c)) ++wrong;
            }
            ++checked;
        }
    });

    AttractorRecorder rec;
    for (int restart = 0; restart < 2; ++restart) {
        rec.reset(kChains, 2);
        for (int t = 0; t < kSteps; ++t) {
            std::vector<int> states(kChains);
            Matrix vis(kChains, kDims);
            for (int c = 0; c < kChains; ++c) {
                states[static_cast<std::size_t>(c)] = pattern_state(c, t);
                for (int k = 0; k < kDims; ++k) vis(c, k) = pattern_visible(c, t, k);
            }
            rec.add_step(states, Eigen::VectorXf::Constant(kChains, static_cast<float>(t)), vis);
            auto published = rec.published();
            std::lock_guard<std::mutex> lock(m);
            latest = std::move(published);
        }
    }
    // Let the reader check the final record at least once more.
    const long before = checked.load();
    while (checked.load() < before + 2) std::this_thread::yield();
    done = true;
    reader.join();
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_GT(checked.load(), 2);
}
