#include <gtest/gtest.h>

#include <cmath>

#include <Eigen/Eigenvalues>

#include "analyze/chain_metrics.hpp"
#include "analyze/pca.hpp"
#include "analyze/statistics.hpp"
#include "analyze/transition_matrix.hpp"
#include "math/random.hpp"
#include "util/errors.hpp"

using namespace topdown;

TEST(ChainMetrics, HandWrittenSequences) {
    const int C = 10, N = 10;  // N: the non-class state
    auto m = chain_metrics({3, 3, N, 3, 5, 5, N, N, 7, 3}, C);
    EXPECT_EQ(m.visited_states, 3);  // {3, 5, 7}
    EXPECT_EQ(m.transitions, 4);     // non-class removed: 3 3 3 5 5 7 3 -> runs 3|5|7|3
    EXPECT_EQ(m.changes, 3);
    EXPECT_EQ(m.state_time[3], 4);
    EXPECT_EQ(m.state_time[N], 3);
    auto stuck = chain_metrics(std::vector<int>(100, 0), C);
    EXPECT_EQ(stuck.visited_states, 1);
    EXPECT_EQ(stuck.transitions, 1);  // a chain that never changes class has 1 run
    EXPECT_EQ(stuck.changes, 0);
    auto none = chain_metrics(std::vector<int>(50, N), C);
    EXPECT_EQ(none.visited_states, 0);
    EXPECT_EQ(none.transitions, 0);
    EXPECT_EQ(none.changes, 0);
    EXPECT_EQ(none.state_time[N], 50);
    auto one = chain_metrics({4}, C);
    EXPECT_EQ(one.visited_states, 1);
    EXPECT_EQ(one.transitions, 1);
    EXPECT_THROW(chain_metrics({11}, C), ArgumentError);
    EXPECT_THROW(chain_metrics({-1}, C), ArgumentError);
}

TEST(TransitionMatrix, RowsSumToOneOrZero) {
    TransitionCounts t(3);  // states 0..3, 3 = non-class
    t.add_chain({0, 0, 1, 3, 3, 0});
    t.add_chain({1, 1});
    const auto m = t.normalized();
    for (int i = 0; i < 4; ++i) {
        const double s = m.row(i).sum();
        EXPECT_TRUE(std::abs(s - 1) < 1e-12 || s == 0) << i;
    }
    EXPECT_EQ(m.row(2).sum(), 0.0);  // never left state 2: empty row stays 0
    EXPECT_DOUBLE_EQ(m(0, 0), 0.5);
    EXPECT_DOUBLE_EQ(m(0, 1), 0.5);
    EXPECT_DOUBLE_EQ(m(1, 1), 0.5);
    EXPECT_DOUBLE_EQ(m(1, 3), 0.5);
    EXPECT_DOUBLE_EQ(m(3, 3), 0.5);
    // Distance to identity: rows 0,1,3 each have (0.5-1)^2 + 0.5^2 = 0.5; row 2 has 1.
    EXPECT_NEAR(distance_to_identity(m), std::sqrt(0.5 * 3 + 1), 1e-12);
    // Between-class: off-diagonal among classes 0..2 = 0.5 (0->1) over 6 entries.
    EXPECT_NEAR(between_class_probability(m), 0.5 / 6, 1e-12);
    // All off-diagonal: 0.5 (0->1) + 0.5 (1->3) + 0.5 (3->0) over 12 entries.
    EXPECT_NEAR(off_diagonal_probability(m), 1.5 / 12, 1e-12);
    TransitionCounts u(3);
    u.merge(t);
    EXPECT_EQ(u.counts(), t.counts());
}

TEST(Statistics, MeanSem) {
    const auto r = mean_sem({1, 2, 3, 4});
    EXPECT_DOUBLE_EQ(r.mean, 2.5);
    EXPECT_NEAR(r.sem, std::sqrt(5.0 / 3.0) / 2.0, 1e-12);
    EXPECT_EQ(mean_sem({7}).sem, 0.0);
}

TEST(Statistics, MannWhitneyByHand) {
    // No ties, small: U = 6 (every x above every y), exact p = 1 / C(5,2).
    auto r = mann_whitney_greater({3, 4, 5}, {1, 2});
    EXPECT_TRUE(r.exact);
    EXPECT_DOUBLE_EQ(r.u, 6);
    EXPECT_NEAR(r.p, 0.1, 1e-12);
    // The opposite direction: U = 0, p = 1.
    r = mann_whitney_greater({1, 2}, {3, 4, 5});
    EXPECT_NEAR(r.p, 1.0, 1e-12);
    // x = {1, 4}, y = {2, 3}: U = 2 (4 beats both) ; P(U >= 2) over C(4,2)=6 arrangements: U in {0,1,2,2,3,4} -> 4/6.
    r = mann_whitney_greater({1, 4}, {2, 3});
    EXPECT_NEAR(r.p, 4.0 / 6.0, 1e-12);
    // Ties: normal approximation with tie and continuity corrections, computed by hand:
    // ranks 1 | 3 3 3 | 5, R1 = 11, U = 5, var = 6/12 * (6 - 24/20) = 2.4, z = 1.5 / sqrt(2.4).
    r = mann_whitney_greater({2, 2, 3}, {1, 2});
    EXPECT_FALSE(r.exact);
    EXPECT_DOUBLE_EQ(r.u, 5);
    EXPECT_NEAR(r.z, 1.5 / std::sqrt(2.4), 1e-12);
    EXPECT_NEAR(r.p, 0.5 * std::erfc(1.5 / std::sqrt(2.4) / std::sqrt(2.0)), 1e-12);
    EXPECT_THROW(mann_whitney_greater({}, {1}), ArgumentError);
    EXPECT_EQ(mann_whitney_greater({1, 1}, {1, 1}).p, 1.0);
}

TEST(Pca, RecoversAKnownPrincipalDirection) {
    CounterRng r(3, 3);
    const int N = 500, D = 6;
    Vector dir(D);
    dir << 1, 2, 0, -1, 0, 0.5;
    dir.normalize();
    Matrix X(N, D);
    for (int i = 0; i < N; ++i) {
        const float t = 5.0f * r.normal();
        for (int d = 0; d < D; ++d) X(i, d) = 3.0f + t * dir(d) + 0.1f * r.normal();
    }
    const PcaBasis b = fit_pca(X, 3);
    EXPECT_GT(std::abs(b.components.row(0).dot(dir)), 0.999f);
    EXPECT_GT(b.explained(0, 0), 0.98f);
    // Explained fractions of all components sum to 1.
    const PcaBasis all = fit_pca(X, D);
    EXPECT_NEAR(all.explained.sum(), 1.0f, 1e-4f);
    // Fewer rows than features (5 x 6): the Gram path gives the same leading directions and explained
    // fractions as a covariance eigen-decomposition computed here in double.
    const Matrix few = X.topRows(5);
    const PcaBasis gram = fit_pca(few, 2);
    ASSERT_EQ(gram.components.rows(), 2);
    ASSERT_EQ(gram.components.cols(), D);
    {
        const Eigen::MatrixXd c = few.cast<double>().rowwise() - few.cast<double>().colwise().mean();
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(c.transpose() * c / 4.0);
        const double total = es.eigenvalues().sum();
        for (int i = 0; i < 2; ++i) {
            const Eigen::VectorXd ref = es.eigenvectors().col(D - 1 - i);
            const double cos = gram.components.row(i).cast<double>().dot(ref) / gram.components.row(i).cast<double>().norm();
            EXPECT_GT(std::abs(cos), 0.999) << "component " << i;
            EXPECT_NEAR(gram.explained(0, i), es.eigenvalues()(D - 1 - i) / total, 1e-4) << "component " << i;
        }
    }
    // A wide case (30 observations of 80 features, one strong direction): the Gram path finds it.
    {
        const int n = 30, dd = 80;
        Vector wdir(dd);
        for (int d = 0; d < dd; ++d) wdir(d) = std::sin(0.37f * float(d) + 0.2f);
        wdir.normalize();
        Matrix W(n, dd);
        for (int i = 0; i < n; ++i) {
            const float t = 4.0f * r.normal();
            for (int d = 0; d < dd; ++d) W(i, d) = 1.0f + t * wdir(d) + 0.05f * r.normal();
        }
        const PcaBasis wide = fit_pca(W, 3);
        EXPECT_GT(std::abs(wide.components.row(0).dot(wdir)), 0.999f);
        // The same leading direction as the direct (covariance) path: the rows W, their mirror image about
        // the mean and W again have W's mean and a covariance proportional to W's, with 90 >= 80 rows.
        Matrix stacked(3 * n, dd);
        const Vector mean = W.colwise().mean();
        stacked << W, (-W).rowwise() + 2.0f * mean, W;
        ASSERT_GE(stacked.rows(), stacked.cols());
        const PcaBasis direct = fit_pca(stacked, 3);
        EXPECT_GT(std::abs(direct.components.row(0).dot(wide.components.row(0))), 0.999f);
        for (int i = 0; i < 3; ++i) EXPECT_NEAR(wide.components.row(i).norm(), 1.0f, 1e-5f);
    }
    const Matrix p = pca_project(b, X);
    EXPECT_EQ(p.cols(), 3);
    EXPECT_NEAR(p.col(0).mean(), 0.0f, 1e-3f);
    EXPECT_THROW(fit_pca(X, 0), ArgumentError);
}
