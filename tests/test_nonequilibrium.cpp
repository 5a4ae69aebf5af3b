// Non-equilibrium diagnostics (docs/METHODS.md §16.4) on chains solved by hand: a two-state chain (detailed
// balance always holds: no flux, no entropy production) and a biased 3-state cycle with known flux, cycle
// current, affinity and entropy production; the chi-square tail against closed forms; the bootstrap.
#include <gtest/gtest.h>

#include <cmath>

#include "analyze/nonequilibrium.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
// Counts of the 3-cycle with P(i -> i+1) = 0.8, P(i -> i-1) = 0.2 and pi uniform, 10 transitions per state.
TransitionCounts cycle_counts() {
    TransitionCounts t(2);  // 3 states
    for (int i = 0; i < 3; ++i) {
        for (int r = 0; r < 8; ++r) t.add(i, (i + 1) % 3);
        for (int r = 0; r < 2; ++r) t.add(i, (i + 2) % 3);
    }
    return t;
}
}  // namespace

TEST(Nonequilibrium, TwoStateChainHasNoFluxAndNoEntropyProduction) {
    // P = [[0.7, 0.3], [0.6, 0.4]], stationary pi = (2/3, 1/3): pi_0 P_01 = pi_1 P_10 = 0.2.
    Eigen::MatrixXd P(2, 2);
    P << 0.7, 0.3, 0.6, 0.4;
    const FluxAnalysis f = flux_analysis(Eigen::Vector2d(2.0 / 3, 1.0 / 3), P);
    EXPECT_NEAR(f.flux(0, 1), 0.0, 1e-15);
    EXPECT_NEAR(f.entropy_production, 0.0, 1e-15);
    EXPECT_NEAR(f.asymmetry, 0.0, 1e-14);
    EXPECT_NEAR(f.traffic, 0.4, 1e-15);
    // The same as counts of a closed two-state sequence: 0 0 1 0 1 1 0 (n_01 = n_10 = 2).
    TransitionCounts t(1);
    t.add_chain({0, 0, 1, 0, 1, 1, 0});
    const FluxAnalysis g = flux_analysis(t);
    EXPECT_EQ(g.flux(0, 1), 0.0);
    EXPECT_EQ(g.entropy_production, 0.0);
    EXPECT_EQ(g.bowker_chi2, 0.0);
    EXPECT_EQ(g.bowker_df, 1);
    EXPECT_DOUBLE_EQ(g.bowker_p, 1.0);
}

TEST(Nonequilibrium, BiasedThreeCycleHasHandComputedFluxCurrentAndEntropyProduction) {
    Eigen::MatrixXd P(3, 3);
    P << 0, 0.8, 0.2, 0.2, 0, 0.8, 0.8, 0.2, 0;
    const Eigen::Vector3d pi = Eigen::Vector3d::Constant(1.0 / 3);
    for (const FluxAnalysis& f : {flux_analysis(pi, P), flux_analysis(cycle_counts())}) {
        // J_01 = J_12 = J_20 = (0.8 - 0.2) / 3 = 0.2.
        EXPECT_NEAR(f.flux(0, 1), 0.2, 1e-12);
        EXPECT_NEAR(f.flux(1, 2), 0.2, 1e-12);
        EXPECT_NEAR(f.flux(2, 0), 0.2, 1e-12);
        EXPECT_NEAR(f.flux(1, 0), -0.2, 1e-12);
        // sigma = 1/2 * 6 terms * 0.2 * ln 4 = 0.6 ln 4 = 0.831777 nats per step.
        EXPECT_NEAR(f.entropy_production, 0.8317766166719344, 1e-12);
        EXPECT_NEAR(f.traffic, 1.0, 1e-12);
        EXPECT_NEAR(f.asymmetry, 0.6, 1e-12);
        ASSERT_EQ(f.cycles.size(), 1u);
        EXPECT_NEAR(f.cycles[0].current, 0.2, 1e-12);
        EXPECT_TRUE(f.cycles[0].affinity_finite);
        EXPECT_NEAR(f.cycles[0].affinity, 3 * std::log(4.0), 1e-12);  // ln(0.8^3 / 0.2^3)
        EXPECT_EQ(f.one_way_pairs, 0);
    }
    // Bowker: 3 pairs of (8 - 2)^2 / 10 = 3.6, chi2 = 10.8 on 3 df; survival by the closed form for 3 df.
    const FluxAnalysis c = flux_analysis(cycle_counts());
    EXPECT_NEAR(c.bowker_chi2, 10.8, 1e-12);
    EXPECT_EQ(c.bowker_df, 3);
    EXPECT_NEAR(c.bowker_p, 0.012858001156297615, 1e-10);
}

TEST(Nonequilibrium, OneWayPairsAreLeftOutOfEntropyProductionAndCounted) {
    TransitionCounts t(2);
    t.add_chain({0, 1, 2, 0, 1, 2, 0});  // a deterministic cycle: every pair one way
    const FluxAnalysis f = flux_analysis(t);
    EXPECT_EQ(f.one_way_pairs, 3);
    EXPECT_EQ(f.entropy_production, 0.0);
    EXPECT_NEAR(f.asymmetry, 1.0, 1e-12);
    EXPECT_FALSE(f.cycles.at(0).affinity_finite);
}

TEST(Nonequilibrium, ChiSquareSurvivalMatchesClosedForms) {
    for (double x : {0.1, 1.0, 3.0, 10.0, 30.0}) {
        EXPECT_NEAR(chi_square_survival(x, 2), std::exp(-x / 2), 1e-12) << x;
        EXPECT_NEAR(chi_square_survival(x, 1), std::erfc(std::sqrt(x / 2)), 1e-12) << x;
    }
    EXPECT_EQ(chi_square_survival(5, 0), 1.0);
}

TEST(Nonequilibrium, BootstrapOfIdenticalChainsCollapsesAndIsSeeded) {
    const std::vector<TransitionCounts> same(6, cycle_counts());
    const auto ci = bootstrap_nonequilibrium(same, 50, 7);
    EXPECT_NEAR(ci.entropy_production.estimate, 0.8317766166719344, 1e-12);
    EXPECT_NEAR(ci.entropy_production.lo, ci.entropy_production.estimate, 1e-12);
    EXPECT_NEAR(ci.entropy_production.hi, ci.entropy_production.estimate, 1e-12);
    EXPECT_EQ(ci.entropy_production.replicates, 50);
    // Different chains: an interval that contains the estimate, reproduced by the same seed.
    std::vector<TransitionCounts> mixed(same);
    TransitionCounts rev(2);
    rev.add_chain({0, 2, 1, 0, 2, 1, 0, 1, 0});
    mixed.push_back(rev);
    mixed.push_back(rev);
    const auto a = bootstrap_nonequilibrium(mixed, 200, 3), b = bootstrap_nonequilibrium(mixed, 200, 3);
    EXPECT_EQ(a.entropy_production.lo, b.entropy_production.lo);
    EXPECT_EQ(a.asymmetry.hi, b.asymmetry.hi);
    EXPECT_LT(a.entropy_production.lo, a.entropy_production.hi);
    EXPECT_LE(a.asymmetry.lo, a.asymmetry.estimate);
    EXPECT_GE(a.asymmetry.hi, a.asymmetry.estimate);
    EXPECT_THROW(bootstrap_nonequilibrium({}, 10, 1), ArgumentError);
}
