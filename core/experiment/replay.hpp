// Continual learning with generative replay (docs/METHODS.md §12; 2025 paper Fig. 7 and S4): an iDBN trained on MNIST
// is retrained on a new dataset, alone (sequential) or interleaved with replayed MNIST data or samples the
// model generates itself, while read-out accuracies on both datasets are tracked after every epoch.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "model/dbn.hpp"
#include "util/task.hpp"

namespace topdown {

enum class ReplayCondition { Sequential, Experience, GenerativeChimera, GenerativeLabel, Random };

// Names used on the command line: sequential, experience, generative-chimera, generative-label, random.
std::string to_string(ReplayCondition c);
ReplayCondition parse_replay_condition(const std::string& text);
std::vector<ReplayCondition> all_replay_conditions();

struct ReplayOptions {
    int epochs = 20;
    int batches_per_epoch = 156;   // 156 x 128 = 19,968 examples per epoch (2025 Methods)
    int batch_size = 128;
    int generation_steps = 100;
    std::uint64_t seed = 1;
    int readout_train_images = 10000;  // images used to fit the read-outs (per dataset)
};

// One batch of the mixed stream: from the new data or from the replay pool, with its row indices.
struct StreamBatch {
    bool replay = false;
    std::vector<std::uint32_t> rows;
};

// The batches of one epoch: all new for sequential; otherwise new and replay batches alternating (every
// batch full). Reproducible from (seed, epoch).
std::vector<StreamBatch> mixed_stream(int new_size, int replay_size, bool with_replay, const ReplayOptions& o, int epoch);

// The replay pool of a condition, N x 784 rows: MNIST images (experience), every step of intersection-chimera
// chains (3 per pair), label-biasing chains (10 per class) or random-init chains (1000, k = mean chimera
// size). Empty for sequential.
Matrix replay_pool(const Dbn& model, ReplayCondition c, const Dataset& mnist_train, const ReplayOptions& o);

struct ReplayCurve {
    ReplayCondition condition = ReplayCondition::Sequential;
    std::vector<double> new_accuracy;         // read-out refitted on the new data, tested on its test set
    std::vector<double> old_accuracy_fixed;   // MNIST test with the read-out fitted after the MNIST phase
    std::vector<double> old_accuracy_refit;   // MNIST test with a read-out refitted on MNIST each epoch
    double initial_old_accuracy = 0;          // before retraining
    int replay_pool_size = 0;
};

// What a replay experiment starts from: the MNIST model and both datasets' training and test splits.
struct ReplayInputs {
    Dbn model;
    Dataset mnist_train, mnist_test, new_train, new_test;
};

// The replay set-up of the CLI and the app: loads the model (which must be trained on MNIST) and the
// datasets from `data_dir` ("" : the default folder), the first `limit` training images of each (0: all).
// Throws ArgumentError / DataError / IoError / FileFormatError.
ReplayInputs load_replay_inputs(const std::string& model_path, const std::string& new_dataset,
                                const std::string& data_dir, std::size_t limit);

// Retrains a copy of `model` under one condition. `on_epoch` (optional) sees the curve after each epoch.
ReplayCurve run_replay(const Dbn& model, ReplayCondition c, const Dataset& new_train, const Dataset& new_test,
                       const Dataset& mnist_train, const Dataset& mnist_test, const ReplayOptions& o,
                       const std::function<void(const ReplayCurve&, const Matrix& pool)>& on_epoch = {},
                       TaskState* task = nullptr);

// CSV of the curves: condition, epoch (0 = before retraining), new-data accuracy, MNIST accuracy with the fixed
// and with the refitted read-out.
std::string replay_curves_csv(const std::vector<ReplayCurve>& curves);

// Forgetting ratio: (initial − final MNIST accuracy) with replay ÷ the same drop with sequential.
double forgetting_ratio(const ReplayCurve& with_replay, const ReplayCurve& sequential);

}  // namespace topdown
