// The clustered, pruned nearest-neighbour search (docs/METHODS.md §16.2): on clustered data with more
// projected coordinates than the head (so the later chunks are used), every answer equals a double-precision
// brute force, with and without leave-one-out, on one thread and on two; exact ties go to the lower row.
#include <gtest/gtest.h>

#include <cmath>

#include "analyze/nearest_neighbour.hpp"
#include "test_support.hpp"

using namespace topdown;

namespace {
// Brute-force nearest row in double (ties to the lower row), skipping row `skip`.
std::pair<int, double> brute(const Matrix& pts, const Eigen::Ref<const Eigen::RowVectorXf>& q, int skip = -1) {
    int best = -1;
    double bd = 1e300;
    for (Eigen::Index i = 0; i < pts.rows(); ++i) {
        if (i == skip) continue;
        double s = 0;
        for (Eigen::Index k = 0; k < pts.cols(); ++k) s += (double(pts(i, k)) - q(k)) * (double(pts(i, k)) - q(k));
        if (s < bd) bd = s, best = int(i);
    }
    return {best, std::sqrt(bd)};
}

// n points around 40 centres in 64 dimensions, decaying variance per dimension (as images in PCA order).
Matrix clustered(Eigen::Index n, std::uint64_t seed) {
    const Matrix centres = test::seeded_uniform(40, 64, seed, -3.0f, 3.0f);
    Matrix noise = test::seeded_uniform(n, 64, seed + 1, -1.0f, 1.0f);
    Matrix x(n, 64);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index k = 0; k < 64; ++k) x(i, k) = (centres(i % 40, k) + noise(i, k)) * std::pow(0.95f, float(k));
    return x;
}
}  // namespace

TEST(ProjectedClusters, PrunedSearchWithLaterChunksEqualsBruteForceOnOneAndTwoThreads) {
    const Matrix pts = clustered(4000, 41);
    const NearestNeighbourIndex ix(pts, 40);  // 16 head + 24 later coordinates
    ASSERT_TRUE(ix.pruned());
    ASSERT_GT(ix.clusters().leaves(), 100);
    // Queries near the data (new noise), far from it, and copies of indexed rows.
    Matrix q = clustered(300, 43);
    q.bottomRows(50) = test::seeded_uniform(50, 64, 44, -8.0f, 8.0f);
    for (int i = 0; i < 20; ++i) q.row(i) = pts.row(7 * i);
    const auto one = ix.query(q, {}, 1);
    const auto two = ix.query(q, {}, 2);
    for (Eigen::Index i = 0; i < q.rows(); ++i) {
        const auto [b, d] = brute(pts, q.row(i));
        ASSERT_EQ(one[std::size_t(i)].index, b) << i;
        EXPECT_NEAR(one[std::size_t(i)].distance, d, 1e-9) << i;
        // The same bits on two threads.
        EXPECT_EQ(two[std::size_t(i)].index, one[std::size_t(i)].index) << i;
        EXPECT_EQ(two[std::size_t(i)].distance, one[std::size_t(i)].distance) << i;
    }
    for (int i = 0; i < 20; ++i) EXPECT_EQ(one[std::size_t(i)].distance, 0.0);
    // Leave-one-out on indexed rows.
    std::vector<int> skip(200);
    Matrix own(200, 64);
    for (int i = 0; i < 200; ++i) skip[std::size_t(i)] = 13 * i, own.row(i) = pts.row(13 * i);
    const auto loo = ix.query(own, skip, 2);
    for (int i = 0; i < 200; ++i) {
        const auto [b, d] = brute(pts, own.row(i), 13 * i);
        ASSERT_EQ(loo[std::size_t(i)].index, b) << i;
        EXPECT_NEAR(loo[std::size_t(i)].distance, d, 1e-9) << i;
    }
}

TEST(ProjectedClusters, ExactTiesGoToTheLowerRow) {
    // Row 3000 + j is a copy of row j (j < 500): a query at such a point ties exactly between the two rows.
    Matrix pts = clustered(3500, 51);
    pts.bottomRows(500) = pts.topRows(500);
    const NearestNeighbourIndex ix(pts, 24);
    Matrix q(100, 64);
    for (int i = 0; i < 100; ++i) q.row(i) = pts.row(5 * i);
    const auto nn = ix.query(q, {}, 2);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(nn[std::size_t(i)].index, 5 * i) << i;
    // Leaving the lower copy out finds the upper one.
    std::vector<int> skip(100);
    for (int i = 0; i < 100; ++i) skip[std::size_t(i)] = 5 * i;
    const auto loo = ix.query(q, skip, 1);
    for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(loo[std::size_t(i)].index, 3000 + 5 * i) << i;
        EXPECT_EQ(loo[std::size_t(i)].distance, 0.0) << i;
    }
}
