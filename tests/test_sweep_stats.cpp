// Statistics of `sweep collect` (issue 19) against hand-computed values and published t tables.
#include <gtest/gtest.h>

#include <cmath>

#include "sweep/sweep_stats.hpp"
#include "util/errors.hpp"

namespace topdown {
namespace {

TEST(SweepStats, StudentTQuantilesMatchTables) {
    // Two-sided 95 % critical values (t tables, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
    EXPECT_NEAR(student_t_quantile(0.975, 1), 12.706, 1e-3);
    EXPECT_NEAR(student_t_quantile(0.975, 2), 4.303, 1e-3);
    EXPECT_NEAR(student_t_quantile(0.975, 3), 3.182, 1e-3);
    EXPECT_NEAR(student_t_quantile(0.975, 4), 2.776, 1e-3);
    EXPECT_NEAR(student_t_quantile(0.975, 10), 2.228, 1e-3);
    EXPECT_NEAR(student_t_quantile(0.975, 30), 2.042, 1e-3);
    EXPECT_NEAR(student_t_quantile(0.975, 1e6), 1.960, 1e-3);
    EXPECT_NEAR(student_t_quantile(0.95, 5), 2.015, 1e-3);
    EXPECT_NEAR(student_t_quantile(0.995, 8), 3.355, 1e-3);
    EXPECT_NEAR(student_t_quantile(0.025, 4), -2.776, 1e-3);
    EXPECT_EQ(student_t_quantile(0.5, 3), 0.0);
    // dof 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/pi.
    for (double t : {-3.0, -0.5, 0.2, 1.0, 7.0}) EXPECT_NEAR(student_t_cdf(t, 1), 0.5 + std::atan(t) / M_PI, 1e-12) << t;
    // dof 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
    for (double t : {-2.0, 0.3, 4.0}) EXPECT_NEAR(student_t_cdf(t, 2), 0.5 + t / (2 * std::sqrt(2 + t * t)), 1e-12) << t;
    EXPECT_THROW(student_t_quantile(1.0, 3), ArgumentError);
    EXPECT_THROW(student_t_quantile(0.9, 0), ArgumentError);
}

TEST(SweepStats, MeanSdAndConfidenceIntervalByHand) {
    // 1, 2, 3, 4: mean 2.5, SD sqrt(5/3) = 1.290994, t(0.975, 3) = 3.182446, half width 3.182446 * 1.290994 / 2.
    const SeedStats s = seed_stats({1, 2, 3, 4});
    EXPECT_EQ(s.n, 4);
    EXPECT_DOUBLE_EQ(s.mean, 2.5);
    EXPECT_NEAR(s.sd, 1.2909944487, 1e-9);
    EXPECT_NEAR(s.ci_low, 2.5 - 2.0542603, 1e-6);
    EXPECT_NEAR(s.ci_high, 2.5 + 2.0542603, 1e-6);
    // 2, 4: mean 3, SD sqrt(2), half width t(0.975, 1) * sqrt(2) / sqrt(2) = 12.7062047.
    const SeedStats two = seed_stats({2, 4});
    EXPECT_NEAR(two.ci_low, 3 - 12.7062047, 1e-6);
    EXPECT_NEAR(two.ci_high, 3 + 12.7062047, 1e-6);
    // One seed: no spread, no interval; none: nothing.
    const SeedStats one = seed_stats({5});
    EXPECT_EQ(one.n, 1);
    EXPECT_EQ(one.mean, 5);
    EXPECT_EQ(one.sd, 0);
    EXPECT_TRUE(std::isnan(one.ci_low) && std::isnan(one.ci_high));
    EXPECT_TRUE(std::isnan(seed_stats({}).mean));
}

}  // namespace
}  // namespace topdown
