#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "math/random.hpp"

using namespace topdown;

TEST(CounterRng, SameSeedAndStreamGiveSameNumbers) {
    CounterRng a(42, 7), b(42, 7);
    std::vector<float> x(1000), y(1000);
    a.uniform(x.data(), x.size());
    b.uniform(y.data(), y.size());
    EXPECT_EQ(x, y);
}

TEST(CounterRng, DifferentStreamsDiffer) {
    CounterRng a(42, 7), b(42, 8), c(43, 7);
    std::vector<float> x(64), y(64), z(64);
    a.uniform(x.data(), 64);
    b.uniform(y.data(), 64);
    c.uniform(z.data(), 64);
    EXPECT_NE(x, y);
    EXPECT_NE(x, z);
}

TEST(CounterRng, UniformInUnitIntervalWithRightMoments) {
    CounterRng r(1, 0);
    std::vector<float> u(200000);
    r.uniform(u.data(), u.size());
    double s = 0, s2 = 0;
    for (float v : u) {
        ASSERT_GE(v, 0.0f);
        ASSERT_LT(v, 1.0f);
        s += v;
        s2 += double(v) * v;
    }
    const double mean = s / u.size(), var = s2 / u.size() - mean * mean;
    EXPECT_NEAR(mean, 0.5, 0.003);
    EXPECT_NEAR(var, 1.0 / 12, 0.002);
}

TEST(CounterRng, BernoulliMeansMatchProbabilities) {
    CounterRng r(9, 3);
    const std::size_t n = 1000;
    std::vector<float> p(n), out(n), mean(n, 0.0f);
    for (std::size_t j = 0; j < n; ++j) p[j] = float(j) / float(n - 1);
    const int reps = 4000;
    for (int k = 0; k < reps; ++k) {
        r.bernoulli(p.data(), out.data(), n);
        for (std::size_t j = 0; j < n; ++j) {
            ASSERT_TRUE(out[j] == 0.0f || out[j] == 1.0f);
            mean[j] += out[j];
        }
    }
    for (std::size_t j = 0; j < n; ++j) {
        const double m = mean[j] / reps, sd = std::sqrt(p[j] * (1 - p[j]) / reps);
        EXPECT_NEAR(m, p[j], 5 * sd + 1e-9) << "unit " << j;
    }
    // p = 0 never fires, p = 1 always does.
    EXPECT_EQ(mean[0], 0.0f);
    EXPECT_EQ(mean[n - 1], float(reps));
}

TEST(CounterRng, AdjacentOutputsAreUncorrelated) {
    CounterRng r(5, 5);
    std::vector<float> u(100001);
    r.uniform(u.data(), u.size());
    double c = 0;
    for (std::size_t i = 0; i + 1 < u.size(); ++i) c += (u[i] - 0.5) * (u[i + 1] - 0.5);
    EXPECT_NEAR(c / (u.size() - 1) * 12, 0.0, 0.02);
}

TEST(CounterRng, PositionCanBeSavedAndRestored) {
    CounterRng r(3, 1);
    std::vector<float> a(10), b(10);
    r.uniform(a.data(), 10);
    const auto pos = r.position();
    r.uniform(a.data(), 10);
    r.seek(pos);
    r.uniform(b.data(), 10);
    EXPECT_EQ(a, b);
}

TEST(CounterRng, ShuffleIsAPermutation) {
    CounterRng r(11, 0);
    std::vector<std::uint32_t> v(1000);
    std::iota(v.begin(), v.end(), 0u);
    shuffle_indices(v.data(), v.size(), r);
    std::vector<std::uint32_t> s = v;
    std::sort(s.begin(), s.end());
    for (std::uint32_t i = 0; i < 1000; ++i) ASSERT_EQ(s[i], i);
    EXPECT_NE(v[0] + v[1] * 1000, 0u + 1u * 1000);  // moved something
}

TEST(CounterRng, NormalHasUnitVariance) {
    CounterRng r(2, 2);
    double s = 0, s2 = 0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        const double x = r.normal();
        s += x;
        s2 += x * x;
    }
    EXPECT_NEAR(s / n, 0.0, 0.02);
    EXPECT_NEAR(s2 / n, 1.0, 0.02);
}
