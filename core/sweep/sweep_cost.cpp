// Task cost estimates from the README's measured figures.
#include "sweep/sweep_cost.hpp"

#include <algorithm>

#include "experiment/study_memory.hpp"
#include "model/dbn.hpp"

namespace topdown {

namespace {
// Measured (README, Performance, 2 threads): one iDBN 784-500-500-1000 epoch over 60,000 images takes 7.5 s:
// 7.5 / (60,000 x 1.142 M weights) = 1.1e-10 s per image and weight.
constexpr double kTrainSecondsPerImageWeight = 1.1e-10;
// The "all" study (110 conditions x 100 chains x 100 steps, classified) takes 81 s on the same model; the
// classifier alone labels 30,600 images/s, i.e. 3.3e-5 s of the 7.4e-5 s per chain-step; the rest scales with
// the weights (4.1e-5 / 1.142 M = 3.6e-11 s per weight).
constexpr double kStudySecondsPerStateClassified = 3.3e-5;
constexpr double kStudySecondsPerChainStepWeight = 3.6e-11;
constexpr double kMeasuredThreads = 2;
constexpr double kProcessStartSeconds = 2;  // loading the model, classifier and data set

double weights(const std::vector<int>& arch) {
    double w = 0;
    for (std::size_t i = 0; i + 1 < arch.size(); ++i) w += double(arch[i]) * arch[i + 1];
    return w;
}

double thread_scale(int threads) { return kMeasuredThreads / double(std::max(1, std::min(threads, 64))); }
}  // namespace

TaskCost training_cost(const TrainingSpec& t, int threads) {
    const auto arch = parse_architecture(t.arch);
    const double images = t.limit ? double(std::min<std::uint64_t>(t.limit, 60000)) : 60000.0;
    const int epochs = t.epochs ? t.epochs : 100;
    const double w = weights(arch);
    TaskCost c;
    // Epochs, then the read-out and M on the training and 10,000 test images (about three passes).
    c.seconds = kProcessStartSeconds + thread_scale(threads) * kTrainSecondsPerImageWeight * w * (images * epochs + 3 * (images + 10000));
    // Train + test images as floats, every layer's activations of both, the weights with momentum and gradients.
    double widths = 0;
    for (int n : arch) widths += n;
    c.bytes = std::uint64_t((images + 10000) * (784 + widths) * 4 * 2 + w * 4 * 6) + (128ull << 20);
    return c;
}

TaskCost study_cost(const std::vector<int>& arch, int classes, int chains, int steps, int conditions, bool write_outputs,
                    int threads) {
    const double chain_steps = double(chains) * steps * std::max(conditions, 1);
    TaskCost c;
    c.seconds = kProcessStartSeconds + thread_scale(threads) * chain_steps *
                                           (kStudySecondsPerStateClassified + kStudySecondsPerChainStepWeight * weights(arch));
    if (write_outputs) c.seconds += 0.1 * conditions;  // figures, PCA
    c.bytes = estimate_study_memory(arch, classes, chains, steps, std::size_t(std::max(conditions, 1)), write_outputs).total;
    return c;
}

TaskCost merge_cost(const std::vector<int>& arch, int classes, int chains, int steps, int conditions) {
    TaskCost c;
    c.seconds = kProcessStartSeconds + 0.1 * conditions + 2e-6 * double(chains) * steps * conditions;
    c.bytes = estimate_study_memory(arch, classes, chains, steps, std::size_t(std::max(conditions, 1)), true).total;
    return c;
}

}  // namespace topdown
