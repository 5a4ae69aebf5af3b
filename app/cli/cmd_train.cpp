// topdown-cli train: CD-1 training of an RBM or DBN with a named recipe, then read-out, M and k.
#include <Eigen/Core>

#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "data/dataset.hpp"
#include "model/model_file.hpp"
#include "train/finalize.hpp"
#include "train/trainer.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"
#include "util/progress.hpp"

namespace topdown::cli {

namespace {
struct TrainArgs {
    std::string arch = "784-500-500-1000", mode = "iterative", recipe = "idbn2025", dataset = "mnist";
    std::string out, data_dir_override;
    int epochs = -1, batch_size = -1, checkpoint_every = 0, threads = 0;
    std::size_t limit = 0;
    std::uint64_t seed = 1;
    float lr = -1, weight_decay = -1, init_std = -1, momentum_initial = -1, momentum_final = -1;
    std::string sample_visible, shuffle;
};

void check_writable(const std::string& out) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(out).parent_path();
    if (dir.empty()) dir = ".";
    if (!fs::is_directory(dir)) throw IoError("output folder '" + dir.string() + "' does not exist");
    const fs::path probe = dir / ".topdown-write-test";
    std::FILE* f = std::fopen(probe.c_str(), "w");
    if (!f) throw IoError("output folder '" + dir.string() + "' is not writable");
    std::fclose(f);
    fs::remove(probe);
}

// Refuses a dataset whose images or classes do not match the model's visible layer and class count.
void check_dataset_fits(Dbn& m, const Dataset& d) {
    if (d.images.cols() != m.layers.front().n_lower())
        throw ArgumentError("dataset '" + d.name + "' has " + std::to_string(d.image_rows) + "x" + std::to_string(d.image_cols) +
                            " images but the model has " + std::to_string(m.layers.front().n_lower()) + " visible units");
    if (d.num_classes() != m.num_classes())
        throw ArgumentError("dataset '" + d.name + "' has " + std::to_string(d.num_classes()) + " classes but the model has " +
                            std::to_string(m.num_classes()));
    if (m.image_rows == 0) {
        m.image_rows = d.image_rows;
        m.image_cols = d.image_cols;
    }
}

void run_train(const TrainArgs& a) {
    if (a.out.empty()) throw ArgumentError("--out FILE is required");
    check_writable(a.out);
    if (a.threads > 0) Eigen::setNbThreads(a.threads);
    TrainOptions o;
    o.architecture = parse_architecture(a.arch);
    o.mode = parse_train_mode(a.mode);
    o.recipe = recipe_by_name(a.recipe);
    o.seed = a.seed;
    if (a.epochs > 0) o.recipe.epochs = a.epochs;
    if (a.batch_size > 0) o.recipe.batch_size = a.batch_size;
    if (a.lr > 0) o.recipe.learning_rate = a.lr;
    if (a.weight_decay >= 0) o.recipe.weight_decay = a.weight_decay;
    if (a.init_std > 0) o.recipe.init_std = a.init_std;
    if (a.momentum_initial >= 0) o.recipe.momentum_initial = a.momentum_initial;
    if (a.momentum_final >= 0) o.recipe.momentum_final = a.momentum_final;
    if (!a.sample_visible.empty()) o.recipe.sample_negative_visible = a.sample_visible == "on";
    if (!a.shuffle.empty()) o.recipe.shuffle = a.shuffle == "on";

    const std::string dir = data_dir(a.data_dir_override);
    const Dataset train = load_dataset(a.dataset, Split::Train, dir, a.limit);
    const Dataset test = load_dataset(a.dataset, Split::Test, dir);
    if (o.architecture.front() != train.images.cols())
        throw ArgumentError("--arch starts with " + std::to_string(o.architecture.front()) + " visible units but '" + a.dataset + "' has " +
                            std::to_string(train.image_rows) + "x" + std::to_string(train.image_cols) + " = " +
                            std::to_string(train.images.cols()) + " pixels per image");
    std::printf("training %s (%s, recipe %s) on %d %s images, %d epochs, batch %d, seed %llu, %d threads\n",
                a.arch.c_str(), a.mode.c_str(), o.recipe.name.c_str(), train.size(), a.dataset.c_str(), o.recipe.epochs,
                o.recipe.batch_size, static_cast<unsigned long long>(a.seed), Eigen::nbThreads());
    std::fflush(stdout);

    ProgressBar bar("train", 1.0, stdout);
    const auto start = std::chrono::steady_clock::now();
    int last_epoch_reported = -1;
    auto on_batch = [&](const TrainEvent& e) {
        const double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double samples = e.fraction_done * double(e.epochs) * e.layers * train.size();
        char s[160];
        std::snprintf(s, sizeof s, "epoch %d/%d layer %d/%d batch %d/%d MSE %.4f %.0f samples/s", e.epoch + 1, e.epochs,
                      e.layer + 1, e.layers, e.batch + 1, e.batches, e.batch_mse, el > 0 ? samples / el : 0.0);
        bar.update(e.fraction_done, s);
        (void)last_epoch_reported;
    };
    auto annotate = [&](Dbn& m, const TrainResult& r) {
        m.image_rows = train.image_rows;
        m.image_cols = train.image_cols;
        m.training = {{"recipe", o.recipe.to_json()}, {"mode", a.mode}, {"seed", a.seed},
                      {"epochs", r.epochs_completed}, {"train_images", train.size()},
                      {"mse_per_epoch", r.mse}, {"wall_seconds", r.wall_seconds}};
        m.created = iso8601_now();
    };
    auto on_epoch = [&](const TrainResult& r) {
        if (a.checkpoint_every > 0 && r.epochs_completed % a.checkpoint_every == 0) {
            Dbn m = r.model;
            annotate(m, r);
            save_model(m, a.out);
        }
    };
    TrainResult r = train_dbn(train, o, on_batch, on_epoch, &interrupt_task());
    if (r.cancelled) {
        std::printf("\ninterrupted after %d completed epochs\n", r.epochs_completed);
        if (a.checkpoint_every <= 0 || r.epochs_completed == 0) {
            std::printf("nothing saved (use --checkpoint-every N to keep the last completed epoch)\n");
            throw CancelledError("training interrupted");
        }
        interrupt_task().cancel_requested.store(false);
    }
    std::string last;
    for (std::size_t l = 0; l < r.mse.size(); ++l)
        if (!r.mse[l].empty()) last += " L" + std::to_string(l + 1) + " " + std::to_string(r.mse[l].back());
    bar.finish("final MSE" + last);
    std::printf("computing read-out, label-biasing matrix and k...\n");
    std::fflush(stdout);
    const FinalizeReport rep = finalize_model(r.model, train, test);
    annotate(r.model, r);
    save_model(r.model, a.out);
    std::printf("read-out accuracy (test): %.2f%%  (train %.2f%%)  k = %d  wall time %.1f s\n", 100 * rep.readout_accuracy,
                100 * rep.readout_train_accuracy, rep.k, r.wall_seconds);
    std::printf("saved %s\n", a.out.c_str());
}
}  // namespace

void register_finalize_command(CLI::App& app) {
    static std::string path, dir, dataset;
    auto* cmd = app.add_subcommand("finalize", "Recompute a model's read-out accuracy, label-biasing matrix M and k");
    cmd->add_option("model", path, "Model file (.tdm), updated in place")->required();
    cmd->add_option("--dataset", dataset, "Dataset to compute them on (default: the model's, else mnist); e.g. for an imported model");
    cmd->add_option("--data-dir", dir, "Data folder");
    cmd->callback([] {
        Dbn m = load_model(path);
        const std::string name = !dataset.empty() ? dataset : m.dataset.empty() ? "mnist" : m.dataset;
        const Dataset train = load_dataset(name, Split::Train, data_dir(dir));
        const Dataset test = load_dataset(name, Split::Test, data_dir(dir));
        check_dataset_fits(m, train);
        if (m.dataset.empty()) m.dataset = name;
        const FinalizeReport rep = finalize_model(m, train, test);
        save_model(m, path);
        std::printf("read-out accuracy (test): %.2f%%  k = %d  saved %s\n", 100 * rep.readout_accuracy, rep.k, path.c_str());
    });
}

void register_train_command(CLI::App& app) {
    static TrainArgs a;
    auto* cmd = app.add_subcommand("train", "Train an RBM / DBN with CD-1 and save a model file");
    cmd->add_option("--arch", a.arch, "Layer sizes, visible first")->capture_default_str();
    cmd->add_option("--mode", a.mode, "iterative (iDBN) or greedy")->check(CLI::IsMember({"iterative", "greedy"}))->capture_default_str();
    cmd->add_option("--recipe", a.recipe, "idbn2025 or rbm2023")->check(CLI::IsMember({"idbn2025", "rbm2023"}))->capture_default_str();
    cmd->add_option("--dataset", a.dataset, "mnist, fashion or an imported dataset (data import)")->capture_default_str();
    cmd->add_option("--epochs", a.epochs, "Epochs (default: the recipe's)")->check(CLI::Range(1, 100000));
    cmd->add_option("--limit", a.limit, "Use only the first N training images");
    cmd->add_option("--seed", a.seed, "Random seed")->capture_default_str();
    cmd->add_option("--out", a.out, "Output model file (.tdm)")->required();
    cmd->add_option("--batch-size", a.batch_size, "Override the recipe's batch size")->check(CLI::Range(1, 100000));
    cmd->add_option("--lr", a.lr, "Override the learning rate")->check(CLI::Range(1e-8, 10.0));
    cmd->add_option("--weight-decay", a.weight_decay, "Override the weight decay")->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--init-std", a.init_std, "Override the initial weight std")->check(CLI::Range(1e-8, 10.0));
    cmd->add_option("--momentum-initial", a.momentum_initial, "Override the momentum of the first 5 epochs")->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--momentum-final", a.momentum_final, "Override the later momentum")->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--sample-visible", a.sample_visible, "on: sample v1; off: v1 = probabilities")->check(CLI::IsMember({"on", "off"}));
    cmd->add_option("--shuffle", a.shuffle, "on/off: shuffle mini-batches each epoch")->check(CLI::IsMember({"on", "off"}));
    cmd->add_option("--checkpoint-every", a.checkpoint_every, "Save the model every N epochs, and on Ctrl-C");
    cmd->add_option("--threads", a.threads, "Threads for matrix products (default: all cores)")->check(CLI::Range(1, 256));
    cmd->add_option("--data-dir", a.data_dir_override, "Data folder");
    cmd->callback([] { run_train(a); });
}

}  // namespace topdown::cli
