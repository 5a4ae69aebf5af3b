// Temperature schedules (docs/METHODS.md §6.2.1) and parallel tempering (§6.5): schedule values worked out by
// hand, the Metropolis swap rule on hand-made energies, detailed balance of the swap move on a two-state toy
// whose stationary distribution is known, a reference re-implementation of the tempered chain, and bit-identity
// across batch sizes and threads.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstring>

#include "generate/biasing.hpp"
#include "generate/chain_batch.hpp"
#include "generate/generation_run.hpp"
#include "generate/temperature_schedule.hpp"
#include "generate/tempering.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"
#include "util/errors.hpp"

namespace topdown {
namespace {

std::shared_ptr<const GenerationModel> tiny_dbn(std::vector<int> arch = {12, 8, 6}) {
    auto m = std::make_shared<Dbn>(init_dbn(arch, 0.8f, 7));
    m->class_names = {"a", "b"};
    m->label_biasing = test::seeded_uniform(2, arch.back(), 3);
    m->k = 2;
    return prepare_generation_model(m);
}

TemperatureSchedule tempered(float t0, int replicas, float t_max, int every) {
    TemperatureSchedule t;
    t.constant = t0;
    t.tempering = TemperingSpec{replicas, t_max, every};
    return t;
}

bool same_bits(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(float) * std::size_t(a.size())) == 0;
}

}  // namespace

// Linear 2 -> 1 over 5 steps: 2, 1.75, 1.5, 1.25, 1 (then 1 repeats). Cosine 2 -> 1: 1 + (1 + cos(πx))/2 at
// x = 0, 1/4, 1/2, 3/4, 1: 2, 1 + (1 + √2/2)/2 = 1.8535534, 1.5, 1.1464466, 1.
TEST(TemperatureSchedule, LinearAndCosineValuesByHand) {
    const TemperatureSchedule lin = make_temperature_schedule({ScheduleKind::Linear, 2.0f, 1.0f}, 5);
    const float lin_hand[] = {2.0f, 1.75f, 1.5f, 1.25f, 1.0f};
    for (int s = 1; s <= 5; ++s) EXPECT_FLOAT_EQ(lin.at(s), lin_hand[s - 1]) << "step " << s;
    EXPECT_FLOAT_EQ(lin.at(9), 1.0f) << "the last value repeats";
    const TemperatureSchedule cos = make_temperature_schedule({ScheduleKind::Cosine, 2.0f, 1.0f}, 5);
    const float cos_hand[] = {2.0f, 1.85355339f, 1.5f, 1.14644661f, 1.0f};
    for (int s = 1; s <= 5; ++s) EXPECT_NEAR(cos.at(s), cos_hand[s - 1], 1e-6f) << "step " << s;
    // Heating (0.5 -> 3) with the cosine: step 2 of 3 is the midpoint 1.75.
    EXPECT_FLOAT_EQ(schedule_temperature({ScheduleKind::Cosine, 0.5f, 3.0f}, 2, 3), 1.75f);
    // One step: T_start.
    EXPECT_FLOAT_EQ(make_temperature_schedule({ScheduleKind::Cosine, 2.0f, 1.0f}, 1).at(1), 2.0f);
}

TEST(TemperatureSchedule, ConstantIsThePlainTemperatureAndBadValuesAreRefused) {
    const TemperatureSchedule c = make_temperature_schedule({ScheduleKind::Constant, 1.0f, 5.0f}, 100);
    EXPECT_TRUE(c.per_step.empty()) << "a constant schedule is the constant temperature, no per-step list";
    EXPECT_EQ(c.constant, 1.0f);
    EXPECT_FALSE(c.tempering.has_value());
    EXPECT_EQ(parse_schedule_kind("cosine"), ScheduleKind::Cosine);
    EXPECT_EQ(to_string(ScheduleKind::Linear), "linear");
    EXPECT_THROW(parse_schedule_kind("exp"), ArgumentError);
    EXPECT_THROW(make_temperature_schedule({ScheduleKind::Linear, 2.0f, 0.0f}, 10), ArgumentError);
    EXPECT_THROW(make_temperature_schedule({ScheduleKind::Linear, 2.0f, 1.0f}, 0), ArgumentError);
}

// The constant schedule at T = 1 gives exactly today's chain; a cosine schedule's step 1 on a plain RBM is the
// top-down probability σ((H⁰Wᵀ + a)/T_start), computed here with scalar loops.
TEST(TemperatureSchedule, ChainUsesTheScheduleOfEachStep) {
    const auto g = tiny_dbn({10, 7});
    const Matrix h0 = test::seeded_uniform(3, 7, 11).array().round();
    ChainBatch plain(g, h0, 5, {0, 1, 2});
    ChainBatch constant(g, h0, 5, {0, 1, 2}, make_temperature_schedule({ScheduleKind::Constant, 1.0f, 1.0f}, 20));
    for (int s = 0; s < 20; ++s) {
        plain.step(1);
        constant.step(1);
        ASSERT_TRUE(same_bits(plain.state(0), constant.state(0))) << "step " << s + 1;
    }
    ChainBatch cosine(g, h0, 5, {0, 1, 2}, make_temperature_schedule({ScheduleKind::Cosine, 2.0f, 1.0f}, 20));
    cosine.step(1);
    const RbmLayer& layer = g->model->layers[0];
    for (int r = 0; r < 3; ++r)
        for (int i = 0; i < 10; ++i) {
            double z = layer.a(i);
            for (int j = 0; j < 7; ++j) z += double(h0(r, j)) * layer.W(i, j);
            EXPECT_NEAR(cosine.state(0)(r, i), test::reference_sigmoid(z / 2.0), 1e-6) << r << "," << i;
        }
}

TEST(Tempering, GeometricLadder) {
    const auto t = tempering_ladder(1.0f, 8.0f, 4);  // 1, 2, 4, 8
    ASSERT_EQ(t.size(), 4u);
    EXPECT_FLOAT_EQ(t[0], 1.0f);
    EXPECT_FLOAT_EQ(t[1], 2.0f);
    EXPECT_FLOAT_EQ(t[2], 4.0f);
    EXPECT_FLOAT_EQ(t[3], 8.0f);
    EXPECT_THROW(tempering_ladder(1.0f, 2.0f, 1), ArgumentError);
}

// β = (1, 0.5). Cold replica at E = -12, hot at -10: (1 − 0.5)(−12 − (−10)) = −1, so p = e⁻¹ = 0.36787944;
// the other way round (+1) the swap is always accepted.
TEST(Tempering, MetropolisSwapOnHandMadeEnergies) {
    EXPECT_NEAR(swap_acceptance(1.0, 0.5, -12.0, -10.0), 0.36787944117144233, 1e-15);
    EXPECT_DOUBLE_EQ(swap_acceptance(1.0, 0.5, -10.0, -12.0), 1.0);
    EXPECT_DOUBLE_EQ(swap_acceptance(1.0, 1.0, -10.0, -12.0), 1.0) << "equal temperatures always swap";
    EXPECT_TRUE(swap_accepted(1.0, 0.5, -12.0, -10.0, 0.3678));
    EXPECT_FALSE(swap_accepted(1.0, 0.5, -12.0, -10.0, 0.3679));
    EXPECT_TRUE(swap_accepted(1.0, 0.5, -10.0, -12.0, 0.999999));
}

// Two replicas (β = 1 and 0.25) of a two-state system with E(0) = 0, E(1) = 2. Each replica makes a Metropolis
// flip at its own β (written here), then the pair proposes a swap with the code under test. The joint
// distribution must be π(x0, x1) ∝ exp(−β0 E(x0) − β1 E(x1)), and the swap flux (1,0) -> (0,1) must equal the
// flux (0,1) -> (1,0) (detailed balance). π = (0.548, 0.333, 0.074, 0.045) for (x0, x1) = 00, 01, 10, 11; a
// wrong sign in the swap rule gives about (0.39, 0.005, 0.57, 0.03) (checked with a script beside the test).
TEST(Tempering, SwapMoveKeepsTheKnownStationaryDistribution) {
    const double E[2] = {0.0, 2.0}, beta[2] = {1.0, 0.25};
    CounterRng rng(2024, 0);
    std::array<int, 2> x{0, 0};
    std::array<double, 4> visits{};
    double flux_10_to_01 = 0, flux_01_to_10 = 0;
    const int n = 400000;
    float u[3];
    for (int it = 0; it < n; ++it) {
        rng.uniform(u, 3);
        for (int r = 0; r < 2; ++r) {  // Metropolis flip of replica r
            const double dE = E[1 - x[r]] - E[x[r]];
            if (u[r] < std::min(1.0, std::exp(-beta[r] * dE))) x[r] = 1 - x[r];
        }
        if (x[0] != x[1] && swap_accepted(beta[0], beta[1], E[x[0]], E[x[1]], u[2])) {
            (x[0] == 1 ? flux_10_to_01 : flux_01_to_10) += 1;
            std::swap(x[0], x[1]);
        }
        visits[std::size_t(2 * x[0] + x[1])] += 1;
    }
    double z = 0;
    std::array<double, 4> pi{};
    for (int a = 0; a < 2; ++a)
        for (int b = 0; b < 2; ++b) z += pi[std::size_t(2 * a + b)] = std::exp(-beta[0] * E[a] - beta[1] * E[b]);
    for (int i = 0; i < 4; ++i) EXPECT_NEAR(visits[std::size_t(i)] / n, pi[std::size_t(i)] / z, 0.006) << "state " << i;
    EXPECT_NEAR(flux_10_to_01 / n, flux_01_to_10 / n, 0.004);
    EXPECT_GT(flux_10_to_01, 1000);
}

// The tempered batch against a reference built from plain chain batches: K batches at the ladder's temperatures
// with the documented seeds, the chain's own batch as replica 0, and the swaps (0,1), (1,2), ... of every chain
// written out here with min(1, exp((β_k − β_k+1)(E_k − E_k+1))) on the summed layer energies.
TEST(Tempering, MatchesAReferenceOfPlainBatchesAndSwaps) {
    const auto g = tiny_dbn();
    const Matrix h0 = test::seeded_uniform(4, 6, 9).array().round();
    const std::uint64_t seed = 77;
    const std::vector<std::uint64_t> idx{0, 1, 2, 3};
    const int K = 3, every = 2, steps = 12;
    ChainBatch tempered_batch(g, h0, seed, idx, tempered(1.0f, K, 3.0f, every));
    ASSERT_NE(tempered_batch.tempering(), nullptr);
    const std::vector<float> ladder{1.0f, std::sqrt(3.0f), 3.0f};
    std::vector<std::unique_ptr<ChainBatch>> ref;
    for (int k = 0; k < K; ++k) {
        TemperatureSchedule t;
        t.constant = ladder[std::size_t(k)];
        ref.push_back(std::make_unique<ChainBatch>(g, h0, k == 0 ? seed : tempering_replica_seed(seed, k), idx, t));
    }
    std::vector<CounterRng> swap_rng;
    for (auto i : idx) swap_rng.emplace_back(tempering_swap_seed(seed), i);
    std::vector<long> accepted(K - 1, 0);
    for (int s = 1; s <= steps; ++s) {
        tempered_batch.step(1);
        for (auto& b : ref) b->step(1);
        if (s % every == 0)
            for (int r = 0; r < 4; ++r)
                for (int k = 0; k + 1 < K; ++k) {
                    const double e0 = ref[std::size_t(k)]->energies().row(r).cast<double>().sum();
                    const double e1 = ref[std::size_t(k + 1)]->energies().row(r).cast<double>().sum();
                    const double p = std::min(1.0, std::exp((1.0 / ladder[std::size_t(k)] - 1.0 / ladder[std::size_t(k + 1)]) * (e0 - e1)));
                    float u = 0;
                    swap_rng[std::size_t(r)].uniform(&u, 1);
                    if (u < p) {
                        ref[std::size_t(k)]->exchange_row(r, *ref[std::size_t(k + 1)], r);
                        ++accepted[std::size_t(k)];
                    }
                }
        for (int l = 0; l <= 2; ++l) ASSERT_TRUE(same_bits(tempered_batch.state(l), ref[0]->state(l))) << "step " << s << " layer " << l;
        ASSERT_TRUE(same_bits(tempered_batch.energies(), ref[0]->energies())) << "step " << s;
        ASSERT_TRUE(same_bits(tempered_batch.tempering()->replica(2).state(0), ref[2]->state(0))) << "step " << s;
    }
    const SwapStats& st = tempered_batch.tempering()->stats();
    for (int k = 0; k + 1 < K; ++k) {
        EXPECT_EQ(st.attempted[std::size_t(k)], 4 * steps / every);
        EXPECT_EQ(st.accepted[std::size_t(k)], accepted[std::size_t(k)]);
    }
    EXPECT_GT(accepted[0] + accepted[1], 0) << "the test must exercise accepted swaps";
    EXPECT_LT(accepted[0] + accepted[1], 2 * 4 * steps / every) << "and rejected ones";
}

// Without swaps (S beyond the last step) the recorded replica is exactly the plain chain of stream (seed, i).
TEST(Tempering, WithoutSwapsReplicaZeroIsThePlainChain) {
    const auto g = tiny_dbn();
    const Matrix h0 = test::seeded_uniform(3, 6, 4).array().round();
    ChainBatch plain(g, h0, 9, {0, 1, 2});
    ChainBatch t(g, h0, 9, {0, 1, 2}, tempered(1.0f, 4, 2.0f, 1000));
    for (int s = 0; s < 10; ++s) {
        plain.step(1);
        t.step(1);
    }
    EXPECT_TRUE(same_bits(plain.state(0), t.state(0)));
    EXPECT_EQ(t.tempering()->stats().attempted[0], 0);
}

// Chain i of a tempered batch is the same whether it runs alone or in any batch, on 1 or 2 threads.
TEST(Tempering, BitIdenticalAcrossBatchSizesAndThreads) {
    const auto g = tiny_dbn();
    const int N = 30;  // above the 12-row threshold, so two threads really split the rows
    Matrix h0(N, 6);
    for (int i = 0; i < N; ++i) h0.row(i) = random_init(6, 3, 5, std::uint64_t(i));
    std::vector<std::uint64_t> all(N);
    for (int i = 0; i < N; ++i) all[std::size_t(i)] = std::uint64_t(i);
    ChainBatch whole(g, h0, 31, all, tempered(1.0f, 5, 2.5f, 1));
    ChainBatch whole2(g, h0, 31, all, tempered(1.0f, 5, 2.5f, 1));
    ChainBatch part(g, h0.middleRows(17, 3), 31, {17, 18, 19}, tempered(1.0f, 5, 2.5f, 1));
    ChainBatch alone(g, h0.row(18), 31, {18}, tempered(1.0f, 5, 2.5f, 1));
    for (int s = 0; s < 15; ++s) {
        whole.step(1);
        whole2.step(2);
        part.step(2);
        alone.step(1);
    }
    EXPECT_TRUE(same_bits(whole.state(0), whole2.state(0))) << "1 vs 2 threads";
    EXPECT_TRUE(same_bits(whole.state(0).middleRows(17, 3), part.state(0))) << "inside a smaller batch";
    EXPECT_TRUE(same_bits(whole.state(0).row(18), alone.state(0))) << "alone";
    EXPECT_TRUE(same_bits(whole.energies().row(18), alone.energies()));
    EXPECT_GT(whole.tempering()->stats().accepted[0], 0);
}

TEST(Tempering, MethodStartsFromLabelBiasingAndRefusesBadLadders) {
    const auto g = tiny_dbn();
    const InitialState st = make_initial_state(*g->model, bias_spec(BiasMethod::Tempering, 1, 1, 0), 1, 0);
    EXPECT_TRUE(st.top.isApprox(g->model->label_biasing.row(1)));
    EXPECT_NE(st.description.find("tempering"), std::string::npos);
    GenerationRequest r;
    r.bias = bias_spec(BiasMethod::Tempering, 0, 0, 0);
    r.tempering = TemperingSpec{3, 2.0f, 1};
    EXPECT_TRUE(request_temperature(r).tempering.has_value());
    r.bias.method = BiasMethod::Label;
    EXPECT_FALSE(request_temperature(r).tempering.has_value()) << "only method tempering gets replicas";
    const Matrix h0 = Matrix::Zero(1, 6);
    EXPECT_THROW(ChainBatch(g, h0, 1, {0}, tempered(1.0f, 1, 2.0f, 1)), ArgumentError);
    EXPECT_THROW(ChainBatch(g, h0, 1, {0}, tempered(2.0f, 3, 2.0f, 1)), ArgumentError);
    EXPECT_THROW(ChainBatch(g, h0, 1, {0}, tempered(1.0f, 3, 2.0f, 0)), ArgumentError);
    TemperatureSchedule sched = make_temperature_schedule({ScheduleKind::Linear, 2.0f, 1.0f}, 5);
    sched.tempering = TemperingSpec{};
    EXPECT_THROW(ChainBatch(g, h0, 1, {0}, sched), ArgumentError);
}

}  // namespace topdown
