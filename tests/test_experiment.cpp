#include <gtest/gtest.h>

#include <filesystem>

#include "experiment/study_file.hpp"
#include "experiment/study_report.hpp"
#include "util/errors.hpp"
#include "test_support.hpp"
#include "tiny_model_fixture.hpp"
#include "train/finalize.hpp"
#include "train/trainer.hpp"

using namespace topdown;

namespace {
struct Tiny {
    std::shared_ptr<Dbn> model;
    StateClassifier classifier;
};
Tiny tiny() {
    auto m = test::tiny_finalized_mnist_model();
    CnnShape s;
    s.conv1 = 4;
    s.conv2 = 4;
    s.hidden = 8;
    return {m, StateClassifier(Cnn(s, CnnParams::init(s, 3)), m->class_names, "mnist")};
}
}  // namespace

TEST(Experiment, EndToEndWritesEveryFileAndIsReproducibleAndShardable) {
    const Tiny t = tiny();
    const auto g = prepare_generation_model(t.model);
    StudyOptions o;
    o.chains = 3;
    o.steps = 6;
    o.seed = 42;
    const auto conds = study_conditions(*t.model, "all", 0);
    ASSERT_EQ(conds.size(), 10u + 45u + 45u + 10u);
    std::vector<ConditionResult> a, b;
    for (const auto& c : conds) a.push_back(run_condition(g, t.classifier, c, o));
    for (const auto& c : conds) b.push_back(run_condition(g, t.classifier, c, o));
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i].states, b[i].states) << conds[i].id;
        ASSERT_EQ(a[i].energy_mean, b[i].energy_mean);
        ASSERT_EQ(a[i].hidden_mean, b[i].hidden_mean);
    }
    // A condition's result does not depend on the shard it runs in: round trip through shard files.
    test::TempDir d;
    std::vector<ConditionResult> even, odd;
    for (std::size_t i = 0; i < a.size(); ++i) (i % 2 ? odd : even).push_back(run_condition(g, t.classifier, conds[i], o));
    save_study_results(d.file("s0.tds"), even, {{"shard", 0}});
    save_study_results(d.file("s1.tds"), odd, {{"shard", 1}});
    const auto e2 = load_study_results(d.file("s0.tds")), o2 = load_study_results(d.file("s1.tds"));
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto& r = (i % 2 ? o2[i / 2] : e2[i / 2]);
        ASSERT_EQ(r.condition.id, a[i].condition.id);
        ASSERT_EQ(r.states, a[i].states);
        ASSERT_EQ(r.energy_mean, a[i].energy_mean);
    }
    const nlohmann::json j = write_study_outputs(d.file("out"), a, *t.model, {{"seed", 42}});
    for (const char* f : {"results.json", "metrics.csv", "transitions.csv", "energy.csv", "pca.csv", "report.md",
                          "visited_states.png", "transition_label.png", "transition_intersection.png", "state_time.png",
                          "energy_per_layer.png", "pca_trajectories.png", "filmstrips.png", "visited_states.svg",
                          "visited_states.csv", "energy_per_layer.csv", "filmstrips.svg"})
        EXPECT_TRUE(std::filesystem::file_size(d.file(std::string("out/") + f)) > 100) << f;
    EXPECT_EQ(j["conditions"].size(), a.size());
    EXPECT_TRUE(j["methods"].contains("intersection"));
    // Writing the same results again gives the same JSON.
    EXPECT_EQ(write_study_outputs(d.file("out2"), b, *t.model, {{"seed", 42}}).dump(), j.dump());
}

TEST(Experiment, RandomControlsMatchChimeraSparsityAndBadStudiesAreRejected) {
    const Tiny t = tiny();
    const auto r = study_conditions(*t.model, "random", 0);
    ASSERT_EQ(r.size(), 10u);
    const auto sizes = intersection_size_matrix(*t.model, t.model->k);
    int lo = 1 << 30, hi = 0;
    for (int a = 0; a < 10; ++a)
        for (int b = a + 1; b < 10; ++b) {
            lo = std::min(lo, std::max(1, sizes(a, b)));
            hi = std::max(hi, sizes(a, b));
        }
    for (const auto& c : r) {
        EXPECT_GE(c.bias.k, lo);
        EXPECT_LE(c.bias.k, hi);
    }
    EXPECT_THROW(study_conditions(*t.model, "everything", 0), ArgumentError);
}
