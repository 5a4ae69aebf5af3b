// Conditions run side by side give what one-by-one runs give, bit for bit, and errors and cancellation reach
// the caller (core/experiment/condition_pool).
#include <gtest/gtest.h>

#include <vector>

#include "experiment/condition_pool.hpp"
#include "tiny_model_fixture.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
struct Fixture {
    std::shared_ptr<Dbn> model;
    std::shared_ptr<const GenerationModel> g;
    StateClassifier classifier;
};

Fixture make_fixture() {
    auto m = test::tiny_finalized_mnist_model();
    CnnShape s;  // the shipped shape, so the classifier takes the direct-convolution path where the CPU has it
    return {m, prepare_generation_model(m), StateClassifier(Cnn(s, CnnParams::init(s, 3)), m->class_names, "mnist")};
}

void expect_same(const ConditionResult& a, const ConditionResult& b) {
    ASSERT_EQ(a.condition.id, b.condition.id);
    EXPECT_EQ(a.states, b.states) << a.condition.id;
    EXPECT_EQ(a.energy_mean, b.energy_mean) << a.condition.id;
    EXPECT_EQ(a.energy_sem, b.energy_sem) << a.condition.id;
    EXPECT_EQ(a.hidden_mean, b.hidden_mean) << a.condition.id;
    EXPECT_EQ(a.top_activity, b.top_activity) << a.condition.id;
    EXPECT_EQ(a.filmstrip, b.filmstrip) << a.condition.id;
    EXPECT_EQ(a.entropy_mean, b.entropy_mean) << a.condition.id;
}
}  // namespace

TEST(ConditionPool, WorkerCountFollowsThreadsAndConditions) {
    EXPECT_EQ(condition_workers(3, 2), 2);
    EXPECT_EQ(condition_workers(2, 110), 2);
    EXPECT_EQ(condition_workers(1, 110), 1);
    EXPECT_EQ(condition_workers(4, 0), 1);
}

TEST(ConditionPool, SideBySideEqualsOneByOneInOrder) {
    const Fixture f = make_fixture();
    std::vector<Condition> conds = study_conditions(*f.model, "all", 0);
    conds.resize(13);  // labels, then the first chimeras
    StudyOptions o;
    o.chains = 5;
    o.steps = 8;
    o.seed = 9;
    o.threads = 2;
    std::vector<ConditionResult> plain;
    for (const auto& c : conds) plain.push_back(run_condition(f.g, f.classifier, c, o));
    std::vector<std::size_t> counts;
    const auto pooled = run_conditions(f.g, f.classifier, conds, o, 2, nullptr,
                                       [&](std::size_t done, const Condition&) { counts.push_back(done); });
    ASSERT_EQ(pooled.size(), conds.size());
    for (std::size_t i = 0; i < conds.size(); ++i) expect_same(pooled[i], plain[i]);
    ASSERT_EQ(counts.size(), conds.size());
    for (std::size_t i = 0; i < counts.size(); ++i) EXPECT_EQ(counts[i], i + 1);
}

TEST(ConditionPool, FirstErrorAndCancellationReachTheCaller) {
    const Fixture f = make_fixture();
    std::vector<Condition> conds = study_conditions(*f.model, "label", 0);
    StudyOptions o;
    o.chains = 3;
    o.steps = 4;
    conds[4].bias.class_a = 99;  // no such class: run_condition throws
    EXPECT_THROW(run_conditions(f.g, f.classifier, conds, o, 2, nullptr, {}), ArgumentError);
    conds = study_conditions(*f.model, "label", 0);
    TaskState cancelled;
    cancelled.request_cancel();
    EXPECT_THROW(run_conditions(f.g, f.classifier, conds, o, 2, &cancelled, {}), CancelledError);
}
