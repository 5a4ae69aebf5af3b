// The live attractor record (docs/METHODS.md §16.7): what the worker records step by step (states, activity,
// the visible state that ends each run), and its analysis equal to the study functions on the same chains.
#include <gtest/gtest.h>

#include "analyze/nonequilibrium.hpp"
#include "session/live_attractors.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

using namespace topdown;

TEST(LiveAttractors, RecorderKeepsStatesActivityAndEachRunsLastVisibleState) {
    AttractorRecorder rec;
    rec.reset(2, 2);
    const std::vector<std::vector<int>> steps{{0, 1}, {0, 1}, {1, 1}};
    std::vector<Matrix> vis;
    for (int t = 0; t < 3; ++t) {
        vis.push_back(test::seeded_uniform(2, 3, 100 + std::uint64_t(t)));
        Eigen::VectorXf act(2);
        act << 0.1f * float(t), 0.5f;
        rec.add_step(steps[std::size_t(t)], act, vis.back());
    }
    rec.add_step({-1, 0}, Eigen::VectorXf::Zero(2), vis[0]);  // an unknown state: the step is skipped
    const auto r = rec.published();
    ASSERT_EQ(r->steps, 3);
    EXPECT_EQ(r->chain_states(0), (std::vector<int>{0, 0, 1}));
    EXPECT_EQ(r->chain_states(1), (std::vector<int>{1, 1, 1}));
    EXPECT_FLOAT_EQ(r->activity(0, 2), 0.2f);
    // Chain 0: runs {0 at steps 1-2, 1 at step 3}; chain 1: one run ending at step 3.
    ASSERT_EQ(r->runs(0), 2);
    ASSERT_EQ(r->runs(1), 1);
    for (int k = 0; k < 3; ++k) {
        EXPECT_EQ(r->run_last_visible(0, 0)[k], vis[1](0, k));
        EXPECT_EQ(r->run_last_visible(0, 1)[k], vis[2](0, k));
        EXPECT_EQ(r->run_last_visible(1, 0)[k], vis[2](1, k));
    }
    EXPECT_THROW(r->run_last_visible(1, 1), ArgumentError);
    EXPECT_EQ(rec.published(), r);  // nothing new: the same shared record
}

TEST(LiveAttractors, APublishedRecordDoesNotChangeWhileTheRecorderGoesOn) {
    // The recorder shares its columns and latest visible states with published records: a record taken at
    // step 2 must still read steps 1-2 and the step-2 images after more steps (and a restart) are recorded.
    AttractorRecorder rec;
    rec.reset(2, 3);
    std::vector<Matrix> vis;
    const std::vector<std::vector<int>> states{{0, 1}, {2, 1}, {2, 0}, {3, 0}};
    for (int t = 0; t < 4; ++t) vis.push_back(test::seeded_uniform(2, 4, 200 + std::uint64_t(t)));
    for (int t = 0; t < 2; ++t) rec.add_step(states[std::size_t(t)], Eigen::VectorXf::Constant(2, 0.1f * float(t + 1)), vis[std::size_t(t)]);
    const auto early = rec.published();
    for (int t = 2; t < 4; ++t) rec.add_step(states[std::size_t(t)], Eigen::VectorXf::Constant(2, 0.1f * float(t + 1)), vis[std::size_t(t)]);
    const auto late = rec.published();
    rec.reset(2, 3);
    rec.add_step({1, 1}, Eigen::VectorXf::Constant(2, 0.9f), vis[3]);
    ASSERT_EQ(early->steps, 2);
    EXPECT_EQ(early->chain_states(0), (std::vector<int>{0, 2}));
    EXPECT_EQ(early->chain_states(1), (std::vector<int>{1, 1}));
    EXPECT_FLOAT_EQ(early->activity(1, 1), 0.2f);
    ASSERT_EQ(early->runs(0), 2);  // {0}, {2 (open)}
    for (int k = 0; k < 4; ++k) {
        EXPECT_EQ(early->run_last_visible(0, 0)[k], vis[0](0, k));
        EXPECT_EQ(early->run_last_visible(0, 1)[k], vis[1](0, k));  // the open run: step 2's image, not step 4's
        EXPECT_EQ(early->run_last_visible(1, 0)[k], vis[1](1, k));
    }
    ASSERT_EQ(late->steps, 4);
    EXPECT_EQ(late->chain_states(0), (std::vector<int>{0, 2, 2, 3}));
    ASSERT_EQ(late->runs(0), 3);
    ASSERT_EQ(late->runs(1), 2);
    for (int k = 0; k < 4; ++k) {
        EXPECT_EQ(late->run_last_visible(0, 1)[k], vis[2](0, k));
        EXPECT_EQ(late->run_last_visible(0, 2)[k], vis[3](0, k));
        EXPECT_EQ(late->run_last_visible(1, 0)[k], vis[1](1, k));
        EXPECT_EQ(late->run_last_visible(1, 1)[k], vis[3](1, k));
    }
    EXPECT_EQ(rec.published()->steps, 1);
}

TEST(LiveAttractors, AnalysisEqualsTheStudyFunctionsOnTheSameChains) {
    Dbn model = Dbn::with_architecture({3, 2});
    const Matrix train = test::seeded_uniform(20, 3, 9);
    std::vector<int> labels(20, 0);
    const CensusIndex ix = build_census_index(model, train, labels, 1, 100);
    AttractorRecorder rec;
    rec.reset(2, 1);  // C = 1: states 0 and 1 (non-class)
    const std::vector<std::vector<int>> chains{{0, 1, 0, 0, 1}, {1, 1, 0, 1, 0}};
    for (int t = 0; t < 5; ++t) {
        Matrix v(2, 3);
        v.row(0) = train.row(t);       // copies of training images: memorised unless non-class
        v.row(1) = train.row(10 + t);
        rec.add_step({chains[0][std::size_t(t)], chains[1][std::size_t(t)]}, Eigen::VectorXf::Constant(2, 0.3f), v);
    }
    const auto a = analyze_attractor_record(*rec.published(), model, &ix, 20, 4);
    TransitionCounts t(1);
    for (const auto& c : chains) t.add_chain(c);
    const FluxAnalysis f = flux_analysis(t);
    EXPECT_DOUBLE_EQ(a.summary.flux.entropy_production, f.entropy_production);
    EXPECT_DOUBLE_EQ(a.summary.flux.asymmetry, f.asymmetry);
    const auto d = state_dwell(chains, 1);
    EXPECT_EQ(a.summary.dwell[0].runs, d[0].runs);
    EXPECT_EQ(a.summary.dwell[1].returns, d[1].returns);
    ASSERT_EQ(a.census.size(), ensemble_runs(chains).size());
    for (const RunCensus& c : a.census) {
        EXPECT_EQ(c.verdict, c.run.run.label == 0 ? CensusVerdict::Memorised : CensusVerdict::Spurious);
        EXPECT_DOUBLE_EQ(c.visible_distance, 0.0);
        const int step = c.run.run.last();  // the run's last visible state is training image step (+10 for chain 1)
        EXPECT_EQ(c.nearest, c.run.chain == 0 ? step : 10 + step);
    }
    EXPECT_TRUE(a.summary.has_census);
    EXPECT_TRUE(a.summary.tau_activity.n == 2);
}
