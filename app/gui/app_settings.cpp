#include "app_settings.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "session/panel_layout.hpp"
#include "util/settings_json.hpp"
#include "util/paths.hpp"

namespace topdown::gui {

namespace {
std::string settings_file() { return (std::filesystem::path(settings_dir()) / "settings.json").string(); }

template <typename T>
void read(const nlohmann::json& j, const char* key, T& out, T lo, T hi) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return;
    const T v = it->get<T>();
    if (v >= lo && v <= hi) out = v;
}
}  // namespace

std::string imgui_ini_path() {
    std::error_code ec;
    std::filesystem::create_directories(settings_dir(), ec);
    return (std::filesystem::path(settings_dir()) / "imgui.ini").string();
}

std::string load_settings(ViewState& view, ComposerState& composer, WindowSettings& window) {
    nlohmann::json j;
    std::string error;
    if (!read_settings_json(settings_file(), j, error)) return error;  // "" when there are none yet
    window.found = true;
    window.has_zoom = j.contains("zoom");
    int cm = static_cast<int>(view.colormap);
    read(j, "colormap", cm, 0, plot::kColorMapCount - 1);
    view.colormap = static_cast<plot::ColorMap>(cm);
    read(j, "zoom", view.zoom, kMinZoom, kMaxZoom);
    read(j, "speed", view.speed, 1.0f, 500.0f);
    read(j, "window_width", window.width, 320, 16384);
    read(j, "window_height", window.height, 240, 16384);
    read(j, "method", composer.method, 0, kBiasMethodCount - 1);
    read(j, "class_a", composer.class_a, 0, 999);
    read(j, "class_b", composer.class_b, 0, 999);
    read(j, "ensemble", composer.ensemble_size, 0, 500);
    read(j, "steps", composer.steps, 1, 1000000);
    read(j, "k", composer.k, 0, 65536);
    read(j, "temperature", composer.temperature, 0.1f, 5.0f);
    read(j, "schedule", composer.schedule, 0, 2);
    read(j, "t_end", composer.t_end, 0.1f, 5.0f);
    if (auto it = j.find("seed"); it != j.end() && it->is_number_unsigned()) composer.seed = it->get<std::uint64_t>();
    read(j, "sample_index", composer.sample_index, 0, 9999);
    read(j, "present_view", view.present_view, 0, 2);
    read(j, "energy_layer", view.energy_layer, -1, 64);
    if (auto it = j.find("model_path"); it != j.end() && it->is_string()) window.model_path = it->get<std::string>();
    if (auto it = j.find("start_dismissed"); it != j.end() && it->is_boolean()) view.start_dismissed = it->get<bool>();
    if (auto it = j.find("pixel_grid"); it != j.end() && it->is_boolean()) view.pixel_grid = it->get<bool>();
    view.reset_layout = false;  // imgui.ini holds the user's layout
    return "";
}

std::string save_settings(const ViewState& view, const ComposerState& composer, const WindowSettings& window) {
    nlohmann::json j;
    j["colormap"] = static_cast<int>(view.colormap);
    j["zoom"] = view.zoom;
    j["speed"] = view.speed;
    j["pixel_grid"] = view.pixel_grid;
    j["window_width"] = window.width;
    j["window_height"] = window.height;
    j["method"] = composer.method;
    j["class_a"] = composer.class_a;
    j["class_b"] = composer.class_b;
    j["ensemble"] = composer.ensemble_size;
    j["steps"] = composer.steps;
    j["k"] = composer.k;
    j["temperature"] = composer.temperature;
    j["schedule"] = composer.schedule;
    j["t_end"] = composer.t_end;
    j["seed"] = composer.seed;
    j["sample_index"] = composer.sample_index;
    j["present_view"] = view.present_view;
    j["energy_layer"] = view.energy_layer;
    j["model_path"] = window.model_path;
    j["start_dismissed"] = view.start_dismissed;
    return write_settings_json(settings_file(), j);
}

}  // namespace topdown::gui
