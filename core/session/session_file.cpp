#include "session/session_file.hpp"

#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "model/model_file.hpp"
#include "session/start_image_params.hpp"
#include "util/atomic_file.hpp"
#include "util/checksum.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
using nlohmann::json;

FileFormatError bad(const std::string& what) { return FileFormatError("session file: " + what); }

const json& field(const json& j, const char* name) {
    auto it = j.find(name);
    if (it == j.end()) throw bad(std::string("missing field \"") + name + "\"");
    return *it;
}

long long integer_field(const json& j, const char* name, long long lo, long long hi) {
    const json& v = field(j, name);
    if (!v.is_number_integer()) throw bad(std::string("\"") + name + "\" must be an integer");
    long long x = 0;
    if (v.is_number_unsigned()) {
        const auto u = v.get<unsigned long long>();
        if (u > static_cast<unsigned long long>(hi)) throw bad(std::string("\"") + name + "\" is out of range");
        x = static_cast<long long>(u);
    } else {
        x = v.get<long long>();
    }
    if (x < lo || x > hi)
        throw bad(std::string("\"") + name + std::string("\" must lie between ") + std::to_string(lo) + std::string(" and ") + std::to_string(hi));
    return x;
}
}  // namespace

// The optional "schedule" and "t_end" of a session file (docs/METHODS.md §6.2.1).
static void read_schedule(const json& j, SessionParams& p) {
    auto it = j.find("schedule");
    if (it == j.end()) return;
    if (!it->is_string()) throw bad("\"schedule\" must be a string");
    try {
        p.schedule = parse_schedule_kind(it->get<std::string>());
    } catch (const std::exception&) {
        throw bad("unknown schedule \"" + it->get<std::string>() + "\" (known: constant, linear, cosine)");
    }
    const json& t = field(j, "t_end");
    if (!t.is_number() || !std::isfinite(t.get<double>()) || t.get<double>() <= 0 || t.get<double>() > 100)
        throw bad("\"t_end\" must be a number in (0, 100]");
    p.t_end = static_cast<float>(t.get<double>());
}

std::string session_to_json(const SessionFile& s) {
    const auto& p = s.params;
    json j;
    j["format"] = "topdown-session";
    j["version"] = kSessionFileVersion;
    j["model"] = s.model_path;
    if (!s.model_relative.empty()) j["model_relative"] = s.model_relative;
    if (!s.model_sha256.empty()) j["model_sha256"] = s.model_sha256;
    j["method"] = to_string(p.bias.method);
    j["class_a"] = p.bias.class_a;
    j["class_b"] = p.bias.class_b;
    j["k"] = p.bias.k;
    j["sample_index"] = p.sample_index;
    start_image_to_json(p.bias, j);  // image starts only
    j["seed"] = p.seed;
    j["temperature"] = p.temperature;
    if (p.schedule != ScheduleKind::Constant) {  // optional: files without it have the constant schedule
        j["schedule"] = to_string(p.schedule);
        j["t_end"] = p.t_end;
    }
    j["ensemble_size"] = p.ensemble_size;
    j["steps"] = p.steps;
    j["step"] = s.step;
    return j.dump(2) + "\n";
}

SessionFile session_from_json(const std::string& text) {
    json j;
    try {
        j = json::parse(text);
    } catch (const std::exception& e) {
        throw bad(std::string("not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object()) throw bad("expected a JSON object");
    const json& fmt = field(j, "format");
    if (!fmt.is_string() || fmt.get<std::string>() != "topdown-session") throw bad("\"format\" is not \"topdown-session\"");
    const long long version = integer_field(j, "version", 1, 1000000);
    if (version != kSessionFileVersion)
        throw bad(std::string("version ") + std::to_string(version) + " is not supported (this build reads version " +
                  std::to_string(kSessionFileVersion) + ")");
    SessionFile s;
    const json& model = field(j, "model");
    if (!model.is_string() || model.get<std::string>().empty() || model.get<std::string>().size() > 4096)
        throw bad("\"model\" must be a non-empty path");
    s.model_path = model.get<std::string>();
    if (auto it = j.find("model_relative"); it != j.end()) {  // optional (sessions saved since issue 15)
        if (!it->is_string() || it->get<std::string>().size() > 4096) throw bad("\"model_relative\" must be a path");
        s.model_relative = it->get<std::string>();
    }
    if (auto it = j.find("model_sha256"); it != j.end()) {
        const bool ok = it->is_string() && it->get<std::string>().size() == 64 &&
                        it->get<std::string>().find_first_not_of("0123456789abcdef") == std::string::npos;
        if (!ok) throw bad("\"model_sha256\" must be 64 lowercase hex digits");
        s.model_sha256 = it->get<std::string>();
    }
    const json& method = field(j, "method");
    if (!method.is_string()) throw bad("\"method\" must be a string");
    try {
        s.params.bias.method = parse_bias_method(method.get<std::string>());
    } catch (const std::exception&) {
        throw bad("unknown method \"" + method.get<std::string>() + "\"");
    }
    s.params.bias.class_a = static_cast<int>(integer_field(j, "class_a", 0, kMaxClasses - 1));
    s.params.bias.class_b = static_cast<int>(integer_field(j, "class_b", 0, kMaxClasses - 1));
    s.params.bias.k = static_cast<int>(integer_field(j, "k", 0, kMaxLayerSize));
    s.params.sample_index = static_cast<int>(integer_field(j, "sample_index", 0, 100000000));
    if (s.params.bias.method == BiasMethod::Image) start_image_from_json(j, s.params.bias, "session file: ");
    const json& seed = field(j, "seed");
    if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<long long>() >= 0))
        throw bad("\"seed\" must be a non-negative integer");
    s.params.seed = seed.get<std::uint64_t>();
    const json& t = field(j, "temperature");
    if (!t.is_number()) throw bad("\"temperature\" must be a number");
    const double temp = t.get<double>();
    if (!std::isfinite(temp) || temp <= 0 || temp > 100) throw bad("\"temperature\" must lie in (0, 100]");
    s.params.temperature = static_cast<float>(temp);
    read_schedule(j, s.params);
    s.params.ensemble_size = static_cast<int>(integer_field(j, "ensemble_size", 0, kMaxEnsembleSize));
    s.params.steps = static_cast<int>(integer_field(j, "steps", 1, kMaxSessionSteps));
    s.step = static_cast<int>(integer_field(j, "step", 0, kMaxSessionSteps));
    return s;
}

void save_session(const std::string& path, const SessionFile& session) {
    write_file_atomic(path, session_to_json(session));
}

SessionFile load_session(const std::string& path) {
    const auto bytes = read_file_bounded(path, 1u << 20);
    return session_from_json(std::string(bytes.begin(), bytes.end()));
}

void set_session_model(SessionFile& s, const std::string& model_path, const std::string& session_path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path model = fs::absolute(model_path, ec);
    s.model_path = ec ? model_path : model.lexically_normal().string();
    const fs::path folder = fs::absolute(session_path, ec).parent_path();
    s.model_relative = ec ? std::string() : fs::path(s.model_path).lexically_relative(folder).generic_string();
    try {
        s.model_sha256 = sha256_file(s.model_path);
    } catch (const std::exception&) {
        s.model_sha256.clear();
    }
}

std::string resolve_session_model(const SessionFile& s, const std::string& session_path,
                                  const std::vector<std::string>& model_folders) {
    namespace fs = std::filesystem;
    auto matches = [&](const fs::path& p) {
        std::error_code ec;
        if (p.empty() || !fs::is_regular_file(p, ec)) return false;
        if (s.model_sha256.empty()) return true;
        try {
            return sha256_file(p.string()) == s.model_sha256;
        } catch (const std::exception&) {
            return false;
        }
    };
    try {
        if (!s.model_relative.empty()) {
            const fs::path rel = fs::path(session_path).parent_path() / s.model_relative;
            if (matches(rel)) return rel.lexically_normal().string();
        }
        if (matches(s.model_path)) return s.model_path;
        const fs::path name = fs::path(s.model_path).filename();
        for (const auto& d : model_folders)
            if (!name.empty() && matches(fs::path(d) / name)) return (fs::path(d) / name).string();
        if (!s.model_sha256.empty())
            for (const auto& d : model_folders) {
                std::error_code ec;
                for (fs::directory_iterator it(d, ec), end; !ec && it != end; it.increment(ec))
                    if (it->path().extension() == ".tdm" && matches(it->path())) return it->path().string();
            }
    } catch (const std::exception&) {  // a path the file system rejects: fall back to the saved one
    }
    return s.model_path;
}

}  // namespace topdown
