// Mixing (docs/METHODS.md §16.5): Sokal's integrated autocorrelation time of AR(1) series with the known
// tau = (1 + rho) / (1 - rho) (seeded), the conventions for constant series, and first passage by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "analyze/mixing.hpp"
#include "math/random.hpp"

using namespace topdown;

namespace {
// x_t = rho x_{t-1} + sqrt(1 - rho^2) e_t, e_t standard normal from CounterRng(seed, 0), x_0 ~ N(0, 1).
std::vector<double> ar1(double rho, std::size_t n, std::uint64_t seed) {
    CounterRng rng(seed, 0);
    std::vector<double> x(n);
    x[0] = rng.normal();
    for (std::size_t t = 1; t < n; ++t) x[t] = rho * x[t - 1] + std::sqrt(1 - rho * rho) * rng.normal();
    return x;
}
}  // namespace

TEST(Mixing, Ar1IntegratedAutocorrelationTimeIsOnePlusRhoOverOneMinusRho) {
    // Standard error of Sokal's estimate ~ tau sqrt(2 (2M + 1) / n): 0.05 for rho 0.5, 0.9 for rho 0.9.
    const std::size_t n = 200000;
    const auto a = integrated_autocorrelation_time(ar1(0.5, n, 3));
    EXPECT_NEAR(a.tau, 3.0, 0.25);
    EXPECT_NEAR(a.ess, double(n) / a.tau, 1e-9);
    EXPECT_GE(a.window, 5 * a.tau);
    const auto b = integrated_autocorrelation_time(ar1(0.9, n, 4));
    EXPECT_NEAR(b.tau, 19.0, 2.5);
    const auto w = integrated_autocorrelation_time(ar1(0.0, n, 5));
    EXPECT_NEAR(w.tau, 1.0, 0.1);
}

TEST(Mixing, ConstantSeriesHasTauNAndOneEffectiveSample) {
    const auto a = integrated_autocorrelation_time(std::vector<double>(40, 2.5));
    EXPECT_TRUE(a.constant);
    EXPECT_EQ(a.tau, 40.0);
    EXPECT_EQ(a.ess, 1.0);
    EXPECT_EQ(integrated_autocorrelation_time({}).ess, 0.0);
}

TEST(Mixing, FirstPassageAndModalIndicatorOfHandSequences) {
    EXPECT_EQ(first_passage({3, 3, 3, 5, 3}).steps, 3);
    EXPECT_FALSE(first_passage({3, 3, 3, 5, 3}).censored);
    EXPECT_EQ(first_passage({1, 4}).steps, 1);
    EXPECT_EQ(first_passage({2, 2}).steps, 2);
    EXPECT_TRUE(first_passage({2, 2}).censored);
    EXPECT_EQ(modal_state_indicator({1, 2, 2, 3}), (std::vector<double>{0, 1, 1, 0}));
    EXPECT_EQ(modal_state_indicator({4, 1, 4, 1}), (std::vector<double>{0, 1, 0, 1}));  // tie: smallest state
    const ChainMixing m = chain_mixing({0.1, 0.1, 0.1}, {1, 1, 2});
    EXPECT_EQ(m.passage.steps, 2);
    EXPECT_TRUE(m.activity.constant);
}
