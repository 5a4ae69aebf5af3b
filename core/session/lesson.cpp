#include "session/lesson.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "generate/biasing.hpp"
#include "session/panel_specs.hpp"
#include "session/session_params.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
using json = nlohmann::json;

FileFormatError bad(const std::string& where, const std::string& what) {
    return FileFormatError("lesson: " + where + what);
}

std::string text_field(const json& j, const char* name, const std::string& where, bool required) {
    const auto it = j.find(name);
    if (it == j.end()) {
        if (required) throw bad(where, std::string("missing field \"") + name + "\"");
        return {};
    }
    if (!it->is_string()) throw bad(where, std::string("\"") + name + "\" must be text");
    const std::string s = it->get<std::string>();
    if (s.size() > kMaxLessonText)
        throw bad(where, std::string("\"") + name + "\" is longer than " + std::to_string(kMaxLessonText) + " characters");
    if (required && s.empty()) throw bad(where, std::string("\"") + name + "\" is empty");
    return s;
}

std::optional<long long> int_field(const json& j, const char* name, const std::string& where, long long lo, long long hi) {
    const auto it = j.find(name);
    if (it == j.end()) return std::nullopt;
    if (!it->is_number_integer()) throw bad(where, std::string("\"") + name + "\" must be an integer");
    // (JSON reads a non-negative integer as unsigned: both bounds are checked either way.)
    const bool out = it->is_number_unsigned()
                         ? it->get<unsigned long long>() > static_cast<unsigned long long>(hi) ||
                               (lo > 0 && it->get<unsigned long long>() < static_cast<unsigned long long>(lo))
                         : (it->get<long long>() < lo || it->get<long long>() > hi);
    if (out)
        throw bad(where, std::string("\"") + name + "\" must lie between " + std::to_string(lo) + " and " + std::to_string(hi));
    return it->get<long long>();
}

std::optional<float> float_field(const json& j, const char* name, const std::string& where, double lo, double hi, bool open_lo) {
    const auto it = j.find(name);
    if (it == j.end()) return std::nullopt;
    if (!it->is_number()) throw bad(where, std::string("\"") + name + "\" must be a number");
    const double v = it->get<double>();
    if (!std::isfinite(v) || v > hi || (open_lo ? v <= lo : v < lo))
        throw bad(where, std::string("\"") + name + "\" must lie in " + (open_lo ? "(" : "[") + std::to_string(lo).substr(0, 4) +
                             ", " + std::to_string(hi).substr(0, 5) + "]");
    return static_cast<float>(v);
}

// "classes": [a] or [a, b] (indices); a pair method needs two.
void read_classes(const json& j, const std::string& where, LessonStep& s) {
    const auto it = j.find("classes");
    if (it == j.end()) return;
    if (!it->is_array() || it->empty() || it->size() > 2) throw bad(where, "\"classes\" must be a list of one or two class indices");
    std::vector<int> c;
    for (const auto& x : *it) {
        if (!x.is_number_integer() || x.get<long long>() < 0 || x.get<long long>() > 255)
            throw bad(where, "\"classes\" must hold class indices 0..255");
        c.push_back(static_cast<int>(x.get<long long>()));
    }
    s.class_a = c[0];
    s.class_b = c.size() > 1 ? c[1] : c[0];
}

LessonStep parse_step(const json& j, int index) {
    const std::string where = "step " + std::to_string(index + 1) + ": ";
    if (!j.is_object()) throw bad(where, "expected a JSON object");
    static const std::vector<std::string> known = {"title", "text", "look_for", "model", "method", "classes", "k",
                                                   "temperature", "seed", "steps", "ensemble", "speed", "panel", "play"};
    for (auto it = j.begin(); it != j.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            throw bad(where, "unknown field \"" + it.key().substr(0, 40) + "\"");
    LessonStep s;
    s.title = text_field(j, "title", where, true);
    s.text = text_field(j, "text", where, true);
    s.look_for = text_field(j, "look_for", where, false);
    if (j.contains("model")) {
        const std::string m = text_field(j, "model", where, true);
        if (m.size() > 255 || m.find_first_of("/\\") != std::string::npos || m == "." || m == "..")
            throw bad(where, "\"model\" must be a model file name such as \"rbm_mnist.tdm\" (no folders)");
        s.model = m;
    }
    if (j.contains("method")) {
        const std::string m = text_field(j, "method", where, true);
        try {
            s.method = static_cast<int>(parse_bias_method(m));
        } catch (const ArgumentError&) {
            throw bad(where, "unknown method \"" + m.substr(0, 40) + "\" (label, double, intersection, random, sample, image)");
        }
    }
    read_classes(j, where, s);
    if (s.method && traits(static_cast<BiasMethod>(*s.method)).is_pair && j.contains("classes") && j.at("classes").size() != 2)
        throw bad(where, "a chimera needs two classes, e.g. \"classes\": [2, 9]");
    if (auto v = int_field(j, "k", where, 0, 65536)) s.k = static_cast<int>(*v);
    s.temperature = float_field(j, "temperature", where, 0.0, 100.0, true);
    if (auto v = int_field(j, "seed", where, 0, (1LL << 53))) s.seed = static_cast<std::uint64_t>(*v);
    if (auto v = int_field(j, "steps", where, 1, kMaxSessionSteps)) s.steps = static_cast<int>(*v);
    if (auto v = int_field(j, "ensemble", where, 0, kMaxEnsembleSize)) s.ensemble = static_cast<int>(*v);
    s.speed = float_field(j, "speed", where, 0.0, 10000.0, false);
    s.panel = text_field(j, "panel", where, false);
    if (!s.panel.empty() && !find_panel(s.panel) && panel_tab(s.panel) < 0 && panel_window(s.panel) == s.panel)
        throw bad(where, "\"panel\" names no panel or tab (e.g. \"visible\", \"energy\", \"transition\", \"pca\", \"replay\")");
    if (const auto it = j.find("play"); it != j.end()) {
        if (!it->is_boolean()) throw bad(where, "\"play\" must be true or false");
        s.play = it->get<bool>();
    }
    return s;
}
}  // namespace

Lesson parse_lesson(const std::string& text) {
    json j;
    try {
        j = json::parse(text);
    } catch (const std::exception& e) {
        throw bad("", std::string("not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object()) throw bad("", "expected a JSON object");
    const auto fmt = j.find("format");
    if (fmt == j.end() || !fmt->is_string() || fmt->get<std::string>() != "topdown-lesson")
        throw bad("", "\"format\" must be \"topdown-lesson\"");
    const auto version = int_field(j, "version", "", 1, 1000000);
    if (!version) throw bad("", "missing field \"version\"");
    if (*version != kLessonFileVersion)
        throw bad("", "version " + std::to_string(*version) + " is not supported (this build reads version " +
                          std::to_string(kLessonFileVersion) + ")");
    Lesson l;
    l.title = text_field(j, "title", "", true);
    l.summary = text_field(j, "summary", "", false);
    const auto steps = j.find("steps");
    if (steps == j.end() || !steps->is_array() || steps->empty())
        throw bad("", "\"steps\" must be a non-empty list of steps");
    if (steps->size() > static_cast<std::size_t>(kMaxLessonSteps))
        throw bad("", "a lesson has at most " + std::to_string(kMaxLessonSteps) + " steps");
    for (std::size_t i = 0; i < steps->size(); ++i) l.steps.push_back(parse_step((*steps)[i], static_cast<int>(i)));
    return l;
}

Lesson load_lesson(const std::string& path) {
    const auto bytes = read_file_bounded(path, kMaxLessonFileBytes);
    try {
        return parse_lesson(std::string(bytes.begin(), bytes.end()));
    } catch (const FileFormatError& e) {
        throw FileFormatError(path + ": " + e.what());
    }
}

void apply_lesson_step(const LessonStep& s, ComposerState& c) {
    if (s.method) c.method = *s.method;
    if (s.class_a) c.class_a = *s.class_a;
    if (s.class_b) c.class_b = *s.class_b;
    if (s.k) c.k = *s.k;
    if (s.temperature) c.temperature = *s.temperature;
    if (s.seed) c.seed = *s.seed;
    if (s.steps) c.steps = *s.steps;
    if (s.ensemble) c.ensemble_size = *s.ensemble;
}

std::vector<std::string> lesson_files(const std::string& folder) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec))
        if (e.is_regular_file(ec) && e.path().extension() == ".json") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace topdown
