// The ensemble-analysis module (core/analyze): the one mean ± SEM formula, the per-step statistics of a
// chain batch, the concatenated hidden means and the step-by-step accumulators, each against values computed
// here by hand or by a straightforward reference.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "analyze/chain_metrics.hpp"
#include "analyze/hidden_means.hpp"
#include "analyze/statistics.hpp"
#include "analyze/step_statistics.hpp"
#include "analyze/transition_matrix.hpp"
#include "generate/biasing.hpp"
#include "generate/filmstrip_steps.hpp"
#include "model/image_shape.hpp"
#include "generate/generation_run.hpp"
#include "math/random.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"
#include "util/errors.hpp"

using namespace topdown;

TEST(MeanSem, HandComputedValues) {
    // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, squared deviations sum 32, sample variance 32/7, SEM sqrt(32/7)/sqrt(8).
    const MeanSem a = mean_sem({2, 4, 4, 4, 5, 5, 7, 9});
    EXPECT_EQ(a.n, 8);
    EXPECT_DOUBLE_EQ(a.mean, 5.0);
    EXPECT_DOUBLE_EQ(a.sem, std::sqrt(32.0 / 7.0) / std::sqrt(8.0));
    EXPECT_NEAR(a.sem, 0.7559289460184544, 1e-15);
    // {1, 3}: mean 2, variance 2, SEM 1.
    const MeanSem b = mean_sem({1, 3});
    EXPECT_DOUBLE_EQ(b.mean, 2.0);
    EXPECT_DOUBLE_EQ(b.sem, 1.0);
    // One value: SEM 0; none: all 0.
    EXPECT_EQ(mean_sem({3.5}).sem, 0.0);
    EXPECT_EQ(mean_sem({3.5}).mean, 3.5);
    EXPECT_EQ(mean_sem({}).n, 0);
    // A matrix column: rows are the samples.
    Matrix m(3, 2);
    m << 1, 10, 2, 20, 6, 30;
    const MeanSem c = column_mean_sem(m, 0);  // mean 3, deviations 4+1+9 = 14, var 7, SEM sqrt(7/3)
    EXPECT_DOUBLE_EQ(c.mean, 3.0);
    EXPECT_NEAR(c.sem, std::sqrt(7.0 / 3.0), 1e-15);
    EXPECT_DOUBLE_EQ(column_mean_sem(m, 1).mean, 20.0);
}

namespace {
std::shared_ptr<const GenerationModel> small_model() {
    auto m = std::make_shared<Dbn>(init_dbn({16, 7, 5}, 0.5f, 4));
    m->class_names = {"a", "b"};
    m->label_biasing = test::seeded_uniform(2, 5, 2);
    m->k = 2;
    return prepare_generation_model(m);
}
}  // namespace

TEST(StepStatistics, EqualAReferenceOnAChainBatch) {
    const auto g = small_model();
    EXPECT_EQ(hidden_unit_count(*g), 12);
    EXPECT_EQ(hidden_unit_count(*g->model), 12);
    GenerationRequest r;
    r.bias.method = BiasMethod::Random;
    r.chains = 5;
    r.steps = 3;
    int steps = 0;
    run_generation(g, r, [&](const ChainBatch& b) {
        ++steps;
        const StepStatistics st = step_statistics(b);
        ASSERT_EQ(st.energy.size(), 2u);
        for (int l = 0; l < 2; ++l) {
            // Reference: two-pass mean and sample variance, written out here.
            double sum = 0;
            for (int i = 0; i < 5; ++i) sum += b.energies()(i, l);
            const double mean = sum / 5;
            double ss = 0;
            for (int i = 0; i < 5; ++i) ss += (b.energies()(i, l) - mean) * (b.energies()(i, l) - mean);
            EXPECT_NEAR(st.energy[std::size_t(l)].mean, mean, 1e-9 * (1 + std::abs(mean)));
            EXPECT_NEAR(st.energy[std::size_t(l)].sem, std::sqrt(ss / 4) / std::sqrt(5.0), 1e-9 * (1 + std::abs(mean)));
            double active = 0;
            for (int i = 0; i < 5; ++i) active += b.state(l + 1).row(i).sum() / b.state(l + 1).cols();
            EXPECT_NEAR(st.active_mean[std::size_t(l)], active / 5, 1e-5);
        }
        // Concatenated hidden means: layer 1's 7 column means, then layer 2's 5.
        const Matrix h = concatenated_hidden_means(b);
        ASSERT_EQ(h.cols(), 12);
        for (int l = 1, off = 0; l <= 2; off += int(b.state(l).cols()), ++l)
            for (Eigen::Index j = 0; j < b.state(l).cols(); ++j) {
                double s = 0;
                for (int i = 0; i < 5; ++i) s += b.state(l)(i, j);
                EXPECT_NEAR(h(0, off + j), s / 5, 1e-6);
            }
    });
    EXPECT_EQ(steps, 3);
}

TEST(EnsembleMetrics, EqualPerChainReferenceOnSeededStates) {
    // 7 chains x 40 steps of seeded states over C = 4 (+ non-class 4); the reference counts each chain
    // directly: distinct classes and runs after removing non-class steps.
    const int C = 4, N = 7, S = 40;
    CounterRng rng(11, 0);
    std::vector<std::vector<int>> chains(N, std::vector<int>(S));
    for (auto& c : chains)
        for (auto& s : c) s = static_cast<int>(rng.next_u64() % (C + 1));
    EnsembleMetrics acc(N, C);
    TransitionAccumulator trans(C);
    for (int s = 0; s < S; ++s) {
        std::vector<int> step(N);
        for (int c = 0; c < N; ++c) step[std::size_t(c)] = chains[std::size_t(c)][std::size_t(s)];
        EXPECT_EQ(acc.add_step(step), N);
        trans.add_step(step);
    }
    std::vector<double> visited, runs;
    Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(C + 1, C + 1);
    for (const auto& c : chains) {
        std::set<int> seen;
        std::vector<int> kept;
        for (int s : c)
            if (s != C) {
                seen.insert(s);
                kept.push_back(s);
            }
        int r = 0;
        for (std::size_t i = 0; i < kept.size(); ++i) r += (i == 0 || kept[i] != kept[i - 1]);
        visited.push_back(double(seen.size()));
        runs.push_back(r);
        for (std::size_t i = 1; i < c.size(); ++i) counts(c[i - 1], c[i]) += 1;
    }
    EXPECT_EQ(acc.visited_per_chain(), visited);
    EXPECT_EQ(acc.transitions_per_chain(), runs);
    double mean = 0;
    for (double v : visited) mean += v / N;
    EXPECT_NEAR(acc.visited().mean, mean, 1e-12);
    EXPECT_TRUE(trans.counts().counts() == counts);
    EXPECT_EQ(trans.counts().counts().sum(), double(N * (S - 1)));
}

TEST(EnsembleMetrics, SkipUnknownStatesAndRejectStatesAboveC) {
    // Chain 0: 1, unknown, 1, 2 -> 2 classes, 2 runs; chain 1 always unknown -> 0, 0.
    EnsembleMetrics acc(2, 3);
    TransitionAccumulator trans(3);
    for (const std::vector<int>& st : {std::vector<int>{1, -1}, {-1, -1}, {1, -1}, {2, -1}}) {
        acc.add_step(st);
        trans.add_step(st);
    }
    EXPECT_EQ(acc.chain(0).visited_states, 2);
    EXPECT_EQ(acc.chain(0).transitions, 2);
    EXPECT_EQ(acc.chain(1).visited_states, 0);
    // Pairs with an unknown side are not counted: only 1 -> 2.
    EXPECT_EQ(trans.counts().counts().sum(), 1.0);
    EXPECT_EQ(trans.counts().counts()(1, 2), 1.0);
    EXPECT_EQ(acc.add_step({}), 0);
    EXPECT_THROW(acc.add_step({4, 0}), ArgumentError);
    EXPECT_THROW(trans.add_step({4, 0}), ArgumentError);
}

TEST(BiasMethodTraits, TableMatchesTheExpectedTable) {
    struct Row {
        BiasMethod method;
        std::string name;
        bool classes, pair, k;
    };
    const std::vector<Row> expected{{BiasMethod::Label, "label", true, false, false},
                                    {BiasMethod::DoubleLabel, "double", true, true, true},
                                    {BiasMethod::Intersection, "intersection", true, true, true},
                                    {BiasMethod::Random, "random", false, false, true},
                                    {BiasMethod::Sample, "sample", false, false, false},
                                    {BiasMethod::Tempering, "tempering", true, false, false},
                                    {BiasMethod::Image, "image", false, false, false}};
    ASSERT_EQ(bias_method_table().size(), expected.size());
    ASSERT_EQ(kBiasMethodCount, 7);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& e = expected[i];
        SCOPED_TRACE(e.name);
        const BiasMethodTraits& t = traits(e.method);
        EXPECT_EQ(bias_method_table()[i].method, e.method) << "the table is in enum order";
        EXPECT_EQ(static_cast<int>(e.method), static_cast<int>(i));
        EXPECT_EQ(std::string(t.name), e.name);
        EXPECT_EQ(t.uses_classes, e.classes);
        EXPECT_EQ(t.is_pair, e.pair);
        EXPECT_EQ(t.uses_k, e.k);
        EXPECT_EQ(parse_bias_method(e.name), e.method);
        EXPECT_EQ(to_string(e.method), e.name);
    }
    EXPECT_THROW(parse_bias_method("Label"), ArgumentError);
    EXPECT_THROW(traits(static_cast<BiasMethod>(9)), ArgumentError);
}

TEST(ClassList, NamesAndIndicesInOrderAndTypedErrors) {
    Dbn m = init_dbn({4, 3}, 0.1f, 1);
    m.class_names = {"zero", "one", "cat", "3"};
    EXPECT_EQ(parse_class_list(m, "2,1"), (std::vector<int>{2, 1}));
    EXPECT_EQ(parse_class_list(m, "cat,zero"), (std::vector<int>{2, 0}));
    EXPECT_EQ(parse_class_list(m, "3"), (std::vector<int>{3}));  // the name "3" is class 3 as well
    EXPECT_EQ(parse_class_list(m, "one"), (std::vector<int>{1}));
    for (const char* bad : {"", "4", "dog", "1,", "-1", "1,,2", "99999999999"}) EXPECT_THROW(parse_class_list(m, bad), ArgumentError) << bad;
}

TEST(IntersectionSize, EqualsAHandCountedOverlap) {
    // M rows: class 0 top-2 = units {0, 1}, class 1 top-2 = units {1, 2}, class 2 top-2 = {3, 4}.
    Dbn m = init_dbn({4, 5}, 0.1f, 1);
    m.class_names = {"a", "b", "c"};
    m.label_biasing.resize(3, 5);
    m.label_biasing << 0.9f, 0.8f, 0.1f, 0.0f, 0.0f,  //
        0.1f, 0.9f, 0.8f, 0.0f, 0.0f,                  //
        0.0f, 0.0f, 0.1f, 0.9f, 0.8f;
    m.k = 2;
    EXPECT_EQ(intersection_size(m, 0, 1, 0), 1);
    EXPECT_EQ(intersection_size(m, 0, 2, 0), 0);
    EXPECT_EQ(intersection_size(m, 1, 1, 0), 2);
    EXPECT_EQ(intersection_size(m, 0, 1, 3), 3);  // top-3: {0,1,2} and {1,2,0} (class 1's 0.1 beats the zeros)
    const Eigen::MatrixXi all = intersection_size_matrix(m, 0);
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) EXPECT_EQ(all(a, b), intersection_size(m, a, b, 0));
}

TEST(ImageShape, SquaresAndStrips) {
    EXPECT_EQ(visible_image_shape(784).rows, 28);
    EXPECT_EQ(visible_image_shape(784).cols, 28);
    EXPECT_TRUE(visible_image_shape(784).square());
    EXPECT_EQ(visible_image_shape(500).rows, 1);
    EXPECT_EQ(visible_image_shape(500).cols, 500);
    EXPECT_FALSE(visible_image_shape(500).square());
    EXPECT_EQ(visible_image_shape(0).cols, 0);
    EXPECT_FALSE(visible_image_shape(0).square());
}

TEST(FilmstripSteps, StudyAndLogSpacedSchedules) {
    EXPECT_EQ(study_filmstrip_steps(100), (std::vector<int>{1, 2, 3, 5, 10, 20, 30, 50, 75, 100}));
    EXPECT_EQ(study_filmstrip_steps(30), (std::vector<int>{1, 2, 3, 5, 10, 20, 30}));
    EXPECT_EQ(study_filmstrip_steps(250), (std::vector<int>{1, 2, 3, 5, 10, 20, 30, 50, 75, 100, 250}));
    EXPECT_EQ(log_spaced_filmstrip_steps(20), (std::vector<int>{1, 2, 3, 5, 10, 20}));
    EXPECT_EQ(log_spaced_filmstrip_steps(100), (std::vector<int>{1, 2, 3, 5, 10, 20, 30, 50, 100}));
    EXPECT_EQ(log_spaced_filmstrip_steps(7), (std::vector<int>{1, 2, 3, 5, 7}));
}
