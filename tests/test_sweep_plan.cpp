// Sweep plans (issue 19): a good plan parses with its defaults and absolute paths; every kind of bad plan is an
// error that names the field; TOML and JSON give the same plan; the snapshot round-trips.
#include <gtest/gtest.h>

#include <filesystem>

#include "sweep/sweep_graph.hpp"
#include "sweep/sweep_plan.hpp"
#include "test_support.hpp"

namespace topdown {
namespace {

const std::string kModels = std::string(TOPDOWN_SOURCE_DIR) + "/assets/models";

const char* kGood = R"({
  "name": "papers",
  "trainings": [{"name": "idbn", "arch": "784-50-60", "epochs": 2, "limit": 500, "seeds": [1, 2, 3]}],
  "studies": [{"name": "main", "models": ["idbn", "rbm_mnist.tdm"], "kinds": ["label", "all"],
               "classifier": "classifier_mnist.tdc", "chains": 10, "steps": 20, "seeds": [7], "shards": 4}]
})";

SweepPlan parse(const std::string& text) { return parse_plan_text(text, false, kModels, "plan.json"); }

// The error message of parsing `text`, or "" when it parses.
std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const PlanError& e) {
        return e.what();
    }
    return "";
}

// kGood with `from` replaced by `to`.
std::string good_with(const std::string& from, const std::string& to) {
    std::string s = kGood;
    const auto p = s.find(from);
    EXPECT_NE(p, std::string::npos) << from;
    return s.replace(p, from.size(), to);
}

TEST(SweepPlan, GoodPlanParsesWithDefaultsAndAbsolutePaths) {
    const SweepPlan p = parse(kGood);
    EXPECT_EQ(p.name, "papers");
    EXPECT_EQ(p.work_dir, kModels + "/papers-work");
    EXPECT_EQ(p.threads, 1);
    EXPECT_EQ(p.retries, 1);
    ASSERT_EQ(p.trainings.size(), 1u);
    const auto& t = p.trainings[0];
    EXPECT_EQ(t.arch, "784-50-60");
    EXPECT_EQ(t.mode, "iterative");
    EXPECT_EQ(t.recipe, "idbn2025");
    EXPECT_EQ(t.dataset, "mnist");
    EXPECT_EQ(t.epochs, 2);
    EXPECT_EQ(t.limit, 500u);
    EXPECT_EQ(t.seeds, (std::vector<std::uint64_t>{1, 2, 3}));
    ASSERT_EQ(p.studies.size(), 1u);
    const auto& s = p.studies[0];
    EXPECT_EQ(s.models, (std::vector<std::string>{"idbn", kModels + "/rbm_mnist.tdm"}));
    EXPECT_EQ(s.classifier, kModels + "/classifier_mnist.tdc");
    EXPECT_EQ(s.kinds, (std::vector<std::string>{"label", "all"}));
    EXPECT_EQ(s.shards, 4);
    EXPECT_EQ(s.chains, 10);
    EXPECT_EQ(s.steps, 20);
    EXPECT_EQ(s.seeds, (std::vector<std::uint64_t>{7}));
}

TEST(SweepPlan, BadPlansAreErrorsNamingTheField) {
    struct Case {
        std::string text, expected;
    };
    const std::vector<Case> cases = {
        {"{not json", "plan.json: not valid JSON"},
        {"[1, 2]", "plan.json: plan: expected an object"},
        {"{}", "names no trainings and no studies"},
        {good_with("\"epochs\"", "\"epoch\""), "trainings[0]: unknown key 'epoch'"},
        {good_with("\"seeds\": [1, 2, 3]", "\"seeds\": []"), "trainings[0].seeds: expected a non-empty list"},
        {good_with("\"seeds\": [1, 2, 3]", "\"seeds\": [1, 2, 1]"), "trainings[0].seeds: seed 1 appears twice"},
        {good_with("\"seeds\": [1, 2, 3]", "\"seeds\": [1, -2]"), "trainings[0].seeds: every seed must be a whole number >= 0"},
        {good_with("\"seeds\": [1, 2, 3]", "\"seeds\": [1.5]"), "trainings[0].seeds: every seed"},
        {good_with(", \"seeds\": [1, 2, 3]", ""), "trainings[0]: 'seeds' is required"},
        {good_with("784-50-60", "784-x-60"), "trainings[0].arch: '784-x-60' is not a list of layer sizes"},
        {good_with("784-50-60", "784"), "trainings[0].arch"},
        {good_with("\"epochs\": 2", "\"epochs\": 0"), "trainings[0].epochs: must be between 1 and 100000"},
        {good_with("\"epochs\": 2", "\"epochs\": \"2\""), "trainings[0].epochs: expected a whole number"},
        {good_with("\"name\": \"idbn\"", "\"name\": \"a/b\""), "trainings[0].name: 'a/b' must be"},
        {good_with("\"name\": \"main\"", "\"name\": \"idbn\""), "studies[0].name: 'idbn' is used twice"},
        {good_with("\"all\"", "\"everything\""), "studies[0].kinds: 'everything' is not a study kind"},
        {good_with("\"rbm_mnist.tdm\"", "\"nope.tdm\""), "studies[0].models: 'nope.tdm' is neither a training"},
        {good_with("\"rbm_mnist.tdm\"", "\"idbn\""), "studies[0].models: 'idbn' appears twice"},
        {good_with("classifier_mnist.tdc", "missing.tdc"), "studies[0].classifier: no such file"},
        {good_with("\"shards\": 4", "\"shards\": 0"), "studies[0].shards: must be between 1 and 4096"},
        {good_with("\"chains\": 10", "\"chains\": 100001"), "studies[0].chains: must be between 1 and 100000"},
        {good_with("\"name\": \"papers\"", "\"name\": \"papers\", \"threads\": 0"), "plan.threads: must be between 1 and 256"},
        {good_with("\"name\": \"papers\"", "\"name\": \"papers\", \"worker\": 3"), "plan: unknown key 'worker'"},
    };
    for (const auto& c : cases) {
        const std::string e = error_of(c.text);
        EXPECT_NE(e.find(c.expected), std::string::npos) << "plan:\n" << c.text << "\nerror: '" << e << "'\nexpected: " << c.expected;
    }
}

TEST(SweepPlan, SnapshotRoundTrips) {
    const SweepPlan p = parse(kGood);
    const SweepPlan q = plan_from_json(plan_to_json(p), "/elsewhere", "snapshot");
    EXPECT_EQ(plan_to_json(q).dump(), plan_to_json(p).dump());
    EXPECT_EQ(q.work_dir, p.work_dir);  // absolute paths do not move with the base folder
}

TEST(SweepPlan, TomlGivesTheSamePlanAsJson) {
    if (!plan_toml_supported()) GTEST_SKIP() << "built without toml++";
    const std::string toml = R"(name = "papers"

[[trainings]]
name = "idbn"
arch = "784-50-60"
epochs = 2
limit = 500
seeds = [1, 2, 3]

[[studies]]
name = "main"
models = ["idbn", "rbm_mnist.tdm"]
kinds = ["label", "all"]
classifier = "classifier_mnist.tdc"
chains = 10
steps = 20
seeds = [7]
shards = 4
)";
    const SweepPlan t = parse_plan_text(toml, true, kModels, "plan.toml");
    EXPECT_EQ(plan_to_json(t).dump(), plan_to_json(parse(kGood)).dump());
    try {
        parse_plan_text("name = \"x\"\n[[trainings]\nname = 1\n", true, kModels, "bad.toml");
        FAIL() << "a TOML syntax error parsed";
    } catch (const PlanError& e) {
        EXPECT_NE(std::string(e.what()).find("bad.toml:2:"), std::string::npos) << e.what();
    }
    // Checks apply to TOML too.
    EXPECT_THROW(parse_plan_text("[[trainings]]\nname = \"a\"\nseeds = [1]\nepochz = 3\n", true, kModels, "t.toml"), PlanError);
}

TEST(SweepPlan, LoadPlanReadsFilesByExtension) {
    test::TempDir d;
    const std::string text = good_with("\"rbm_mnist.tdm\"", "\"" + kModels + "/rbm_mnist.tdm\"");
    std::string with_classifier = text;
    const auto p = with_classifier.find("classifier_mnist.tdc");
    with_classifier.replace(p, std::string("classifier_mnist.tdc").size(), kModels + "/classifier_mnist.tdc");
    {
        std::FILE* f = std::fopen(d.file("p.json").c_str(), "w");
        std::fputs(with_classifier.c_str(), f);
        std::fclose(f);
    }
    const SweepPlan plan = load_plan(d.file("p.json"));
    EXPECT_EQ(plan.work_dir, std::filesystem::weakly_canonical(d.path / "papers-work").string());
    std::filesystem::copy_file(d.file("p.json"), d.file("p.yaml"));
    EXPECT_THROW(load_plan(d.file("p.yaml")), PlanError);
}

}  // namespace
}  // namespace topdown

namespace topdown {
namespace {

// The README's plan (docs/sweeps/papers-5-seeds.toml) stays valid: 10 trainings, 2 models x 5 seeds x 10 shards,
// 10 merges, 1 collect.
TEST(SweepPlan, ReadmePlanBuildsItsGraph) {
    if (!plan_toml_supported()) GTEST_SKIP() << "built without toml++";
    const SweepPlan p = load_plan(std::string(TOPDOWN_SOURCE_DIR) + "/docs/sweeps/papers-5-seeds.toml");
    const SweepGraph g = build_graph(p, "/tmp/never-written");
    EXPECT_EQ(g.stage(Stage::Train).size(), 10u);
    EXPECT_EQ(g.stage(Stage::Study).size(), 100u);
    EXPECT_EQ(g.stage(Stage::Merge).size(), 10u);
    EXPECT_EQ(g.stage(Stage::Collect).size(), 1u);
}

}  // namespace
}  // namespace topdown
