// Reading and writing the app's settings file (JSON) with errors reported, not swallowed: a missing file is
// normal (first start), anything else that goes wrong is said in words the user can act on.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace topdown {

// Reads the JSON object at `path` into `out`. Returns true on success. Returns false with `error` empty when
// the file does not exist, and false with `error` set (naming the file) when it cannot be read or is not a
// JSON object. Never throws.
bool read_settings_json(const std::string& path, nlohmann::json& out, std::string& error);

// Writes `j` to `path` atomically, creating its folder. Returns "" on success, else the reason (naming the
// file). Never throws.
std::string write_settings_json(const std::string& path, const nlohmann::json& j);

}  // namespace topdown
