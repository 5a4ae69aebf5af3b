// Attractor census (docs/METHODS.md §16.1-15.3): runs, dwell times / occupancy / returns of a hand-built
// sequence, nearest-neighbour search against brute force, thresholds against a brute-force quantile, and
// verdicts of chains whose visible states are copies of training images (memorised).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "analyze/attractor_census.hpp"
#include "analyze/label_runs.hpp"
#include "analyze/nearest_neighbour.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
// Brute-force nearest row (double precision, ties to the lower index), skipping row `skip`.
NeighbourMatch brute_nearest(const Matrix& pts, const Eigen::Ref<const Eigen::RowVectorXf>& q, int skip = -1) {
    NeighbourMatch best;
    double bd = 1e300;
    for (Eigen::Index i = 0; i < pts.rows(); ++i) {
        if (i == skip) continue;
        double s = 0;
        for (Eigen::Index k = 0; k < pts.cols(); ++k) s += (double(pts(i, k)) - q(k)) * (double(pts(i, k)) - q(k));
        if (s < bd) {
            bd = s;
            best.index = int(i);
        }
    }
    best.distance = std::sqrt(bd);
    return best;
}
}  // namespace

TEST(AttractorCensus, RunsDwellOccupancyReturnsOfAHandSequence) {
    // C = 2 (state 2 is non-class). Chain A: 0 0 1 1 1 0 2, chain B: 1 1 1 1 (11 steps).
    const std::vector<std::vector<int>> chains{{0, 0, 1, 1, 1, 0, 2}, {1, 1, 1, 1}};
    const auto runs = label_runs(chains[0]);
    ASSERT_EQ(runs.size(), 4u);
    EXPECT_EQ(runs[0].label, 0); EXPECT_EQ(runs[0].start, 0); EXPECT_EQ(runs[0].length, 2);
    EXPECT_EQ(runs[1].label, 1); EXPECT_EQ(runs[1].start, 2); EXPECT_EQ(runs[1].length, 3);
    EXPECT_EQ(runs[2].label, 0); EXPECT_EQ(runs[2].start, 5); EXPECT_EQ(runs[2].length, 1);
    EXPECT_EQ(runs[3].label, 2); EXPECT_EQ(runs[3].start, 6); EXPECT_EQ(runs[3].last(), 6);
    EXPECT_EQ(ensemble_runs(chains).size(), 5u);
    EXPECT_EQ(ensemble_runs(chains).back().chain, 1);
    const auto d = state_dwell(chains, 2);
    ASSERT_EQ(d.size(), 3u);
    // state 0: runs of 2 and 1 steps in chain A: 3 steps, 2 runs, 1 return, mean dwell 1.5, occupancy 3/11.
    EXPECT_EQ(d[0].steps, 3); EXPECT_EQ(d[0].runs, 2); EXPECT_EQ(d[0].returns, 1); EXPECT_EQ(d[0].max_dwell, 2);
    EXPECT_DOUBLE_EQ(d[0].mean_dwell, 1.5); EXPECT_DOUBLE_EQ(d[0].occupancy, 3.0 / 11);
    // state 1: 3 steps in A, 4 in B, one run each: no return; mean dwell 3.5, occupancy 7/11.
    EXPECT_EQ(d[1].steps, 7); EXPECT_EQ(d[1].runs, 2); EXPECT_EQ(d[1].returns, 0); EXPECT_EQ(d[1].max_dwell, 4);
    EXPECT_DOUBLE_EQ(d[1].mean_dwell, 3.5); EXPECT_DOUBLE_EQ(d[1].occupancy, 7.0 / 11);
    EXPECT_EQ(d[2].steps, 1); EXPECT_EQ(d[2].returns, 0); EXPECT_DOUBLE_EQ(d[2].occupancy, 1.0 / 11);
    EXPECT_THROW(state_dwell({{0, 3}}, 2), ArgumentError);
}

TEST(AttractorCensus, NearestNeighbourEqualsBruteForceAcrossBlocks) {
    // 5000 points cross the 4096-point block, 300 queries the 256-query block.
    const Matrix pts = test::seeded_uniform(5000, 8, 11);
    const Matrix q = test::seeded_uniform(300, 8, 12);
    const NearestNeighbourIndex ix(pts);
    const auto nn = ix.query(q);
    for (Eigen::Index i = 0; i < q.rows(); ++i) {
        const auto b = brute_nearest(pts, q.row(i));
        ASSERT_EQ(nn[std::size_t(i)].index, b.index) << i;
        EXPECT_NEAR(nn[std::size_t(i)].distance, b.distance, 1e-9) << i;
    }
    // Leave-one-out: querying indexed rows while excluding them finds the nearest other row.
    Matrix own = pts.topRows(300);
    std::vector<int> skip(300);
    for (int i = 0; i < 300; ++i) skip[std::size_t(i)] = i;
    const auto loo = ix.query(own, skip);
    for (int i = 0; i < 300; ++i) {
        const auto b = brute_nearest(pts, pts.row(i), i);
        ASSERT_EQ(loo[std::size_t(i)].index, b.index) << i;
        EXPECT_GT(loo[std::size_t(i)].distance, 0.0);
    }
    EXPECT_THROW(ix.query(Matrix::Zero(2, 7)), ArgumentError);
}

TEST(AttractorCensus, PrunedNearestNeighbourEqualsBruteForce) {
    // 6 of 20 principal components: loose lower bounds, many points measured exactly; the answer must not change.
    Matrix pts = test::seeded_uniform(5000, 20, 31);
    pts.leftCols(3) *= 4.0f;  // some directions with more variance, as in images
    const Matrix q = test::seeded_uniform(300, 20, 32);
    const NearestNeighbourIndex ix(pts, 6);
    ASSERT_TRUE(ix.pruned());
    const auto nn = ix.query(q);
    for (Eigen::Index i = 0; i < q.rows(); ++i) {
        const auto b = brute_nearest(pts, q.row(i));
        ASSERT_EQ(nn[std::size_t(i)].index, b.index) << i;
        EXPECT_NEAR(nn[std::size_t(i)].distance, b.distance, 1e-9) << i;
    }
    std::vector<int> skip(300);
    for (int i = 0; i < 300; ++i) skip[std::size_t(i)] = 2 * i;
    Matrix own(300, 20);
    for (int i = 0; i < 300; ++i) own.row(i) = pts.row(2 * i);
    const auto loo = ix.query(own, skip);
    for (int i = 0; i < 300; ++i) ASSERT_EQ(loo[std::size_t(i)].index, brute_nearest(pts, pts.row(2 * i), 2 * i).index) << i;
}

TEST(AttractorCensus, CopiesOfTrainingImagesAreMemorisedAndThresholdsAreLooQuantiles) {
    Dbn model = Dbn::with_architecture({16, 6});
    const Matrix train = test::seeded_uniform(60, 16, 21);
    std::vector<int> labels(60);
    for (int i = 0; i < 60; ++i) labels[std::size_t(i)] = i % 3;
    // sample >= n: every training image is in the threshold sample, so the quantiles are reproducible by hand.
    const CensusIndex ix = build_census_index(model, train, labels, 5, 1000);
    std::vector<double> loo;
    for (Eigen::Index i = 0; i < train.rows(); ++i) loo.push_back(brute_nearest(train, train.row(i), int(i)).distance);
    std::sort(loo.begin(), loo.end());
    auto q = [&](double p) {
        const double pos = p * 59;
        const auto lo = std::size_t(pos);
        return loo[lo] + (pos - double(lo)) * (loo[std::min<std::size_t>(lo + 1, 59)] - loo[lo]);
    };
    EXPECT_EQ(ix.thresholds.sample, 60);
    EXPECT_NEAR(ix.thresholds.memorised, q(0.05), 1e-9);
    EXPECT_NEAR(ix.thresholds.spurious, q(0.99), 1e-9);
    ASSERT_GT(ix.thresholds.memorised, 0.0);

    // Two chains (C = 3, state 3 non-class): chain 0 sits on training image 7 (label 1) then image 30 (label 0);
    // chain 1 is in the non-class state on a copy of image 2, then far from everything.
    const std::vector<std::vector<int>> chains{{1, 1, 0}, {3, 2, 2}};
    const auto runs = ensemble_runs(chains);
    ASSERT_EQ(runs.size(), 4u);
    Matrix reps(4, 16);
    reps.row(0) = train.row(7);
    reps.row(1) = train.row(30);
    reps.row(2) = train.row(2);
    reps.row(3) = Matrix::Constant(1, 16, 5.0f);
    const auto census = attractor_census(ix, model, runs, reps, 3);
    EXPECT_EQ(census[0].nearest, 7);
    EXPECT_EQ(census[0].nearest_label, 1);
    EXPECT_DOUBLE_EQ(census[0].visible_distance, 0.0);
    EXPECT_EQ(census[0].verdict, CensusVerdict::Memorised);
    EXPECT_EQ(census[1].nearest, 30);
    EXPECT_EQ(census[1].verdict, CensusVerdict::Memorised);
    EXPECT_EQ(census[2].verdict, CensusVerdict::Spurious);  // non-class, even on a training image
    EXPECT_EQ(census[3].verdict, CensusVerdict::Spurious);  // far from every training image
    // Between the thresholds, a class state is novel.
    const double mid = 0.5 * (ix.thresholds.memorised + ix.thresholds.spurious);
    EXPECT_EQ(census_verdict(0, 3, mid, ix.thresholds), CensusVerdict::Novel);
    // Time fractions: chain 0 all memorised (3 steps); chain 1 all spurious.
    const auto f = verdict_time_fractions(census, 2);
    EXPECT_DOUBLE_EQ(f[0][0], 1.0);
    EXPECT_DOUBLE_EQ(f[1][2], 1.0);
    EXPECT_STREQ(to_string(CensusVerdict::Novel), "novel");
}
