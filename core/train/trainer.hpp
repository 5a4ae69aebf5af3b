// Training a DBN stack with CD-1: iterative (iDBN, every layer every epoch) or greedy (layer by layer).
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "data/dataset.hpp"
#include "model/dbn.hpp"
#include "train/recipe.hpp"
#include "util/task.hpp"

namespace topdown {

enum class TrainMode { Iterative, Greedy };

// "iterative" / "greedy" <-> TrainMode; throws ArgumentError on unknown text.
TrainMode parse_train_mode(const std::string& text);
std::string to_string(TrainMode mode);

struct TrainOptions {
    std::vector<int> architecture{784, 500, 500, 1000};
    TrainMode mode = TrainMode::Iterative;
    TrainRecipe recipe;
    std::uint64_t seed = 1;
};

// What the trainer reports after every mini-batch.
struct TrainEvent {
    int epoch = 0, epochs = 0;     // 0-based epoch, total
    int layer = 0, layers = 0;     // 0-based layer, total
    int batch = 0, batches = 0;    // 0-based batch within the pass, total
    float batch_mse = 0;           // reconstruction MSE of this batch
    double fraction_done = 0;      // of the whole training
};

struct TrainResult {
    Dbn model;                                  // weights after the last completed epoch
    std::vector<std::vector<float>> mse;        // [layer][epoch] mean reconstruction MSE
    int epochs_completed = 0;
    bool cancelled = false;
    double wall_seconds = 0;
};

// Called after every batch (may be empty).
using TrainCallback = std::function<void(const TrainEvent&)>;
// Called after every completed epoch with the model so far (for checkpoints; may be empty).
using EpochCallback = std::function<void(const TrainResult&)>;

// Trains a stack on `data` (images as rows). On cancellation (task->cancel_requested) returns the model
// of the last completed epoch with `cancelled` set. Throws ArgumentError for bad options.
TrainResult train_dbn(const Dataset& data, const TrainOptions& options, const TrainCallback& on_batch = {},
                      const EpochCallback& on_epoch = {}, TaskState* task = nullptr);

// Initialises a stack: W ~ N(0, init_std²) from the stream (seed, 0), biases 0.
Dbn init_dbn(const std::vector<int>& architecture, float init_std, std::uint64_t seed);

}  // namespace topdown
