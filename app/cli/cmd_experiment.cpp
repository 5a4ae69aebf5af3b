// topdown-cli experiment / merge: the papers' batch studies, optionally split into shards.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "classify/state_classifier.hpp"
#include "commands.hpp"
#include "figure_options.hpp"
#include "experiment/study_census.hpp"
#include "experiment/study_file.hpp"
#include "experiment/condition_pool.hpp"
#include "experiment/study_memory.hpp"
#include "experiment/study_merge.hpp"
#include "experiment/study_report.hpp"
#include "model/model_file.hpp"
#include "util/checksum.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"
#include "util/progress.hpp"

namespace topdown::cli {

namespace {
struct ExperimentArgs {
    std::string model, classifier, study = "all", out, shard;
    StudyOptions o;
    int k = 0;
    FigureArgs figures;
    bool no_census = false;
};

void run_experiment(const ExperimentArgs& a) {
    namespace fs = std::filesystem;
    auto dbn = std::make_shared<Dbn>(load_model(a.model));
    const StateClassifier clf = load_classifier(a.classifier);
    if (clf.num_classes() != dbn->num_classes())
        throw ArgumentError("the classifier (" + std::to_string(clf.num_classes()) + " classes) does not match the model (" +
                            std::to_string(dbn->num_classes()) + " classes)");
    const auto g = prepare_generation_model(dbn);
    auto conds = study_conditions(*dbn, a.study, a.k);
    int shard = 0, shards = 1;
    if (!a.shard.empty()) {
        const auto slash = a.shard.find('/');
        const std::string si = a.shard.substr(0, slash), sn = slash == std::string::npos ? "" : a.shard.substr(slash + 1);
        auto digits = [](const std::string& t) {
            return !t.empty() && t.size() <= 4 && t.find_first_not_of("0123456789") == std::string::npos;
        };
        if (!digits(si) || !digits(sn) || std::stoi(sn) < 1 || std::stoi(si) >= std::stoi(sn))
            throw ArgumentError("--shard must be i/n with 0 <= i < n, e.g. 0/4");
        shard = std::stoi(si);
        shards = std::stoi(sn);
    }
    std::vector<Condition> mine;
    for (std::size_t i = 0; i < conds.size(); ++i)
        if (int(i % std::size_t(shards)) == shard) mine.push_back(conds[i]);
    // Refuse chains x steps that cannot fit in memory before allocating anything large.
    check_study_memory(dbn->architecture(), dbn->num_classes(), a.o.chains, a.o.steps, mine.size(), shards == 1,
                       study_memory_limit());
    std::printf("study '%s': %zu conditions (shard %d/%d: %zu), %d chains x %d steps, seed %llu\n", a.study.c_str(),
                conds.size(), shard, shards, mine.size(), a.o.chains, a.o.steps, static_cast<unsigned long long>(a.o.seed));
    std::fflush(stdout);
    fs::create_directories(a.out);
    ProgressBar bar("experiment", double(mine.size()), stdout);
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<ConditionResult> results;
    CensusIndex census;
    StudyOptions o = a.o;
    if (!a.no_census && shards == 1) {  // shard files keep no census
        try {
            census = model_census_index(*dbn, data_dir(), a.o.seed, 1000, a.o.threads);
            o.census = &census;
        } catch (const DataError& e) {
            std::printf("no attractor census: %s\n", e.what());
        }
    }
    // Conditions side by side when the memory allows one more condition per extra worker.
    int workers = condition_workers(o.threads, mine.size());
    const StudyMemory need = estimate_study_memory(dbn->architecture(), dbn->num_classes(), o.chains, o.steps, mine.size(), shards == 1);
    while (workers > 1 && need.total + std::uint64_t(workers - 1) * need.per_condition > study_memory_limit()) --workers;
    results = run_conditions(g, clf, mine, o, workers, &interrupt_task(),
                             [&](std::size_t done, const Condition& c) { bar.update(double(done), c.title); });
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    bar.finish(std::to_string(mine.size()) + " conditions");
    nlohmann::json meta = {{"study", a.study}, {"chains", a.o.chains}, {"steps", a.o.steps}, {"seed", a.o.seed}, {"k", a.k},
                           {"model", a.model}, {"model_sha256", sha256_file(a.model)}, {"classifier", a.classifier},
                           {"classifier_sha256", sha256_file(a.classifier)}, {"conditions_total", conds.size()},
                           {"created", iso8601_now()}, {"wall_seconds", secs}};
    if (shards > 1) {
        meta["shard"] = shard;
        meta["shards"] = shards;
        const std::string path = (fs::path(a.out) / ("shard-" + std::to_string(shard) + "-of-" + std::to_string(shards) + ".tds")).string();
        save_study_results(path, results, meta);
        std::printf("wrote %s (merge the shards with `topdown-cli merge`)\n", path.c_str());
        return;
    }
    save_study_results((fs::path(a.out) / "results.tds").string(), results, meta);
    write_study_outputs(a.out, results, *dbn, meta, a.figures.options());
    std::printf("wrote %s/{report.md, results.json, metrics.csv, transitions.csv, energy.csv, pca.csv} and the figures "
                "(%s, each with a CSV) in %.1f s\n",
                a.out.c_str(), a.figures.formats.c_str(), secs);
}
}  // namespace

void register_experiment_command(CLI::App& app) {
    static ExperimentArgs a;
    auto* cmd = app.add_subcommand("experiment", "Run the papers' studies: every label, all class pairs, random inits");
    cmd->add_option("model", a.model, "Model file (.tdm)")->required();
    cmd->add_option("--classifier", a.classifier, "State classifier (.tdc)")->required();
    cmd->add_option("--study", a.study, "label, double, intersection, random, all, or tempering (label, intersection and "
                                        "parallel-tempering conditions side by side)")
        ->check(CLI::IsMember({"label", "double", "intersection", "random", "all", "tempering"}))->capture_default_str();
    cmd->add_option("--chains", a.o.chains, "Chains per condition")->check(CLI::Range(1, 100000))->capture_default_str();
    cmd->add_option("--steps", a.o.steps, "Steps per chain")->check(CLI::Range(1, 100000))->capture_default_str();
    cmd->add_option("--seed", a.o.seed, "Seed")->capture_default_str();
    cmd->add_option("--k", a.k, "k for chimeras (default: the model's)")->check(CLI::Range(0, 65536));
    cmd->add_option("--threads", a.o.threads, "Threads (default: all cores)")->check(CLI::Range(0, 256));
    cmd->add_option("--shard", a.shard, "Run only shard i of n (i/n); merge later with `topdown-cli merge`");
    cmd->add_option("--out", a.out, "Output folder")->required();
    add_figure_options(cmd, a.figures);
    cmd->add_flag("--no-census", a.no_census, "Skip the attractor census (needs the model's training set)");
    cmd->callback([] { run_experiment(a); });

    static std::string model, out;
    static std::vector<std::string> inputs;
    static FigureArgs figures;
    auto* merge = app.add_subcommand("merge", "Merge study shards and write every output");
    merge->add_option("model", model, "Model file (.tdm) the shards were run on")->required();
    merge->add_option("shards", inputs, "Shard files (.tds)")->required();
    merge->add_option("--out", out, "Output folder")->required();
    add_figure_options(merge, figures);
    merge->callback([] {
        const Dbn dbn = load_model(model);
        const MergedStudy m = merge_study_shards(inputs, dbn, sha256_file(model));
        std::filesystem::create_directories(out);
        save_study_results((std::filesystem::path(out) / "results.tds").string(), m.results, m.meta);
        write_study_outputs(out, m.results, dbn, m.meta, figures.options());
        std::printf("merged %zu shards (%zu conditions) into %s\n", inputs.size(), m.results.size(), out.c_str());
    });
}

}  // namespace topdown::cli
