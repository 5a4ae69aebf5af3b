// Imported datasets (`topdown-cli data import`): a folder DATA_DIR/NAME with the four IDX files of the MNIST
// layout and manifest.json (source, image shape, class names, counts, options, SHA-256 of every output).
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace topdown {

// Checks a dataset name for an import: 1-64 characters of [A-Za-z0-9_-], not a built-in name. Throws ArgumentError.
void check_dataset_name(const std::string& name);

// True when DATA_DIR/NAME/manifest.json exists.
bool is_imported_dataset(const std::string& name, const std::string& dir);

// Reads and checks the manifest of an imported dataset (class names, image shape, files). Throws DataError
// (missing: "run `topdown-cli data import`") / FileFormatError.
nlohmann::json read_dataset_manifest(const std::string& name, const std::string& dir);

// Class names of a built-in dataset or of an imported one in `dir`. Throws ArgumentError for an unknown name.
std::vector<std::string> dataset_class_names_in(const std::string& name, const std::string& dir);

}  // namespace topdown
