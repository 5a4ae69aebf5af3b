// TOML plan files: toml++ (Debian's libtomlplusplus-dev) parses them into the JSON a plan is checked from.
#pragma once
#include <nlohmann/json.hpp>

#include <string>

namespace topdown {

// Converts TOML text (tables, arrays, strings, integers, floats, booleans) to JSON. Throws PlanError with the
// line and column of a syntax error, or when this build has no TOML support.
nlohmann::json toml_to_json(const std::string& text, const std::string& source);

// Whether this build was compiled with toml++.
bool toml_supported();

}  // namespace topdown
