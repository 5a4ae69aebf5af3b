#include "util/paths.hpp"

#include <cstdlib>

namespace topdown {

namespace {
std::string env_or_empty(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}
std::string home() {
    std::string h = env_or_empty("HOME");
    return h.empty() ? std::string("/tmp") : h;
}
std::string xdg_data_home() {
    std::string x = env_or_empty("XDG_DATA_HOME");
    return x.empty() ? home() + "/.local/share" : x;
}
}  // namespace

std::string data_dir(const std::string& override_dir) {
    if (!override_dir.empty()) return override_dir;
    std::string e = env_or_empty("TOPDOWN_DATA_DIR");
    if (!e.empty()) return e;
    return xdg_data_home() + "/topdown/data";
}

std::string user_models_dir() { return xdg_data_home() + "/topdown/models"; }

std::string settings_dir() {
    std::string x = env_or_empty("XDG_CONFIG_HOME");
    return (x.empty() ? home() + "/.config" : x) + "/topdown";
}

}  // namespace topdown
