// topdown-cli train-classifier: the state classifier of docs/METHODS.md §7 (classes + non-class).
#include <chrono>
#include <cstdio>

#include "classify/state_classifier.hpp"
#include "commands.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"
#include "util/progress.hpp"

namespace topdown::cli {

void register_classifier_command(CLI::App& app) {
    static std::string dataset = "mnist", out, dir;
    static ClassifierTrainOptions o;
    static std::size_t limit = 0;
    auto* cmd = app.add_subcommand("train-classifier", "Train the state classifier (C classes + non-class)");
    cmd->add_option("--dataset", dataset, "mnist, fashion or an imported dataset (data import)")->capture_default_str();
    cmd->add_option("--out", out, "Output file (.tdc)")->required();
    cmd->add_option("--epochs", o.epochs, "Epochs")->check(CLI::Range(1, 1000))->capture_default_str();
    cmd->add_option("--batch-size", o.batch_size, "Mini-batch size")->check(CLI::Range(1, 4096))->capture_default_str();
    cmd->add_option("--lr", o.learning_rate, "Adam learning rate")->check(CLI::Range(1e-6, 1.0))->capture_default_str();
    cmd->add_option("--seed", o.seed, "Seed")->capture_default_str();
    cmd->add_option("--conv1", o.shape.conv1, "Channels of the first convolution")->check(CLI::Range(1, 256))->capture_default_str();
    cmd->add_option("--conv2", o.shape.conv2, "Channels of the second convolution")->check(CLI::Range(1, 512))->capture_default_str();
    cmd->add_option("--hidden", o.shape.hidden, "Dense units")->check(CLI::Range(1, 4096))->capture_default_str();
    cmd->add_option("--limit", limit, "Use only the first N training images");
    cmd->add_option("--data-dir", dir, "Data folder");
    cmd->callback([] {
        const Dataset train = load_dataset(dataset, Split::Train, data_dir(dir), limit);
        const Dataset test = load_dataset(dataset, Split::Test, data_dir(dir));
        // The CNN adapts to the image side (the same two conv + pool stages) within what it can handle.
        if (train.image_rows != train.image_cols || train.image_rows < 8 || train.image_rows > 256)
            throw ArgumentError("the state classifier needs square images with sides 8..256; '" + dataset + "' has " +
                                std::to_string(train.image_cols) + "x" + std::to_string(train.image_rows) +
                                " images (import them again with a square --size, e.g. 28x28)");
        ClassifierTrainOptions opts = o;
        opts.validation = std::min(opts.validation, train.size() / 10);
        std::printf("training the %s state classifier: %d epochs, seed %llu\n", dataset.c_str(), opts.epochs,
                    static_cast<unsigned long long>(opts.seed));
        ProgressBar bar("classifier", 1.0, stdout);
        ClassifierAccuracy acc;
        const StateClassifier c = train_state_classifier(train, test, opts, [&](const ClassifierEvent& e) {
            char s[128];
            std::snprintf(s, sizeof s, "epoch %d/%d batch %d/%d loss %.4f", e.epoch + 1, e.epochs, e.batch + 1, e.batches, e.loss);
            bar.update(e.fraction_done, s);
        }, &interrupt_task(), &acc);
        bar.finish("trained");
        save_classifier(c, out);
        std::printf("test accuracy: classes %.2f%%, non-class %.2f%%; validation: classes %.2f%%, non-class %.2f%%\nsaved %s\n",
                    100 * acc.test_classes, 100 * acc.test_non_class, 100 * acc.validation_classes,
                    100 * acc.validation_non_class, out.c_str());
    });
}

}  // namespace topdown::cli
