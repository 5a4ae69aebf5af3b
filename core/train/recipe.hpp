// Training recipes (docs/METHODS.md §4.2): named presets whose every field can be overridden.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace topdown {

struct TrainRecipe {
    std::string name = "idbn2025";
    float learning_rate = 0.01f;
    float momentum_initial = 0.5f;
    float momentum_final = 0.9f;
    int momentum_switch_epoch = 5;       // epochs [0, switch) use the initial momentum
    float weight_decay = 1e-4f;          // on W only
    float init_std = 0.01f;              // W ~ N(0, std²); biases 0
    int batch_size = 128;
    int epochs = 100;
    bool sample_negative_visible = true; // false: v1 = neg_pv (the 2023 RBM code)
    bool shuffle = true;                 // shuffle mini-batches every epoch

    // Momentum used in epoch `epoch` (0-based).
    float momentum(int epoch) const { return epoch < momentum_switch_epoch ? momentum_initial : momentum_final; }
    // JSON form (stored in model files).
    nlohmann::json to_json() const;
};

// The preset called `name` ("idbn2025" or "rbm2023"); throws ArgumentError otherwise.
TrainRecipe recipe_by_name(const std::string& name);

// Names of the presets.
std::vector<std::string> recipe_names();

}  // namespace topdown
