// The sweep manifest and task runner (issue 19): a task is skipped only while its command and the SHA-256 of
// its inputs and outputs are unchanged; a failing task is retried and recorded by name; collect's table has
// the right statistics for hand-made results.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "sweep/sweep_collect.hpp"
#include "sweep/sweep_manifest.hpp"
#include "sweep/sweep_task.hpp"
#include "test_support.hpp"

namespace topdown {
namespace {

namespace fs = std::filesystem;

using test::write_file;

SweepTask one_task(const test::TempDir& d) {
    SweepTask t;
    t.id = "study/a/b";
    t.stage = Stage::Study;
    t.args = {"experiment", "m.tdm"};
    t.inputs = {d.file("in.tdm")};
    t.outputs = {d.file("out/o.tds")};
    return t;
}

TEST(SweepManifest, FinishedOnlyWhileEverySha256Matches) {
    test::TempDir d;
    const Manifest m(d.path.string());
    SweepTask t = one_task(d);
    write_file(t.inputs[0], "model");
    write_file(t.outputs[0], "abc");
    std::string why;
    EXPECT_FALSE(m.is_done(t, &why));
    EXPECT_EQ(why, "never finished");
    const ManifestEntry e = m.done_entry(t, 1.5, 2048, 1);
    EXPECT_EQ(e.outputs.at(t.outputs[0]), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // SHA-256("abc")
    m.write(e);
    EXPECT_TRUE(m.is_done(t, &why)) << why;
    const auto back = m.read(t.id);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->command, "experiment m.tdm");
    EXPECT_EQ(back->max_rss_kb, 2048);
    EXPECT_DOUBLE_EQ(back->wall_seconds, 1.5);
    // A changed output, a missing output, a changed input, a changed command: not finished.
    write_file(t.outputs[0], "abd");
    EXPECT_FALSE(m.is_done(t, &why));
    EXPECT_NE(why.find("changed since the task finished"), std::string::npos) << why;
    write_file(t.outputs[0], "abc");
    EXPECT_TRUE(m.is_done(t));
    fs::remove(t.outputs[0]);
    EXPECT_FALSE(m.is_done(t, &why));
    EXPECT_NE(why.find("is missing"), std::string::npos) << why;
    write_file(t.outputs[0], "abc");
    write_file(t.inputs[0], "retrained model");
    EXPECT_FALSE(m.is_done(t));
    write_file(t.inputs[0], "model");
    EXPECT_TRUE(m.is_done(t));
    SweepTask other = t;
    other.args.push_back("--seed");
    EXPECT_FALSE(m.is_done(other, &why));
    EXPECT_EQ(why, "its command changed");
    // A damaged entry counts as none; a failed entry is not finished.
    write_file(m.entry_path(t.id), "{\"id\": ");
    EXPECT_FALSE(m.is_done(t, &why));
    EXPECT_EQ(why, "never finished");
    ManifestEntry f = e;
    f.status = "failed";
    f.error = "exit status 3";
    m.write(f);
    EXPECT_FALSE(m.is_done(t, &why));
    EXPECT_EQ(why, "failed: exit status 3");
}

// A stand-in for topdown-cli: the first call fails (and leaves a marker), later calls write the output.
std::string flaky_cli(const test::TempDir& d) {
    const std::string path = d.file("flaky-cli.sh");
    write_file(path, "#!/bin/sh\n# args: experiment OUT MARKER\nif [ ! -f \"$3\" ]; then : > \"$3\"; echo first call fails >&2; exit 3; fi\n"
              "printf 'result' > \"$2\"\n");
    ::chmod(path.c_str(), 0755);
    return path;
}

TEST(SweepTaskRunner, FailedAttemptIsRetriedAndRecorded) {
    test::TempDir d;
    SweepPlan plan;
    plan.retries = 1;
    SweepGraph g;
    g.work_dir = d.path.string();
    SweepTask t;
    t.id = "study/flaky";
    t.stage = Stage::Study;
    t.args = {"experiment", d.file("o/result.tds"), d.file("marker")};
    t.outputs = {d.file("o/result.tds")};
    g.tasks.push_back(t);
    const std::string cli = flaky_cli(d);
    TaskRunResult r = run_sweep_task(plan, g, t, cli);
    EXPECT_TRUE(r.ok) << r.message;
    EXPECT_FALSE(r.skipped);
    EXPECT_NE(r.message.find("(attempt 2)"), std::string::npos) << r.message;
    const auto e = Manifest(g.work_dir).read(t.id);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->status, "done");
    EXPECT_EQ(e->attempts, 2);
    // The log holds the failed attempt's message.
    std::ifstream log(task_log_path(g.work_dir, t.id));
    const std::string text((std::istreambuf_iterator<char>(log)), {});
    EXPECT_NE(text.find("first call fails"), std::string::npos);
    // Run again: skipped, nothing started (the marker is gone, so a start would fail).
    fs::remove(d.file("marker"));
    r = run_sweep_task(plan, g, t, cli);
    EXPECT_TRUE(r.ok && r.skipped) << r.message;
}

TEST(SweepTaskRunner, FailureWithoutRetriesIsReportedByName) {
    test::TempDir d;
    SweepPlan plan;
    plan.retries = 0;
    SweepGraph g;
    g.work_dir = d.path.string();
    SweepTask t;
    t.id = "train/x/seed-1";
    t.stage = Stage::Train;
    t.args = {"experiment", d.file("o.tdm"), d.file("marker")};
    t.outputs = {d.file("o.tdm")};
    SweepTask later;
    later.id = "study/after";
    later.stage = Stage::Study;
    later.args = {"experiment", d.file("o2"), d.file("marker2")};
    later.outputs = {d.file("o2")};
    later.deps = {t.id};
    g.tasks = {t, later};
    const std::string cli = flaky_cli(d);
    TaskRunResult r = run_sweep_task(plan, g, t, cli);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.message.rfind("train/x/seed-1: FAILED: exit status 3 (log: ", 0), 0u) << r.message;
    const auto e = Manifest(g.work_dir).read(t.id);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->status, "failed");
    // Its dependent refuses to start.
    r = run_sweep_task(plan, g, later, cli);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.message.find("needs train/x/seed-1, which is not finished"), std::string::npos) << r.message;
    EXPECT_FALSE(fs::exists(d.file("marker2")));
    // Resubmitted, the failed task runs again (and now succeeds).
    EXPECT_TRUE(run_sweep_task(plan, g, t, cli).ok);
}

TEST(SweepCollect, TableHasSeedStatisticsAndPapersValues) {
    test::TempDir d;
    const std::string models = std::string(TOPDOWN_SOURCE_DIR) + "/assets/models";
    const std::string text = R"({"name": "c", "studies": [{"name": "s", "models": ["idbn_mnist.tdm"], "kinds": ["label"],
        "classifier": "classifier_mnist.tdc", "seeds": [1, 2, 3]}]})";
    const SweepPlan plan = parse_plan_text(text, false, models, "plan.json");
    const SweepGraph g = build_graph(plan, d.path.string());
    ASSERT_EQ(g.runs.size(), 3u);
    // Hand-made results: visited states 2, 3, 7 (mean 4, SD sqrt(7), t(0.975, 2) = 4.302653: half width
    // 4.302653 * sqrt(7) / sqrt(3) = 6.572411).
    const double visited[3] = {2, 3, 7};
    for (int i = 0; i < 3; ++i) {
        nlohmann::json m = {{"visited_states", {{"mean", visited[i]}, {"sem", 0.1}, {"n", 10}}},
                            {"transitions", {{"mean", 1.0 + i}, {"sem", 0}, {"n", 10}}},
                            {"non_class_time", {{"mean", 10.0}, {"sem", 0}, {"n", 10}}},
                            {"distance_to_identity", 0.5},
                            {"between_class_probability", 0.01 * (i + 1)}};
        write_file(g.runs[std::size_t(i)].results_dir + "/results.json", nlohmann::json{{"methods", {{"label", m}}}}.dump());
    }
    const auto rows = collect_sweep(plan, g);
    ASSERT_EQ(rows.size(), 5u);
    const CollectRow& v = rows[0];
    EXPECT_EQ(v.metric, "visited_states");
    EXPECT_EQ(v.model, "idbn_mnist");
    EXPECT_EQ(v.values, (std::vector<double>{2, 3, 7}));
    EXPECT_DOUBLE_EQ(v.stats.mean, 4);
    EXPECT_NEAR(v.stats.sd, std::sqrt(7.0), 1e-12);
    EXPECT_NEAR(v.stats.ci_low, 4 - 6.572411, 1e-5);
    EXPECT_NEAR(v.stats.ci_high, 4 + 6.572411, 1e-5);
    EXPECT_EQ(rows[3].metric, "distance_to_identity");
    EXPECT_EQ(rows[3].paper, "0.811 (iDBN 2025)");
    EXPECT_EQ(rows[3].stats.sd, 0);
    // The CSV line, as written.
    std::ifstream csv(collect_outputs(g.work_dir)[0]);
    std::string header, line;
    std::getline(csv, header);
    std::getline(csv, line);
    EXPECT_EQ(header, "study,model,kind,method,metric,n,mean,sd,ci95_low,ci95_high,paper,values");
    EXPECT_EQ(line.rfind("s,idbn_mnist,label,label,visited_states,3,4,2.64575131,-2.5724", 0), 0u) << line;
    EXPECT_NE(line.find(",-,2;3;7"), std::string::npos) << line;
    EXPECT_TRUE(fs::is_regular_file(collect_outputs(g.work_dir)[2]));
    // A missing run is an error, not a silently shorter table.
    fs::remove(g.runs[1].results_dir + "/results.json");
    EXPECT_THROW(collect_rows(plan, g), IoError);
}

}  // namespace
}  // namespace topdown
