#include "train/recipe.hpp"

#include "util/errors.hpp"

namespace topdown {

nlohmann::json TrainRecipe::to_json() const {
    return {{"name", name},
            {"learning_rate", learning_rate},
            {"momentum_initial", momentum_initial},
            {"momentum_final", momentum_final},
            {"momentum_switch_epoch", momentum_switch_epoch},
            {"weight_decay", weight_decay},
            {"init_std", init_std},
            {"batch_size", batch_size},
            {"epochs", epochs},
            {"sample_negative_visible", sample_negative_visible},
            {"shuffle", shuffle}};
}

std::vector<std::string> recipe_names() { return {"idbn2025", "rbm2023"}; }

TrainRecipe recipe_by_name(const std::string& name) {
    TrainRecipe r;
    if (name == "idbn2025") return r;  // the defaults are the 2025 iDBN recipe
    if (name == "rbm2023") {
        r.name = "rbm2023";
        r.learning_rate = 0.1f;
        r.weight_decay = 2e-4f;
        r.init_std = 0.1f;
        r.batch_size = 125;
        r.sample_negative_visible = false;
        r.shuffle = false;
        return r;
    }
    throw ArgumentError("unknown recipe '" + name + "' (known: idbn2025, rbm2023)");
}

}  // namespace topdown
