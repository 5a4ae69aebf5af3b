#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "train/cd1.hpp"
#include "test_support.hpp"

using namespace topdown;

namespace {
using test::reference_sigmoid;
}  // namespace

// Recomputes one CD-1 update with scalar loops (docs/METHODS.md §4.1) using the same random numbers.
static void check_cd1(bool sample_visible) {
    const int B = 2, n = 3, m = 2;
    RbmLayer layer = RbmLayer::zeros(n, m);
    layer.W << 0.2f, -0.1f, 0.05f, 0.3f, -0.4f, 0.15f;
    layer.a << 0.01f, -0.02f, 0.03f;
    layer.b << 0.1f, -0.1f;
    Matrix v0(B, n);
    v0 << 1, 0, 0.5, 0.2, 0.9, 0;
    Cd1Velocity vel = Cd1Velocity::zeros_like(layer);
    vel.dW.setConstant(0.01f);  // non-zero so momentum is exercised
    const Cd1Params p{0.1f, 0.5f, 0.001f, sample_visible};

    // Same stream, read as uniforms: block 0 decides h0, block 1 decides v1.
    CounterRng copy(123, 4);
    std::vector<float> u0(B * m), u1(B * n);
    copy.uniform(u0.data(), u0.size());
    copy.uniform(u1.data(), u1.size());

    double pos[B][m], h0[B][m], npv[B][n], v1[B][n], neg[B][m];
    for (int s = 0; s < B; ++s) {
        for (int j = 0; j < m; ++j) {
            double z = layer.b(j);
            for (int i = 0; i < n; ++i) z += v0(s, i) * layer.W(i, j);
            pos[s][j] = reference_sigmoid(z);
            h0[s][j] = u0[s * m + j] < pos[s][j] ? 1 : 0;
        }
        for (int i = 0; i < n; ++i) {
            double z = layer.a(i);
            for (int j = 0; j < m; ++j) z += h0[s][j] * layer.W(i, j);
            npv[s][i] = reference_sigmoid(z);
            v1[s][i] = sample_visible ? (u1[s * n + i] < npv[s][i] ? 1 : 0) : npv[s][i];
        }
        for (int j = 0; j < m; ++j) {
            double z = layer.b(j);
            for (int i = 0; i < n; ++i) z += v1[s][i] * layer.W(i, j);
            neg[s][j] = reference_sigmoid(z);
        }
    }
    double expW[n][m], expa[n], expb[m], mse = 0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < m; ++j) {
            double g = 0;
            for (int s = 0; s < B; ++s) g += v0(s, i) * pos[s][j] - v1[s][i] * neg[s][j];
            const double dw = 0.5 * 0.01 + 0.1 * (g / B - 0.001 * layer.W(i, j));
            expW[i][j] = layer.W(i, j) + dw;
        }
    for (int i = 0; i < n; ++i) {
        double d = 0;
        for (int s = 0; s < B; ++s) d += v0(s, i) - v1[s][i];
        expa[i] = layer.a(i) + 0.1 * d / B;
    }
    for (int j = 0; j < m; ++j) {
        double d = 0;
        for (int s = 0; s < B; ++s) d += pos[s][j] - neg[s][j];
        expb[j] = layer.b(j) + 0.1 * d / B;
    }
    for (int s = 0; s < B; ++s)
        for (int i = 0; i < n; ++i) mse += (v0(s, i) - npv[s][i]) * (v0(s, i) - npv[s][i]);
    mse /= B * n;

    CounterRng rng(123, 4);
    Cd1Workspace ws;
    const float got_mse = cd1_update(layer, vel, v0, p, rng, ws);
    EXPECT_NEAR(got_mse, mse, 1e-6);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < m; ++j) EXPECT_NEAR(layer.W(i, j), expW[i][j], 1e-6) << i << "," << j;
    for (int i = 0; i < n; ++i) EXPECT_NEAR(layer.a(i), expa[i], 1e-6);
    for (int j = 0; j < m; ++j) EXPECT_NEAR(layer.b(j), expb[j], 1e-6);
}

TEST(Cd1, MatchesHandComputedUpdateWithSampledVisible) { check_cd1(true); }
TEST(Cd1, MatchesHandComputedUpdateWithVisibleProbabilities) { check_cd1(false); }
