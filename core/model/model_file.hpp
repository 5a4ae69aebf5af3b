// Model files (.tdm): a Dbn (or single RBM) in the TensorFile container, with its header.
#pragma once
#include <string>

#include "model/dbn.hpp"
#include "model/tensor_file.hpp"

namespace topdown {

// Limits on what a model file may declare.
constexpr int kMaxModelLayers = 8;
constexpr int kMaxLayerSize = 65536;
constexpr int kMaxClasses = 1000;

// Builds the container for a model.
TensorFile model_to_tensor_file(const Dbn& model);

// Interprets a container as a model, checking every field and shape. Throws FileFormatError.
Dbn model_from_tensor_file(const TensorFile& file, const std::string& name);

// Saves a model atomically. Throws IoError.
void save_model(const Dbn& model, const std::string& path);

// Loads and validates a model. Throws IoError / FileFormatError.
Dbn load_model(const std::string& path);

// Parses a model from bytes (for fuzzing and tests). Throws FileFormatError.
Dbn parse_model(const unsigned char* data, std::size_t size, const std::string& name);

// The JSON header of a model, for `topdown-cli info` (arrays listed with their shapes).
nlohmann::json model_summary(const Dbn& model);

}  // namespace topdown
