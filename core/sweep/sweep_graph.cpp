// Building the job graph of a sweep plan.
#include "sweep/sweep_graph.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "experiment/study_memory.hpp"
#include "model/model_file.hpp"
#include "sweep/sweep_cost.hpp"

namespace topdown {

namespace fs = std::filesystem;

const char* stage_name(Stage s) {
    switch (s) {
        case Stage::Train: return "train";
        case Stage::Study: return "study";
        case Stage::Merge: return "merge";
        case Stage::Collect: return "collect";
    }
    return "?";
}

Stage parse_stage(const std::string& name) {
    for (int i = 0; i < kStageCount; ++i)
        if (name == stage_name(Stage(i))) return Stage(i);
    throw ArgumentError("unknown stage '" + name + "' (train, study, merge, collect)");
}

std::vector<const SweepTask*> SweepGraph::stage(Stage s) const {
    std::vector<const SweepTask*> out;
    for (const auto& t : tasks)
        if (t.stage == s) out.push_back(&t);
    return out;
}

const SweepTask* SweepGraph::find(const std::string& id) const {
    for (const auto& t : tasks)
        if (t.id == id) return &t;
    return nullptr;
}

int conditions_of_kind(const std::string& kind, int classes) {
    const int pairs = classes * (classes - 1) / 2;
    if (kind == "label") return classes;
    if (kind == "double" || kind == "intersection") return pairs;
    if (kind == "random") return 10;
    if (kind == "all") return classes + 2 * pairs + 10;
    throw ArgumentError("unknown study kind '" + kind + "'");
}

std::vector<std::string> collect_outputs(const std::string& work) {
    const fs::path d = fs::path(work) / "collect";
    return {(d / "table.csv").string(), (d / "table.md").string(), (d / "figure.png").string(), (d / "figure.svg").string(),
            (d / "figure.csv").string()};
}

namespace {

// The state shared while building the graph: the plan, the graph, per-stage counters and pending merges.
struct GraphBuild {
    const SweepPlan& plan;
    SweepGraph& g;
    fs::path w;
    std::string threads;
    int counters[kStageCount] = {0, 0, 0, 0};
    std::map<std::string, std::vector<std::pair<std::uint64_t, std::string>>> trained;  // name -> (seed, model file)
    std::vector<SweepTask> merges;
    std::vector<std::string> results_files;

    GraphBuild(const SweepPlan& p, SweepGraph& graph) : plan(p), g(graph), w(graph.work_dir), threads(std::to_string(p.threads)) {}
    // Numbers the task within its stage and appends it to the graph.
    void add(SweepTask t) {
        t.index = counters[int(t.stage)]++;
        g.tasks.push_back(std::move(t));
    }
};

// One model a study runs on: a planned training (with its task) or an existing model file.
struct ModelRef {
    std::string group, label, path, dep;
    std::int64_t training_seed;
    std::vector<int> arch;
    int classes;
};

// Adds one training task per training and seed.
void add_trainings(GraphBuild& b) {
    for (const auto& t : b.plan.trainings)
        for (const auto seed : t.seeds) {
            SweepTask k;
            k.stage = Stage::Train;
            k.id = "train/" + t.name + "/seed-" + std::to_string(seed);
            const std::string out = (b.w / "models" / (t.name + "-seed" + std::to_string(seed) + ".tdm")).string();
            k.args = {"train", "--arch", t.arch, "--mode", t.mode, "--recipe", t.recipe, "--dataset", t.dataset,
                      "--seed", std::to_string(seed), "--threads", b.threads, "--out", out};
            if (t.epochs) k.args.insert(k.args.end(), {"--epochs", std::to_string(t.epochs)});
            if (t.batch_size) k.args.insert(k.args.end(), {"--batch-size", std::to_string(t.batch_size)});
            if (t.limit) k.args.insert(k.args.end(), {"--limit", std::to_string(t.limit)});
            if (t.lr > 0) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.9g", t.lr);
                k.args.insert(k.args.end(), {"--lr", buf});
            }
            k.outputs = {out};
            const TaskCost c = training_cost(t, b.plan.threads);
            k.est_seconds = c.seconds;
            k.est_bytes = c.bytes;
            b.trained[t.name].push_back({seed, out});
            b.g.trained_models.push_back(out);
            b.add(std::move(k));
        }
}

// The models a study runs on: every seed of a planned training, or a model file loaded for its shape.
std::vector<ModelRef> study_models(GraphBuild& b, const StudySpec& s) {
    std::vector<ModelRef> models;
    for (const auto& m : s.models) {
        if (const TrainingSpec* t = b.plan.training(m)) {
            for (const auto& [seed, path] : b.trained[m])
                models.push_back({m, m + "-seed" + std::to_string(seed), path,
                                  "train/" + m + "/seed-" + std::to_string(seed), std::int64_t(seed),
                                  parse_architecture(t->arch), 10});
        } else {
            const Dbn d = load_model(m);
            models.push_back({fs::path(m).stem().string(), fs::path(m).stem().string(), m, "", -1, d.architecture(),
                              d.num_classes()});
        }
    }
    return models;
}

// Adds the shard tasks of one study run and queues the merge task that joins them.
void add_sharded_run(GraphBuild& b, const StudySpec& s, const ModelRef& m, const fs::path& run, const std::string& base_id,
                     const std::vector<std::string>& common, int conds, const std::string& merged,
                     const std::vector<std::string>& results) {
    SweepTask mg;
    mg.stage = Stage::Merge;
    mg.id = "merge/" + base_id.substr(6);
    mg.args = {"merge", m.path};
    mg.inputs = {m.path};
    for (int i = 0; i < s.shards; ++i) {
        SweepTask k;
        k.stage = Stage::Study;
        const std::string name = "shard-" + std::to_string(i) + "-of-" + std::to_string(s.shards);
        k.id = base_id + "/" + name;
        k.args = common;
        const std::string dir = (run / "shards").string();
        k.args.insert(k.args.end(), {"--shard", std::to_string(i) + "/" + std::to_string(s.shards), "--out", dir});
        k.inputs = {m.path, s.classifier};
        k.outputs = {(run / "shards" / (name + ".tds")).string()};
        if (!m.dep.empty()) k.deps = {m.dep};
        const int mine = conds / s.shards + (i < conds % s.shards ? 1 : 0);
        const TaskCost c = study_cost(m.arch, m.classes, s.chains, s.steps, mine, false, b.plan.threads);
        k.est_seconds = c.seconds;
        k.est_bytes = c.bytes;
        mg.args.push_back(k.outputs[0]);
        mg.inputs.push_back(k.outputs[0]);
        mg.deps.push_back(k.id);
        b.add(std::move(k));
    }
    mg.args.insert(mg.args.end(), {"--out", merged});
    mg.outputs = results;
    const TaskCost c = merge_cost(m.arch, m.classes, s.chains, s.steps, conds);
    mg.est_seconds = c.seconds;
    mg.est_bytes = c.bytes;
    b.merges.push_back(std::move(mg));
}

// Adds one study run (model x kind x seed): a single task, or shards plus a queued merge.
void add_study_run(GraphBuild& b, const StudySpec& s, const ModelRef& m, const std::string& kind, std::uint64_t seed) {
    const fs::path run = b.w / "studies" / s.name / m.label / kind / ("seed-" + std::to_string(seed));
    const std::string base_id = "study/" + s.name + "/" + m.label + "/" + kind + "/seed-" + std::to_string(seed);
    const int conds = conditions_of_kind(kind, m.classes);
    std::vector<std::string> common = {"experiment", m.path, "--classifier", s.classifier, "--study", kind,
                                       "--chains", std::to_string(s.chains), "--steps", std::to_string(s.steps),
                                       "--seed", std::to_string(seed), "--threads", b.threads};
    if (s.k) common.insert(common.end(), {"--k", std::to_string(s.k)});
    const std::string merged = (run / "merged").string();
    b.g.runs.push_back({s.name, kind, m.group, m.path, m.training_seed, seed, merged});
    const std::vector<std::string> results = {(run / "merged" / "results.tds").string(),
                                              (run / "merged" / "results.json").string()};
    b.results_files.insert(b.results_files.end(), results.begin(), results.end());
    if (s.shards == 1) {
        SweepTask k;
        k.stage = Stage::Study;
        k.id = base_id;
        k.args = common;
        k.args.insert(k.args.end(), {"--out", merged});
        k.inputs = {m.path, s.classifier};
        k.outputs = results;
        if (!m.dep.empty()) k.deps = {m.dep};
        const TaskCost c = study_cost(m.arch, m.classes, s.chains, s.steps, conds, true, b.plan.threads);
        k.est_seconds = c.seconds;
        k.est_bytes = c.bytes;
        b.add(std::move(k));
        return;
    }
    add_sharded_run(b, s, m, run, base_id, common, conds, merged, results);
}

// Adds the final collect task, which depends on every result and trained model.
void add_collect(GraphBuild& b) {
    SweepGraph& g = b.g;
    if (!g.runs.empty() || !g.trained_models.empty()) {
        SweepTask k;
        k.stage = Stage::Collect;
        k.id = "collect";
        k.inputs = b.results_files;
        k.inputs.insert(k.inputs.end(), g.trained_models.begin(), g.trained_models.end());
        k.outputs = collect_outputs(g.work_dir);
        for (const auto& t : g.tasks)
            if (t.stage == Stage::Merge || (t.stage == Stage::Study && t.outputs.size() == 2) ||
                (t.stage == Stage::Train))
                k.deps.push_back(t.id);
        k.est_seconds = 10 + 0.05 * double(g.runs.size() + g.trained_models.size());
        k.est_bytes = 256ull << 20;
        b.add(std::move(k));
    }
}

}  // namespace

SweepGraph build_graph(const SweepPlan& plan, const std::string& work_dir) {
    SweepGraph g;
    g.work_dir = fs::absolute(work_dir).lexically_normal().string();
    GraphBuild b(plan, g);
    // Trainings.
    add_trainings(b);
    // Studies: shards, then merges.
    for (const auto& s : plan.studies) {
        const std::vector<ModelRef> models = study_models(b, s);
        for (const auto& m : models)
            for (const auto& kind : s.kinds)
                for (const auto seed : s.seeds) add_study_run(b, s, m, kind, seed);
    }
    for (auto& m : b.merges) b.add(std::move(m));
    add_collect(b);
    return g;
}

}  // namespace topdown
