#include "util/settings_json.hpp"

#include <filesystem>

#include "util/atomic_file.hpp"

namespace topdown {

bool read_settings_json(const std::string& path, nlohmann::json& out, std::string& error) {
    error.clear();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec) && !ec) return false;
    try {
        const auto bytes = read_file_bounded(path, 1 << 20);
        auto j = nlohmann::json::parse(bytes.begin(), bytes.end());
        if (!j.is_object()) {
            error = "settings file " + path + " does not hold a JSON object; defaults are used";
            return false;
        }
        out = std::move(j);
        return true;
    } catch (const nlohmann::json::exception& e) {
        error = "settings file " + path + " is not valid JSON (" + e.what() + "); defaults are used";
    } catch (const std::exception& e) {
        error = std::string("cannot read the settings: ") + e.what() + "; defaults are used";
    }
    return false;
}

std::string write_settings_json(const std::string& path, const nlohmann::json& j) {
    try {
        const auto folder = std::filesystem::path(path).parent_path();
        std::error_code ec;
        if (!folder.empty()) std::filesystem::create_directories(folder, ec);
        if (ec) return "cannot create the settings folder " + folder.string() + ": " + ec.message();
        write_file_atomic(path, j.dump(2));
        return "";
    } catch (const std::exception& e) {
        return std::string("cannot save the settings to ") + path + ": " + e.what();
    }
}

}  // namespace topdown
