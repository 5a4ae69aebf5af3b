// topdown-cli replay: continual learning with generative replay (docs/METHODS.md §12).
#include <cstdio>
#include <filesystem>
#include <cmath>
#include <sstream>

#include "commands.hpp"
#include "experiment/replay_figure.hpp"
#include "experiment/study_figures.hpp"
#include "figure_options.hpp"
#include "experiment/replay.hpp"
#include "experiment/replay_condition_set.hpp"
#include "model/model_file.hpp"
#include "util/atomic_file.hpp"
#include "util/checksum.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"
#include "util/progress.hpp"

namespace topdown::cli {

namespace {
struct ReplayArgs {
    std::string model, new_dataset = "fashion", condition = "all", out, dir;
    ReplayOptions o;
    std::size_t limit = 0;
    bool replot = false;
    FigureArgs figures;
};

// Writes OUT/replay.<formats> and OUT/replay.csv (core/experiment/replay_figure).
void plot_curves(const std::string& out, const std::vector<ReplayCurve>& curves, const std::string& new_name, const FigureOptions& o) {
    write_study_figure(replay_figure(curves, new_name), out, "replay", o);
}

// Redraws the figure OUT/replay.* from OUT/replay.json (a file we read, so every field is checked).
void replot(const ReplayArgs& a) {
    namespace fs = std::filesystem;
    const std::string path = (fs::path(a.out) / "replay.json").string();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(read_file_bounded(path, 16u << 20));
    } catch (const nlohmann::json::exception& e) {
        throw FileFormatError(path + " is not valid JSON: " + e.what());
    }
    if (!j.is_object() || !j.contains("conditions") || !j["conditions"].is_object())
        throw FileFormatError(path + " lacks 'conditions' (is it a replay.json written by topdown-cli replay?)");
    std::vector<ReplayCurve> curves;
    for (auto c : all_replay_conditions()) {  // in the usual order
        const std::string name = to_string(c);
        if (!j["conditions"].contains(name)) continue;
        const auto& k = j["conditions"][name];
        ReplayCurve r;
        r.condition = c;
        try {
            r.new_accuracy = k.at("new_accuracy").get<std::vector<double>>();
            r.old_accuracy_fixed = k.at("mnist_accuracy_fixed").get<std::vector<double>>();
            r.initial_old_accuracy = k.at("mnist_initial").get<double>();
        } catch (const nlohmann::json::exception& e) {
            throw FileFormatError(path + ": condition '" + name + "' is malformed: " + e.what());
        }
        if (r.new_accuracy.size() > 100000 || r.old_accuracy_fixed.size() != r.new_accuracy.size())
            throw FileFormatError(path + ": condition '" + name + "' has curves of different or absurd lengths");
        curves.push_back(std::move(r));
    }
    if (curves.empty()) throw FileFormatError(path + " holds no known condition");
    plot_curves(a.out, curves, j.value("new_dataset", std::string("new dataset")), a.figures.options());
    std::printf("redrew %s/replay.{%s,csv} from %s (%zu conditions)\n", a.out.c_str(), a.figures.formats.c_str(), path.c_str(), curves.size());
}

void run_replay_command(const ReplayArgs& a) {
    if (a.replot) return replot(a);
    namespace fs = std::filesystem;
    const ReplayInputs in = load_replay_inputs(a.model, a.new_dataset, a.dir, a.limit);
    const std::vector<ReplayCondition> conds = ReplayConditionSet::parse(a.condition).list();
    fs::create_directories(a.out);
    std::vector<ReplayCurve> curves;
    for (auto c : conds) {
        ProgressBar bar("replay " + to_string(c), a.o.epochs, stdout);
        ReplayCurve k = run_replay(in.model, c, in.new_train, in.new_test, in.mnist_train, in.mnist_test, a.o,
                                   [&](const ReplayCurve& cur, const Matrix&) {
                                       char s[160];
                                       std::snprintf(s, sizeof s, "epoch %zu: %s %.2f%%, MNIST %.2f%% (refit %.2f%%)",
                                                     cur.new_accuracy.size(), a.new_dataset.c_str(), 100 * cur.new_accuracy.back(),
                                                     100 * cur.old_accuracy_fixed.back(), 100 * cur.old_accuracy_refit.back());
                                       bar.update(double(cur.new_accuracy.size()), s);
                                   }, &interrupt_task());
        bar.finish("MNIST " + std::to_string(100 * k.old_accuracy_fixed.back()) + "%");
        curves.push_back(std::move(k));
        plot_curves(a.out, curves, a.new_dataset, a.figures.options());
        write_file_atomic((fs::path(a.out) / "curves.csv").string(), replay_curves_csv(curves));
    }
    nlohmann::json j = {{"model", a.model}, {"model_sha256", sha256_file(a.model)}, {"new_dataset", a.new_dataset},
                        {"epochs", a.o.epochs}, {"seed", a.o.seed}, {"batches_per_epoch", a.o.batches_per_epoch},
                        {"batch_size", a.o.batch_size}, {"limit", a.limit}, {"created", iso8601_now()}};
    const ReplayCurve* seq = nullptr;
    for (const auto& k : curves)
        if (k.condition == ReplayCondition::Sequential) seq = &k;
    std::ostringstream md;
    md << "# Continual learning with generative replay\n\nModel `" << a.model << "`, retrained on " << a.new_dataset
       << " for " << a.o.epochs << " epochs (" << a.o.batches_per_epoch << " batches of " << a.o.batch_size
       << "), seed " << a.o.seed << ".\n\n| condition | replay pool | " << a.new_dataset
       << " accuracy | MNIST before | MNIST after (fixed read-out) | MNIST after (refitted) | forgetting ratio |\n|---|---|---|---|---|---|---|\n";
    for (const auto& k : curves) {
        const double ratio = seq ? forgetting_ratio(k, *seq) : std::nan("");
        j["conditions"][to_string(k.condition)] = {{"new_accuracy", k.new_accuracy}, {"mnist_accuracy_fixed", k.old_accuracy_fixed},
                                                   {"mnist_accuracy_refit", k.old_accuracy_refit},
                                                   {"mnist_initial", k.initial_old_accuracy}, {"replay_pool", k.replay_pool_size},
                                                   {"forgetting_ratio", std::isnan(ratio) ? nlohmann::json() : nlohmann::json(ratio)}};
        char row[400];
        std::snprintf(row, sizeof row, "| %s | %d | %.2f%% | %.2f%% | %.2f%% | %.2f%% | %s |\n", to_string(k.condition).c_str(),
                      k.replay_pool_size, 100 * k.new_accuracy.back(), 100 * k.initial_old_accuracy,
                      100 * k.old_accuracy_fixed.back(), 100 * k.old_accuracy_refit.back(),
                      std::isnan(ratio) ? "-" : std::to_string(ratio).substr(0, 5).c_str());
        md << row;
    }
    md << "\nForgetting ratio = MNIST accuracy drop (fixed read-out) with the condition ÷ the drop with sequential "
          "retraining. The 2025 paper reports about 0.10 for generative (chimera) replay on Fashion-MNIST.\n";
    write_file_atomic((fs::path(a.out) / "replay.json").string(), j.dump(2));
    write_file_atomic((fs::path(a.out) / "summary.md").string(), md.str());
    std::printf("%s", md.str().c_str());
}
}  // namespace

void register_replay_command(CLI::App& app) {
    static ReplayArgs a;
    auto* cmd = app.add_subcommand("replay", "Continual learning: retrain an MNIST iDBN on a new dataset with replay");
    cmd->add_option("model", a.model, "MNIST model (.tdm)")->required();
    cmd->add_option("--new", a.new_dataset, "New dataset")->check(CLI::IsMember({"fashion"}))->capture_default_str();
    cmd->add_option("--condition", a.condition, "all, sequential, experience, generative-chimera, generative-label, random")
        ->check(CLI::IsMember({"all", "sequential", "experience", "generative-chimera", "generative-label", "random"}))->capture_default_str();
    cmd->add_option("--epochs", a.o.epochs, "Epochs of retraining")->check(CLI::Range(1, 10000))->capture_default_str();
    cmd->add_option("--seed", a.o.seed, "Seed")->capture_default_str();
    cmd->add_option("--batches", a.o.batches_per_epoch, "Batches per epoch")->check(CLI::Range(2, 100000))->capture_default_str();
    cmd->add_option("--steps", a.o.generation_steps, "Generation steps per replay chain")->check(CLI::Range(1, 10000))->capture_default_str();
    cmd->add_option("--readout-images", a.o.readout_train_images, "Images used to fit each read-out")->check(CLI::Range(100, 60000))->capture_default_str();
    cmd->add_option("--limit", a.limit, "Use only the first N training images of each dataset");
    cmd->add_option("--out", a.out, "Output folder")->required();
    cmd->add_option("--data-dir", a.dir, "Data folder");
    cmd->add_flag("--replot", a.replot, "Only redraw the figure OUT/replay.* from OUT/replay.json (no training)");
    add_figure_options(cmd, a.figures);
    cmd->callback([] { run_replay_command(a); });
}

}  // namespace topdown::cli
