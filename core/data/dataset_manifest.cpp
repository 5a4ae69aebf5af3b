#include "data/dataset_manifest.hpp"

#include <filesystem>

#include "data/dataset.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown {

void check_dataset_name(const std::string& name) {
    if (name.empty() || name.size() > 64 || name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != std::string::npos ||
        name[0] == '-')
        throw ArgumentError("dataset name '" + name + "' must be 1-64 letters, digits, '_' or '-'");
    for (const auto& k : known_datasets())
        if (k == name) throw ArgumentError("'" + name + "' is a built-in dataset; choose another name");
}

bool is_imported_dataset(const std::string& name, const std::string& dir) {
    std::error_code ec;
    return !name.empty() && name.find('/') == std::string::npos && name != "." && name != ".." &&
           std::filesystem::is_regular_file(std::filesystem::path(dir) / name / "manifest.json", ec);
}

nlohmann::json read_dataset_manifest(const std::string& name, const std::string& dir) {
    const std::string path = (std::filesystem::path(dir) / name / "manifest.json").string();
    if (!is_imported_dataset(name, dir))
        throw DataError("dataset '" + name + "' not found in '" + dir + "' (built-in: mnist, fashion; import your own with `topdown-cli data import`)");
    const auto bytes = read_file_bounded(path, 64ULL << 20);
    const auto j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    auto bad = [&](const std::string& why) { return FileFormatError(path + ": " + why); };
    if (j.is_discarded() || !j.is_object()) throw bad("not a JSON object");
    if (j.value("format", std::string()) != "topdown-dataset") throw bad("not a TopDown dataset manifest");
    if (!j.contains("class_names") || !j["class_names"].is_array() || j["class_names"].empty() || j["class_names"].size() > 255)
        throw bad("'class_names' must list 1 to 255 names");
    for (const auto& c : j["class_names"])
        if (!c.is_string()) throw bad("class names must be strings");
    if (!j.contains("image_shape") || !j["image_shape"].is_array() || j["image_shape"].size() != 2 ||
        !j["image_shape"][0].is_number_integer() || !j["image_shape"][1].is_number_integer())
        throw bad("'image_shape' must be [rows, cols]");
    return j;
}

std::vector<std::string> dataset_class_names_in(const std::string& name, const std::string& dir) {
    for (const auto& k : known_datasets())
        if (k == name) return dataset_class_names(name);
    if (!is_imported_dataset(name, dir))
        throw ArgumentError("unknown dataset '" + name + "' (built-in: mnist, fashion; none imported under that name in '" + dir + "')");
    return read_dataset_manifest(name, dir)["class_names"].get<std::vector<std::string>>();
}

}  // namespace topdown
