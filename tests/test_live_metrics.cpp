// The app's live metrics (core/session: Simulation + analysis hooks) against the batch path of a study
// (run_condition, summarize_condition, TransitionCounts, pca_project of the study's hidden means) on the same
// chains: equal to the last bit. Also: models with more than 64
// classes, and what the snapshot says when a panel has nothing to show.
#include <gtest/gtest.h>

#include <cmath>

#include "analyze/chain_metrics.hpp"
#include "analyze/pca.hpp"
#include "analyze/statistics.hpp"
#include "analyze/transition_matrix.hpp"
#include "generate/biasing.hpp"
#include "experiment/study.hpp"
#include "experiment/study_summary.hpp"
#include "generate/generation_run.hpp"
#include "math/random.hpp"
#include "model/model_file.hpp"
#include "session/analysis_hooks.hpp"
#include "session/model_info.hpp"
#include "session/simulation.hpp"
#include "train/trainer.hpp"

using namespace topdown;

namespace {
const std::string kModels = std::string(TOPDOWN_SOURCE_DIR) + "/assets/models/";

// The shipped iDBN with the shipped classifier, and a PCA basis (the stored one, or one fitted on seeded data).
std::shared_ptr<const ModelInfo> shipped_info(const std::shared_ptr<const Dbn>& dbn) {
    auto base = build_model_info(dbn, kModels + "idbn_mnist.tdm");
    auto info = std::make_shared<ModelInfo>(*base);
    if (!info->pca_basis) {
        Eigen::Index hidden = 0;
        for (const auto& l : dbn->layers) hidden += l.n_upper();
        Matrix x(40, hidden);
        CounterRng rng(5, 0);
        rng.uniform(x.data(), static_cast<std::size_t>(x.size()));
        info->pca_basis = std::make_shared<const PcaBasis>(fit_pca(x, 2));
    }
    return info;
}

}  // namespace

TEST(LiveMetrics, EqualTheBatchStudyOnTheSameChains) {
    auto dbn = std::make_shared<const Dbn>(load_model(kModels + "idbn_mnist.tdm"));
    const auto g = prepare_generation_model(dbn);
    const auto info = shipped_info(dbn);
    ASSERT_TRUE(info->classifier) << info->classifier_note;
    const int C = dbn->num_classes(), N = 12, S = 30, L = g->depth();
    for (BiasMethod method : {BiasMethod::Random, BiasMethod::Intersection}) {
        SCOPED_TRACE(to_string(method));
        SessionParams p;
        p.bias.method = method;
        p.bias.class_a = 2;
        p.bias.class_b = 9;
        p.ensemble_size = N;
        p.steps = S;
        // The same chains through the study code: the session's seed is the condition's seed, and the
        // session's ensemble chain i is stream i + 1.
        Condition cond;
        cond.id = "live-vs-batch";
        cond.bias = p.bias;
        cond.bias.k = resolve_k(*dbn, 0);
        StudyOptions o;
        o.chains = N;
        o.steps = S;
        o.seed = 77;
        o.first_chain_index = 1;
        p.seed = condition_seed(o.seed, cond.id);
        Simulation sim(100, 100);
        sim.set_model(info, g);
        sim.restart(p);
        for (int s = 0; s < S; ++s) sim.step();
        Snapshot live;
        sim.fill(live);
        const ConditionResult batch = run_condition(g, *info->classifier, cond, o);
        const ConditionSummary sum = summarize_condition(batch, C);

        ASSERT_TRUE(live.metrics.available);
        EXPECT_EQ(live.metrics.visited_mean, sum.visited.mean);
        EXPECT_EQ(live.metrics.visited_sem, sum.visited.sem);
        EXPECT_EQ(live.metrics.transitions_mean, sum.transitions.mean);
        EXPECT_EQ(live.metrics.transitions_sem, sum.transitions.sem);
        EXPECT_GT(sum.visited.mean, 0.5) << "the chains should visit classes for this test to mean something";
        TransitionCounts counts(C);
        std::vector<int> last_counts(static_cast<std::size_t>(C + 1), 0);
        for (int c = 0; c < N; ++c) {
            const std::vector<int> st = batch.chain_states(c);
            counts.add_chain(st);
            ++last_counts[static_cast<std::size_t>(st.back())];
        }
        EXPECT_GT(counts.counts().sum() - counts.counts().trace(), 0.0) << "and change state";

        // Transition counts and the state histogram of the last step.
        ASSERT_EQ(live.transition_counts.rows(), C + 1);
        EXPECT_TRUE(live.transition_counts.cast<double>() == counts.counts());
        EXPECT_EQ(live.transition_counts.sum(), N * (S - 1));
        EXPECT_EQ(live.state_counts, last_counts);

        // Energy curves as study.cpp, and the ensemble-mean PCA trajectory as study_report.cpp projects it.
        ASSERT_EQ(live.ensemble.size(), static_cast<std::size_t>(S));
        for (int s = 0; s < S; ++s)
            for (int l = 0; l < L; ++l) {
                const auto& es = live.ensemble[static_cast<std::size_t>(s)];
                const auto li = static_cast<std::size_t>(l);
                ASSERT_EQ(es.energy_mean[li], batch.energy_mean(s, l)) << "step " << s + 1 << " layer " << l + 1;
                ASSERT_EQ(es.energy_sem[li], batch.energy_sem(s, l)) << "step " << s + 1 << " layer " << l + 1;
                ASSERT_EQ(es.active_mean[li], batch.active_mean(s, l)) << "step " << s + 1 << " layer " << l + 1;
            }
        const Matrix proj = pca_project(*info->pca_basis, batch.hidden_mean);
        ASSERT_EQ(live.pca_ensemble_mean.size(), static_cast<std::size_t>(S));
        for (int s = 0; s < S; ++s) {
            EXPECT_EQ(live.pca_ensemble_mean[std::size_t(s)].x, proj(s, 0)) << "step " << s + 1;
            EXPECT_EQ(live.pca_ensemble_mean[std::size_t(s)].y, proj(s, 1)) << "step " << s + 1;
            EXPECT_EQ(live.pca_ensemble_mean[std::size_t(s)].step, s + 1);
        }
    }
}

TEST(LiveMetrics, PcaProjectionOfARowDoesNotDependOnTheOtherRows) {
    Matrix x(17, 300);
    CounterRng rng(9, 1);
    rng.uniform(x.data(), static_cast<std::size_t>(x.size()));
    const PcaBasis b = fit_pca(x, 3);
    const Matrix all = pca_project(b, x);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const Matrix one = pca_project(b, Matrix(x.row(i)));
        for (Eigen::Index k = 0; k < 3; ++k) EXPECT_EQ(one(0, k), all(i, k)) << "row " << i;
    }
}

TEST(LiveMetrics, CountClassesAbove64) {
    // 70 classes (non-class = 70). Hand-computed: chain 0 visits 64, 65, 64, 69 with non-class steps between
    // -> 3 classes, 4 runs; chain 1 stays in 3 -> 1 class, 1 run; chain 2 only non-class -> 0, 0.
    const int C = 70;
    EnsembleMetrics acc(3, C);
    const std::vector<std::vector<int>> steps = {{64, 3, 70}, {70, 3, 70}, {65, 3, 70}, {64, 3, 70}, {69, 3, 70}};
    for (const auto& st : steps) EXPECT_EQ(acc.add_step(st), 3);
    const MetricsSummary m = metrics_summary(acc);
    ASSERT_TRUE(m.available);
    EXPECT_EQ(acc.chain(0).visited_states, 3);
    EXPECT_EQ(acc.chain(0).transitions, 4);
    EXPECT_EQ(acc.chain(1).visited_states, 1);
    EXPECT_EQ(acc.chain(2).visited_states, 0);
    EXPECT_DOUBLE_EQ(m.visited_mean, 4.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.transitions_mean, 5.0 / 3.0);
    // The transition accumulator on a 71 x 71 matrix: 64 -> 70 is counted in row 64.
    TransitionAccumulator t(C);
    t.add_step({64, 69});
    t.add_step({70, 65});
    const Eigen::MatrixXd& counts = t.counts().counts();
    EXPECT_EQ(counts(64, 70), 1);
    EXPECT_EQ(counts(69, 65), 1);
    EXPECT_EQ(counts.sum(), 2);
}

TEST(LiveSnapshot, SaysWhyTheAnalysisPanelsAreEmpty) {
    Snapshot none;
    Simulation empty;
    empty.fill(none);
    EXPECT_EQ(none.analysis_gap, AnalysisGap::NoModel);

    // A model without a classifier for its dataset.
    auto m = std::make_shared<Dbn>(init_dbn({64, 20, 16}, 0.3f, 3));
    m->class_names = {"a", "b", "c"};
    m->dataset = "no-such-dataset";
    m->k = 8;
    auto dbn = std::shared_ptr<const Dbn>(m);
    Simulation sim;
    sim.set_model(build_model_info(dbn, ""), prepare_generation_model(dbn));
    SessionParams p;
    p.bias.method = BiasMethod::Random;
    p.ensemble_size = 3;
    sim.restart(p);
    sim.step();
    Snapshot s;
    sim.fill(s);
    EXPECT_EQ(s.analysis_gap, AnalysisGap::NoClassifier);
    EXPECT_NE(s.classifier_note.find("classifier_no-such-dataset.tdc"), std::string::npos) << s.classifier_note;

    // The shipped model and classifier with ensemble 0: the transition matrix is the focused chain's.
    auto idbn = std::make_shared<const Dbn>(load_model(kModels + "idbn_mnist.tdm"));
    const auto info = build_model_info(idbn, kModels + "idbn_mnist.tdm");
    ASSERT_TRUE(info->classifier);
    Simulation focused(100, 100);
    focused.set_model(info, prepare_generation_model(idbn));
    SessionParams q;
    q.bias.method = BiasMethod::Intersection;
    q.bias.class_a = 2;
    q.bias.class_b = 9;
    q.ensemble_size = 0;
    q.seed = 5;
    focused.restart(q);
    const int S = 25;
    for (int i = 0; i < S; ++i) focused.step();
    Snapshot f;
    focused.fill(f);
    EXPECT_EQ(f.analysis_gap, AnalysisGap::NoEnsemble);
    EXPECT_TRUE(f.transitions_from_focused);
    ASSERT_EQ(f.transition_counts.rows(), 11);
    EXPECT_EQ(f.transition_counts.sum(), S - 1);
    // Independently: the classifier's states of the kept frames, pair by pair.
    Eigen::MatrixXi expect = Eigen::MatrixXi::Zero(11, 11);
    Matrix v(S, 784);
    ASSERT_EQ(f.recent.size(), static_cast<std::size_t>(S));
    for (int i = 0; i < S; ++i)
        v.row(i) = Eigen::Map<const Matrix>(f.recent[std::size_t(i)]->visible.data(), 1, 784);
    const auto cls = info->classifier->classify(v);
    for (int i = 1; i < S; ++i) ++expect(cls[std::size_t(i - 1)].state, cls[std::size_t(i)].state);
    EXPECT_TRUE(f.transition_counts == expect);
    EXPECT_FALSE(f.metrics.available);
}
