#include <gtest/gtest.h>

#include <cmath>

#include "model/rbm_layer.hpp"
#include "test_support.hpp"

using namespace topdown;

namespace {
using test::reference_sigmoid;
RbmLayer hand_layer() {
    RbmLayer l = RbmLayer::zeros(3, 2);
    l.W << 0.5f, -1.0f, 0.25f, 2.0f, -0.75f, 0.1f;
    l.a << 0.1f, -0.2f, 0.3f;
    l.b << -0.5f, 0.4f;
    return l;
}
}  // namespace

TEST(RbmLayer, ConditionalsMatchClosedForm) {
    const RbmLayer l = hand_layer();
    Matrix x(1, 3);
    x << 1.0f, 0.0f, 0.5f;
    Matrix p;
    l.up(x, p);
    // h_j = σ(Σ_i x_i W_ij + b_j)
    EXPECT_NEAR(p(0, 0), reference_sigmoid(1 * 0.5 + 0.5 * -0.75 - 0.5), 1e-6);
    EXPECT_NEAR(p(0, 1), reference_sigmoid(1 * -1.0 + 0.5 * 0.1 + 0.4), 1e-6);
    Matrix h(1, 2);
    h << 1.0f, 1.0f;
    Matrix q;
    l.down(h, q, 2.0f);  // temperature 2 divides the pre-activation
    EXPECT_NEAR(q(0, 0), reference_sigmoid((0.5 - 1.0 + 0.1) / 2), 1e-6);
    EXPECT_NEAR(q(0, 1), reference_sigmoid((0.25 + 2.0 - 0.2) / 2), 1e-6);
    EXPECT_NEAR(q(0, 2), reference_sigmoid((-0.75 + 0.1 + 0.3) / 2), 1e-6);
}

TEST(RbmLayer, EnergyMatchesClosedForm) {
    const RbmLayer l = hand_layer();
    Matrix x(2, 3), h(2, 2);
    x << 1, 0, 0.5, 0, 1, 1;
    h << 1, 0, 1, 1;
    const auto e = l.energy(x, h);
    // E = −x W hᵀ − a·x − b·h
    const double e0 = -(1 * 0.5 + 0.5 * -0.75) - (0.1 + 0.5 * 0.3) - (-0.5);
    const double e1 = -(0.25 + 2.0 - 0.75 + 0.1) - (-0.2 + 0.3) - (-0.5 + 0.4);
    EXPECT_NEAR(e(0), e0, 1e-6);
    EXPECT_NEAR(e(1), e1, 1e-6);
}
