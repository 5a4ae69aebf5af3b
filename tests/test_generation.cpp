#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "generate/biasing.hpp"
#include "generate/chain.hpp"
#include "generate/generation_run.hpp"
#include "math/fast_sigmoid.hpp"
#include "math/fixed_order_gemm.hpp"
#include "test_support.hpp"
#include "train/finalize.hpp"
#include "train/trainer.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
using test::reference_sigmoid;

// A 3-4-2 net with hand-set weights.
std::shared_ptr<Dbn> hand_net() {
    auto m = std::make_shared<Dbn>(Dbn::with_architecture({3, 4, 2}));
    m->layers[0].W << 0.5, -1, 0.25, 2, -0.75, 0.1, 1.5, -0.3, 0.2, 0.8, -1.2, 0.6;
    m->layers[0].a << 0.1, -0.2, 0.3;
    m->layers[0].b << -0.5, 0.4, 0.0, 0.2;
    m->layers[1].W << 1.0, -0.5, 0.3, 0.7, -0.9, 0.2, 0.4, -1.1;
    m->layers[1].a << 0.05, -0.1, 0.15, 0.0;
    m->layers[1].b << 0.3, -0.3;
    m->class_names = {"a", "b", "c"};
    m->label_biasing.resize(3, 2);
    m->label_biasing << 0.9, 0.1, 0.2, 0.8, 0.6, 0.55;
    m->k = 1;
    return m;
}

// Label-biasing-like matrix for a 6-unit top layer with known top-k sets.
std::shared_ptr<Dbn> biasing_net() {
    auto m = std::make_shared<Dbn>(Dbn::with_architecture({4, 6}));
    m->class_names = {"x", "y", "z"};
    m->label_biasing.resize(3, 6);
    m->label_biasing << 0.9, 0.8, 0.7, 0.1, 0.0, 0.2,  // top-3 {0,1,2}
        0.1, 0.85, 0.75, 0.9, 0.0, 0.0,               // top-3 {3,1,2}
        0.0, 0.0, 0.0, 0.3, 0.9, 0.8;                 // top-3 {4,5,3}
    m->k = 3;
    return m;
}
}  // namespace

TEST(FixedOrderGemm, MatchesEigenProductAndIgnoresTilePosition) {
    CounterRng r(1, 1);
    const int rows = 13, nin = 37, nout = 29;
    Matrix X(rows, nin), W(nin, nout);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = (i % 3 == 0) ? 0.0f : r.normal();
    for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = r.normal();
    Vector b = Vector::Ones(nout);
    Matrix out(rows, nout);
    fixed_order_affine(X.data(), rows, nin, nin, W.data(), nout, b.data(), out.data(), nout);
    Matrix ref = X * W;
    ref.rowwise() += b;
    EXPECT_LT((out - ref).cwiseAbs().maxCoeff(), 1e-4f);
    for (int i = 0; i < rows; ++i) {  // each row alone gives the same bits
        Matrix one(1, nout);
        fixed_order_affine(X.row(i).data(), 1, nin, nin, W.data(), nout, b.data(), one.data(), nout);
        for (int j = 0; j < nout; ++j) ASSERT_EQ(one(0, j), out(i, j)) << i << "," << j;
    }
}

TEST(FastSigmoid, AccurateAndPositionIndependent) {
    std::vector<float> v(1003), w;
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = -30.0f + 60.0f * float(i) / float(v.size());
    w = v;
    fast_sigmoid(v.data(), v.size());
    for (std::size_t i = 0; i < v.size(); ++i) EXPECT_NEAR(v[i], reference_sigmoid(w[i]), 3e-7) << w[i];
    for (std::size_t off = 1; off < 9; ++off) {  // the same input at another position gives the same bits
        std::vector<float> u(w.begin() + long(off), w.end());
        fast_sigmoid(u.data(), u.size());
        for (std::size_t i = 0; i < u.size(); ++i) ASSERT_EQ(u[i], v[i + off]);
    }
}

TEST(Chain, FirstStepIsTopDownWithSampledHiddenAndContinuousVisible) {
    auto m = hand_net();
    auto g = prepare_generation_model(m);
    Matrix h0(1, 2);
    h0 << 1, 0;
    ChainBatch b(g, h0, 5, {0});
    b.step();
    // Layer 1 (4 units) is a binary sample of down_2(h0).
    for (int j = 0; j < 4; ++j) EXPECT_TRUE(b.state(1)(0, j) == 0.0f || b.state(1)(0, j) == 1.0f);
    // The visible layer equals down_1(h1) exactly in closed form (probabilities, not a sample).
    for (int i = 0; i < 3; ++i) {
        double z = m->layers[0].a(i);
        for (int j = 0; j < 4; ++j) z += m->layers[0].W(i, j) * b.state(1)(0, j);
        EXPECT_NEAR(b.state(0)(0, i), reference_sigmoid(z), 1e-6);
    }
    // The top layer keeps H⁰ at step 1.
    EXPECT_EQ(b.state(2)(0, 0), 1.0f);
    EXPECT_EQ(b.state(2)(0, 1), 0.0f);
    // Energies on (lower, upper) of this step.
    const auto e = b.energies();
    const Matrix& v = b.state(0);
    Matrix h1 = b.state(1), h2 = b.state(2);
    EXPECT_NEAR(e(0, 0), m->layers[0].energy(v, h1)(0), 1e-5);
    EXPECT_NEAR(e(0, 1), m->layers[1].energy(h1, h2)(0), 1e-5);
    // Some visible value is strictly between 0 and 1: it was not sampled.
    bool continuous = false;
    for (int i = 0; i < 3; ++i) continuous |= v(0, i) > 0.0f && v(0, i) < 1.0f;
    EXPECT_TRUE(continuous);
}

TEST(Chain, LaterStepsGoBottomUpThenTopDown) {
    // With a model whose top layer copies layer 1 strongly, the top state after step 2 must be a binary
    // sample (bottom-up), not H⁰ any more.
    auto m = hand_net();
    auto g = prepare_generation_model(m);
    Matrix h0(1, 2);
    h0 << 0.3, 0.7;  // real-valued, as label biasing
    ChainBatch b(g, h0, 9, {0});
    b.step();
    EXPECT_FLOAT_EQ(b.state(2)(0, 0), 0.3f);
    b.step();
    for (int j = 0; j < 2; ++j) EXPECT_TRUE(b.state(2)(0, j) == 0.0f || b.state(2)(0, j) == 1.0f);
    for (int j = 0; j < 4; ++j) EXPECT_TRUE(b.state(1)(0, j) == 0.0f || b.state(1)(0, j) == 1.0f);
    // The hidden probabilities were sampled: over many chains, layer-1 means approach the conditional.
    const int N = 20000;
    Matrix many = Matrix::Zero(N, 2);
    many.col(0).setConstant(1.0f);
    std::vector<std::uint64_t> idx(N);
    for (int i = 0; i < N; ++i) idx[std::size_t(i)] = std::uint64_t(i);
    ChainBatch bb(g, many, 3, idx);
    bb.step();
    const Eigen::VectorXf mean = bb.state(1).colwise().mean().transpose();
    for (int j = 0; j < 4; ++j) {
        const double p = reference_sigmoid(m->layers[1].a(j) + m->layers[1].W(j, 0));
        EXPECT_NEAR(mean(j), p, 0.015) << j;
    }
}

TEST(Biasing, LabelDoubleIntersectionRandom) {
    auto m = biasing_net();
    EXPECT_EQ(label_biasing(*m, 1), m->label_biasing.row(1));
    const Vector d = double_label_chimera(*m, 0, 1, 3);
    EXPECT_EQ(d.sum(), 3.0f);
    // (e0 + e1) M = [1.0, 1.65, 1.45, 1.0, 0, 0.2] -> top-3 = {1, 2, and 0 (tie with 3 broken by index)}
    EXPECT_EQ(d(1), 1.0f);
    EXPECT_EQ(d(2), 1.0f);
    EXPECT_EQ(d(0), 1.0f);
    const Vector in = intersection_chimera(*m, 0, 1, 3);
    EXPECT_EQ(in.sum(), 2.0f);  // {0,1,2} ∩ {1,2,3}
    const Vector t0 = top_k_binarize(m->label_biasing.row(0), 3), t1 = top_k_binarize(m->label_biasing.row(1), 3);
    for (int j = 0; j < 6; ++j)
        if (in(j) > 0) {
            EXPECT_TRUE(t0(j) > 0 && t1(j) > 0);
        }
    const InitialState e = make_initial_state(*m, bias_spec(BiasMethod::Intersection, 0, 2, 3), 1, 0);
    EXPECT_TRUE(e.empty);
    EXPECT_NE(e.description.find("EMPTY"), std::string::npos);
    for (std::uint64_t c = 0; c < 50; ++c) {
        const Vector r = random_init(6, 4, 7, c);
        EXPECT_EQ(r.sum(), 4.0f);
        for (int j = 0; j < 6; ++j) EXPECT_TRUE(r(j) == 0.0f || r(j) == 1.0f);
    }
    EXPECT_NE(random_init(1000, 10, 7, 1), random_init(1000, 10, 7, 2));
    const auto sizes = intersection_size_matrix(*m, 3);
    EXPECT_EQ(sizes(0, 0), 3);
    EXPECT_EQ(sizes(0, 1), 2);
    EXPECT_EQ(sizes(0, 2), 0);
    EXPECT_EQ(sizes(1, 2), 1);
}

TEST(Biasing, InvalidArgumentsGiveTypedErrors) {
    auto m = biasing_net();
    EXPECT_THROW(label_biasing(*m, 3), ArgumentError);
    EXPECT_THROW(label_biasing(*m, -1), ArgumentError);
    EXPECT_THROW(double_label_chimera(*m, 0, 1, 7), ArgumentError);
    EXPECT_THROW(intersection_chimera(*m, 0, 9, 3), ArgumentError);
    EXPECT_THROW(random_init(6, 0, 1, 0), ArgumentError);
    EXPECT_THROW(random_init(6, 7, 1, 0), ArgumentError);
    EXPECT_THROW(parse_bias_method("chimera"), ArgumentError);
    Dbn no_m = Dbn::with_architecture({4, 6});
    EXPECT_THROW(label_biasing(no_m, 0), ArgumentError);
    EXPECT_THROW(sample_init(*m, Matrix::Constant(1, 4, 2.0f)), ArgumentError);
}

TEST(Chain, StepBackAndReplayGiveIdenticalRecords) {
    auto m = hand_net();
    auto g = prepare_generation_model(m);
    Chain c(g, m->label_biasing.row(0), 4, 2, {}, 8);
    std::vector<StepRecord> first;
    for (int s = 0; s < 12; ++s) first.push_back(c.step());
    EXPECT_EQ(c.history().size(), 8u);  // bounded
    EXPECT_EQ(c.history().oldest_step(), 5);
    EXPECT_FALSE(c.seek(4));
    ASSERT_TRUE(c.seek(6));
    EXPECT_TRUE(c.step_back());
    EXPECT_EQ(c.current_step(), 5);
    EXPECT_EQ(c.current()->visible, first[4].visible);
    // Forward again through kept steps, then beyond them: identical to an uninterrupted chain.
    for (int s = 6; s <= 12; ++s) EXPECT_EQ(c.step().visible, first[std::size_t(s - 1)].visible);
    Chain ref(g, m->label_biasing.row(0), 4, 2);
    for (int s = 0; s < 16; ++s) ref.step();
    for (int s = 13; s <= 16; ++s) {
        const auto& r = c.step();
        EXPECT_EQ(r.visible, ref.history().find(s)->visible);
        EXPECT_EQ(r.hidden_bits, ref.history().find(s)->hidden_bits);
    }
}

TEST(Chain, EveryMethodRunsOnAPlainRbm) {
    auto m = std::make_shared<Dbn>(init_dbn({6, 5}, 0.5f, 2));
    m->class_names = {"a", "b"};
    m->label_biasing = test::seeded_uniform(2, 5, 2);
    m->k = 2;
    auto g = prepare_generation_model(m);
    for (auto method : {BiasMethod::Label, BiasMethod::DoubleLabel, BiasMethod::Intersection, BiasMethod::Random,
                        BiasMethod::Tempering}) {
        GenerationRequest r;
        r.bias.method = method;
        r.chains = 3;
        r.steps = 4;
        int steps = 0;
        run_generation(g, r, [&](const ChainBatch& b) {
            ++steps;
            EXPECT_EQ(b.energies().cols(), 1);
            EXPECT_TRUE(std::isfinite(b.energies()(0, 0)));
        });
        EXPECT_EQ(steps, 4);
    }
}

// On a small model trained on real MNIST, label biasing of class c gives at step 1 an image whose
// nearest class mean is c, for most classes.
TEST(Chain, LabelBiasingOfATrainedModelDrawsTheClass) {
    const Dataset train = test::real_slice("mnist", Split::Train, 6000);
    const Dataset test_set = test::real_slice("mnist", Split::Test, 1000);
    TrainOptions o;
    o.architecture = {784, 300, 300};
    o.recipe.epochs = 4;
    o.recipe.learning_rate = 0.05f;
    o.recipe.batch_size = 64;
    o.seed = 11;
    auto m = std::make_shared<Dbn>(train_dbn(train, o).model);
    finalize_model(*m, train, test_set);
    Matrix means = Matrix::Zero(10, 784);
    std::vector<int> counts(10, 0);
    for (int i = 0; i < train.size(); ++i) {
        means.row(train.labels[std::size_t(i)]) += train.images.row(i);
        counts[train.labels[std::size_t(i)]]++;
    }
    for (int c = 0; c < 10; ++c) means.row(c) /= float(counts[std::size_t(c)]);
    auto g = prepare_generation_model(m);
    int correct = 0;
    for (int c = 0; c < 10; ++c) {
        GenerationRequest r;
        r.bias.class_a = c;
        r.chains = 20;
        r.steps = 1;
        r.seed = 5;
        int votes = 0;
        run_generation(g, r, [&](const ChainBatch& b) {
            for (int i = 0; i < b.size(); ++i) {
                Eigen::Index best;
                (means.rowwise() - b.state(0).row(i)).rowwise().squaredNorm().minCoeff(&best);
                votes += best == c;
            }
        });
        correct += votes > 10;
    }
    EXPECT_GE(correct, 7);
}
