// Presets per dataset: each sets every composer field it shows (method, classes, k, T, seed, ensemble,
// steps) and says which figure of which paper it recreates. Fashion-MNIST presets name garments.
#pragma once
#include <string>
#include <vector>

#include "session/composer_state.hpp"

namespace topdown {

struct DatasetPreset {
    std::string id;       // e.g. "mnist-intersection-2-9"
    std::string dataset;  // the model's dataset ("mnist", "fashion"); "" fits any model
    ComposerState state;  // every field set
    std::string source;   // which figure of which paper it recreates (or that it applies a figure's method)
};

// Every preset of every dataset (MNIST first).
const std::vector<DatasetPreset>& dataset_presets();
// The presets shown for a model of `dataset` with `num_classes` classes: that dataset's own, or the
// generic ones (dataset "") when it has none; presets naming classes the model lacks are left out.
std::vector<const DatasetPreset*> presets_for_dataset(const std::string& dataset, int num_classes);
// The preset with this id, or null.
const DatasetPreset* find_dataset_preset(const std::string& id);
// Button text with the model's class names: "2 ∩ 9", "Pullover ∩ Ankle boot", "label 8", "random".
std::string dataset_preset_label(const DatasetPreset& p, const std::vector<std::string>& class_names);
// The preset a first run starts with: the intersection chimera {2, 9} of the 2025 paper.
constexpr const char* kFirstRunPreset = "mnist-intersection-2-9";

}  // namespace topdown
