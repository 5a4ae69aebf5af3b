// The job graph of a sweep (issue 19): which tasks exist, their commands, dependencies and stage indices;
// the Slurm array / request / script and the GNU parallel job list built from it.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "experiment/study.hpp"
#include "model/model_file.hpp"
#include "sweep/sweep_graph.hpp"
#include "sweep/sweep_manifest.hpp"
#include "sweep/sweep_parallel.hpp"
#include "sweep/sweep_slurm.hpp"
#include "test_support.hpp"

namespace topdown {
namespace {

const std::string kModels = std::string(TOPDOWN_SOURCE_DIR) + "/assets/models";

SweepPlan two_models_plan(int shards) {
    const std::string text = R"({"name": "g",
      "trainings": [{"name": "t", "arch": "784-50-60", "epochs": 2, "seeds": [1, 2]}],
      "studies": [{"name": "s", "models": ["t", "idbn_mnist.tdm"], "kinds": ["label", "intersection"],
                   "classifier": "classifier_mnist.tdc", "chains": 3, "steps": 4, "seeds": [7], "shards": )" +
                             std::to_string(shards) + "}]}";
    return parse_plan_text(text, false, kModels, "plan.json");
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(SweepGraph, TasksStagesAndDependencies) {
    const SweepGraph g = build_graph(two_models_plan(3), "/w");
    // 2 trainings; (2 trained + 1 given) models x 2 kinds x 1 seed x 3 shards; a merge per run; one collect.
    ASSERT_EQ(g.stage(Stage::Train).size(), 2u);
    ASSERT_EQ(g.stage(Stage::Study).size(), 18u);
    ASSERT_EQ(g.stage(Stage::Merge).size(), 6u);
    ASSERT_EQ(g.stage(Stage::Collect).size(), 1u);
    EXPECT_EQ(g.runs.size(), 6u);
    // Indices run 0..n-1 within each stage (Slurm array indices), and the stages come in order.
    for (int s = 0; s < kStageCount; ++s) {
        const auto t = g.stage(Stage(s));
        for (std::size_t i = 0; i < t.size(); ++i) EXPECT_EQ(t[i]->index, int(i));
    }
    std::map<std::string, int> stage_of;
    for (const auto& t : g.tasks) stage_of[t.id] = int(t.stage);
    for (const auto& t : g.tasks)
        for (const auto& d : t.deps) {
            ASSERT_TRUE(stage_of.count(d)) << t.id << " needs unknown " << d;
            EXPECT_LT(stage_of[d], int(t.stage)) << t.id << " after " << d;
        }
    const SweepTask* train = g.find("train/t/seed-2");
    ASSERT_NE(train, nullptr);
    EXPECT_TRUE(has(train->args, "--seed") && has(train->args, "2") && has(train->args, "--epochs"));
    EXPECT_EQ(train->outputs, std::vector<std::string>{"/w/models/t-seed2.tdm"});
    // A shard of a trained model waits for its training and runs `experiment --shard i/n`.
    const SweepTask* shard = g.find("study/s/t-seed2/intersection/seed-7/shard-1-of-3");
    ASSERT_NE(shard, nullptr);
    EXPECT_EQ(shard->deps, std::vector<std::string>{"train/t/seed-2"});
    EXPECT_EQ(shard->args[0], "experiment");
    EXPECT_EQ(shard->args[1], "/w/models/t-seed2.tdm");
    EXPECT_TRUE(has(shard->args, "1/3") && has(shard->args, "intersection"));
    EXPECT_EQ(shard->outputs, std::vector<std::string>{"/w/studies/s/t-seed2/intersection/seed-7/shards/shard-1-of-3.tds"});
    // A shard of a given model waits for nothing.
    const SweepTask* given = g.find("study/s/idbn_mnist/label/seed-7/shard-0-of-3");
    ASSERT_NE(given, nullptr);
    EXPECT_TRUE(given->deps.empty());
    EXPECT_EQ(given->args[1], kModels + "/idbn_mnist.tdm");
    // The merge lists its three shards in order and waits for them.
    const SweepTask* merge = g.find("merge/s/t-seed1/label/seed-7");
    ASSERT_NE(merge, nullptr);
    ASSERT_EQ(merge->deps.size(), 3u);
    for (int i = 0; i < 3; ++i) {
        const std::string f = "/w/studies/s/t-seed1/label/seed-7/shards/shard-" + std::to_string(i) + "-of-3.tds";
        EXPECT_EQ(merge->args[std::size_t(2 + i)], f);
        EXPECT_EQ(merge->deps[std::size_t(i)], "study/s/t-seed1/label/seed-7/shard-" + std::to_string(i) + "-of-3");
    }
    // Collect waits for every merge and training.
    const SweepTask* collect = g.find("collect");
    ASSERT_NE(collect, nullptr);
    EXPECT_EQ(collect->deps.size(), 8u);
}

TEST(SweepGraph, UnshardedStudiesNeedNoMerge) {
    const SweepGraph g = build_graph(two_models_plan(1), "/w");
    EXPECT_EQ(g.stage(Stage::Study).size(), 6u);
    EXPECT_TRUE(g.stage(Stage::Merge).empty());
    const SweepTask* t = g.find("study/s/t-seed1/label/seed-7");
    ASSERT_NE(t, nullptr);
    EXPECT_FALSE(has(t->args, "--shard"));
    EXPECT_EQ(t->outputs[0], "/w/studies/s/t-seed1/label/seed-7/merged/results.tds");
    EXPECT_EQ(g.find("collect")->deps.size(), 8u);  // 6 studies + 2 trainings
}

TEST(SweepGraph, ConditionCountsMatchTheStudy) {
    const Dbn model = load_model(kModels + "/idbn_mnist.tdm");
    for (const char* kind : {"label", "double", "intersection", "random", "all"})
        EXPECT_EQ(conditions_of_kind(kind, model.num_classes()), int(study_conditions(model, kind).size())) << kind;
}

TEST(SweepSlurm, ArraySpecAndTime) {
    EXPECT_EQ(slurm_array_spec({0, 1, 2, 5, 7, 8}, 4), "0-2,5,7-8%4");
    EXPECT_EQ(slurm_array_spec({3}, 0), "3");
    EXPECT_EQ(slurm_array_spec({0, 2, 4}, 0), "0,2,4");
    EXPECT_EQ(slurm_time(5), "0-00:05:00");
    EXPECT_EQ(slurm_time(1500), "1-01:00:00");
}

TEST(SweepSlurm, RequestsScaleWithMeasuredCosts) {
    test::TempDir d;
    SweepGraph g;
    g.work_dir = d.path.string();
    for (int i = 0; i < 2; ++i) {
        SweepTask t;
        t.id = "study/x/" + std::to_string(i);
        t.stage = Stage::Study;
        t.index = i;
        t.args = {"experiment", std::to_string(i)};
        t.outputs = {d.file("out" + std::to_string(i))};
        t.est_seconds = 100;
        t.est_bytes = 100ull << 20;
        g.tasks.push_back(t);
    }
    const Manifest m(g.work_dir);
    // Nothing measured: the estimate with head room: time 100 s x 3 + 2 min = 7 min, memory 150 MiB -> 192 MiB,
    // at least 256 MiB.
    SlurmRequest r = slurm_request(g, Stage::Study, m, 2);
    EXPECT_EQ(r.indices, (std::vector<int>{0, 1}));
    EXPECT_EQ(r.minutes, 7);
    EXPECT_EQ(r.mem_mb, 256u);
    EXPECT_EQ(r.cpus, 2);
    // Task 0 finished, measured 4x the time and 3x the memory: task 1 asks for 100 x 4 x 3 + 120 s = 22 min and
    // 100 MiB x 3 x 1.5 = 450 MiB -> 512 MiB (whole 64 MiB).
    {
        std::FILE* f = std::fopen(g.tasks[0].outputs[0].c_str(), "w");
        std::fputs("x", f);
        std::fclose(f);
    }
    m.write(m.done_entry(g.tasks[0], 400, 300 * 1024, 1));
    r = slurm_request(g, Stage::Study, m, 1);
    EXPECT_EQ(r.indices, std::vector<int>{1});
    EXPECT_EQ(r.measured, 1);
    EXPECT_DOUBLE_EQ(r.time_factor, 4);
    EXPECT_DOUBLE_EQ(r.mem_factor, 3);
    EXPECT_EQ(r.minutes, 22);
    EXPECT_EQ(r.mem_mb, 512u);
    BackendOptions o;
    o.cli = "/opt/td/topdown-cli";
    o.plan_snapshot = g.work_dir + "/plan.json";
    o.throttle = 3;
    o.partition = "short";
    const std::string script = slurm_script(g, Stage::Study, r, o, "x");
    for (const std::string line : {"#SBATCH --array=1%3\n", "#SBATCH --mem=512M\n", "#SBATCH --time=0-00:22:00\n",
                                   "#SBATCH --partition=short\n", "#SBATCH --cpus-per-task=1\n",
                                   "--stage study --index \"$SLURM_ARRAY_TASK_ID\"\n", "#SBATCH --kill-on-invalid-dep=yes\n"})
        EXPECT_NE(script.find(line), std::string::npos) << line << "\n" << script;
}

TEST(SweepParallel, JobListHasEveryTaskOfTheStage) {
    const SweepGraph g = build_graph(two_models_plan(3), "/w");
    BackendOptions o;
    o.cli = "/b/topdown-cli";
    o.plan_snapshot = "/w/plan.json";
    o.workers = 3;
    o.sshloginfile = "/h/hosts";
    const std::string list = parallel_job_list(g, Stage::Study, o);
    EXPECT_EQ(std::count(list.begin(), list.end(), '\n'), 18);
    EXPECT_NE(list.find("/b/topdown-cli sweep task /w/plan.json --work /w --id study/s/idbn_mnist/label/seed-7/shard-2-of-3\n"),
              std::string::npos)
        << list;
    const auto argv = parallel_argv(g, Stage::Merge, o);
    const std::vector<std::string> expected = {"parallel", "--will-cite", "--jobs", "3", "--joblog", "/w/parallel/merge.joblog",
                                               "--resume-failed", "--sshloginfile", "/h/hosts", "--arg-file",
                                               "/w/parallel/merge.jobs"};
    EXPECT_EQ(argv, expected);
    EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
    EXPECT_EQ(shell_quote("/a/b-c"), "/a/b-c");
}

}  // namespace
}  // namespace topdown
