// Sweep plans: strict parsing of JSON (and TOML through plan_toml.cpp) into a checked SweepPlan.
#include "sweep/sweep_plan.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "sweep/plan_toml.hpp"
#include "util/atomic_file.hpp"

namespace topdown {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

struct Ctx {
    std::string source;
    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw PlanError(source + ": " + where + ": " + what);
    }
};

void check_keys(const Ctx& c, const json& j, const std::string& where, const std::set<std::string>& allowed) {
    if (!j.is_object()) c.fail(where, "expected an object (a table)");
    for (const auto& [k, v] : j.items())
        if (!allowed.count(k)) {
            std::string list;
            for (const auto& a : allowed) { if (!list.empty()) list += ", "; list += a; }
            c.fail(where, "unknown key '" + k + "' (known: " + list + ")");
        }
}

std::string get_string(const Ctx& c, const json& j, const std::string& key, const std::string& where, const std::string& def,
                       bool required = false) {
    if (!j.contains(key)) {
        if (required) c.fail(where, "'" + key + "' is required");
        return def;
    }
    if (!j[key].is_string() || j[key].get<std::string>().empty()) c.fail(where + "." + key, "expected a non-empty string");
    return j[key].get<std::string>();
}

long long get_int(const Ctx& c, const json& j, const std::string& key, const std::string& where, long long def, long long lo,
                  long long hi) {
    if (!j.contains(key)) return def;
    const json& v = j[key];
    if (!v.is_number_integer()) c.fail(where + "." + key, "expected a whole number");
    const long long x = v.is_number_unsigned() && v.get<unsigned long long>() > 9000000000000000000ull ? hi + 1 : v.get<long long>();
    if (x < lo || x > hi) c.fail(where + "." + key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    return x;
}

std::vector<std::uint64_t> get_seeds(const Ctx& c, const json& j, const std::string& where) {
    if (!j.contains("seeds")) c.fail(where, "'seeds' is required (a list of whole numbers, e.g. [1, 2, 3])");
    const json& s = j["seeds"];
    if (!s.is_array() || s.empty()) c.fail(where + ".seeds", "expected a non-empty list of whole numbers");
    std::vector<std::uint64_t> out;
    for (const auto& v : s) {
        if (!v.is_number_integer() || (v.is_number_integer() && !v.is_number_unsigned() && v.get<long long>() < 0))
            c.fail(where + ".seeds", "every seed must be a whole number >= 0");
        const std::uint64_t x = v.get<std::uint64_t>();
        if (std::find(out.begin(), out.end(), x) != out.end()) c.fail(where + ".seeds", "seed " + std::to_string(x) + " appears twice");
        out.push_back(x);
    }
    return out;
}

std::vector<std::string> get_strings(const Ctx& c, const json& j, const std::string& key, const std::string& where) {
    if (!j.contains(key)) c.fail(where, "'" + key + "' is required (a list of strings)");
    const json& s = j[key];
    if (s.is_string()) return {s.get<std::string>()};
    if (!s.is_array() || s.empty()) c.fail(where + "." + key, "expected a non-empty list of strings");
    std::vector<std::string> out;
    for (const auto& v : s) {
        if (!v.is_string() || v.get<std::string>().empty()) c.fail(where + "." + key, "every entry must be a non-empty string");
        if (std::find(out.begin(), out.end(), v.get<std::string>()) != out.end())
            c.fail(where + "." + key, "'" + v.get<std::string>() + "' appears twice");
        out.push_back(v.get<std::string>());
    }
    return out;
}

void check_name(const Ctx& c, const std::string& name, const std::string& where) {
    if (name.empty() || name.size() > 64 || name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") != std::string::npos ||
        name[0] == '.' || name[0] == '-')
        c.fail(where + ".name", "'" + name + "' must be 1-64 letters, digits, '_', '.' or '-' (not starting with '.' or '-')");
}

std::string resolve(const std::string& base, const std::string& p) {
    const fs::path path(p);
    return fs::weakly_canonical(path.is_absolute() ? path : fs::path(base) / path).string();
}

bool is_member(const std::string& v, std::initializer_list<const char*> options) {
    for (const char* o : options)
        if (v == o) return true;
    return false;
}
}  // namespace

const TrainingSpec* SweepPlan::training(const std::string& n) const {
    for (const auto& t : trainings)
        if (t.name == n) return &t;
    return nullptr;
}

namespace {

// Checks a layer-size list like 784-500-500-1000 (at least two sizes, each 1..999999).
void check_arch(const Ctx& c, const std::string& a, const std::string& w) {
    bool ok = !a.empty() && a.find_first_not_of("0123456789-") == std::string::npos && a.front() != '-' &&
              a.back() != '-' && a.find("--") == std::string::npos && a.find('-') != std::string::npos;
    if (ok)
        for (std::size_t pos = 0; pos < a.size();) {
            const auto e = a.find('-', pos);
            const std::string part = a.substr(pos, e == std::string::npos ? std::string::npos : e - pos);
            if (part.size() > 6 || std::stol(part) < 1) ok = false;
            if (e == std::string::npos) break;
            pos = e + 1;
        }
    if (!ok) c.fail(w + ".arch", "'" + a + "' is not a list of layer sizes like 784-500-500-1000");
}

// Parses and checks one [[trainings]] table; names collects the names used so far.
TrainingSpec training_spec(const Ctx& c, const json& t, const std::string& w, std::set<std::string>& names) {
    check_keys(c, t, w, {"name", "arch", "mode", "recipe", "dataset", "epochs", "batch_size", "lr", "limit", "seeds"});
    TrainingSpec s;
    s.name = get_string(c, t, "name", w, "", true);
    check_name(c, s.name, w);
    if (!names.insert(s.name).second) c.fail(w + ".name", "'" + s.name + "' is used twice");
    s.arch = get_string(c, t, "arch", w, s.arch);
    check_arch(c, s.arch, w);
    s.mode = get_string(c, t, "mode", w, s.mode);
    if (!is_member(s.mode, {"iterative", "greedy"})) c.fail(w + ".mode", "must be iterative or greedy");
    s.recipe = get_string(c, t, "recipe", w, s.recipe);
    if (!is_member(s.recipe, {"idbn2025", "rbm2023"})) c.fail(w + ".recipe", "must be idbn2025 or rbm2023");
    s.dataset = get_string(c, t, "dataset", w, s.dataset);
    if (!is_member(s.dataset, {"mnist", "fashion"})) c.fail(w + ".dataset", "must be mnist or fashion");
    s.epochs = int(get_int(c, t, "epochs", w, 0, 1, 100000));
    s.batch_size = int(get_int(c, t, "batch_size", w, 0, 1, 100000));
    s.limit = std::uint64_t(get_int(c, t, "limit", w, 0, 1, 100000000));
    if (t.contains("lr")) {
        if (!t["lr"].is_number() || t["lr"].get<double>() <= 0 || t["lr"].get<double>() > 10)
            c.fail(w + ".lr", "must be a number in (0, 10]");
        s.lr = t["lr"].get<double>();
    }
    s.seeds = get_seeds(c, t, w);
    return s;
}

// Parses and checks one [[studies]] table; models name a training of p or a file relative to base_dir.
StudySpec study_spec(const Ctx& c, const json& t, const std::string& w, std::set<std::string>& names, const SweepPlan& p,
                     const std::string& base_dir) {
    check_keys(c, t, w, {"name", "models", "kinds", "classifier", "chains", "steps", "k", "seeds", "shards"});
    StudySpec s;
    s.name = get_string(c, t, "name", w, "", true);
    check_name(c, s.name, w);
    if (!names.insert(s.name).second) c.fail(w + ".name", "'" + s.name + "' is used twice");
    for (const auto& m : get_strings(c, t, "models", w)) {
        if (p.training(m)) {
            s.models.push_back(m);
            continue;
        }
        const std::string path = resolve(base_dir, m);
        if (!fs::is_regular_file(path))
            c.fail(w + ".models", "'" + m + "' is neither a training of this plan nor a model file (" + path + ")");
        s.models.push_back(path);
    }
    s.kinds = get_strings(c, t, "kinds", w);
    for (const auto& k : s.kinds)
        if (!is_member(k, {"label", "double", "intersection", "random", "all"}))
            c.fail(w + ".kinds", "'" + k + "' is not a study kind (label, double, intersection, random, all)");
    s.classifier = resolve(base_dir, get_string(c, t, "classifier", w, "", true));
    if (!fs::is_regular_file(s.classifier)) c.fail(w + ".classifier", "no such file: " + s.classifier);
    s.chains = int(get_int(c, t, "chains", w, 100, 1, 100000));
    s.steps = int(get_int(c, t, "steps", w, 100, 1, 100000));
    s.k = int(get_int(c, t, "k", w, 0, 0, 65536));
    s.shards = int(get_int(c, t, "shards", w, 1, 1, 4096));
    s.seeds = get_seeds(c, t, w);
    return s;
}

// Two model files with the same name would share output folders.
void check_model_stems(const Ctx& c, const SweepPlan& p) {
    for (const auto& s : p.studies) {
        std::set<std::string> stems;
        for (const auto& m : s.models) {
            const std::string stem = p.training(m) ? m : fs::path(m).stem().string();
            if (!stems.insert(stem).second) c.fail("studies." + s.name + ".models", "two models are both called '" + stem + "'");
        }
    }
}

}  // namespace

SweepPlan plan_from_json(const json& j, const std::string& base_dir, const std::string& source) {
    const Ctx c{source};
    check_keys(c, j, "plan", {"name", "work_dir", "threads", "retries", "throttle", "partition", "trainings", "studies"});
    SweepPlan p;
    p.name = get_string(c, j, "name", "plan", "sweep");
    check_name(c, p.name, "plan");
    p.work_dir = resolve(base_dir, get_string(c, j, "work_dir", "plan", p.name + "-work"));
    p.threads = int(get_int(c, j, "threads", "plan", 1, 1, 256));
    p.retries = int(get_int(c, j, "retries", "plan", 1, 0, 10));
    p.throttle = int(get_int(c, j, "throttle", "plan", 0, 0, 100000));
    p.partition = get_string(c, j, "partition", "plan", "");
    std::set<std::string> names;
    if (j.contains("trainings")) {
        if (!j["trainings"].is_array()) c.fail("trainings", "expected a list of tables");
        for (std::size_t i = 0; i < j["trainings"].size(); ++i)
            p.trainings.push_back(training_spec(c, j["trainings"][i], "trainings[" + std::to_string(i) + "]", names));
    }
    if (j.contains("studies")) {
        if (!j["studies"].is_array()) c.fail("studies", "expected a list of tables");
        for (std::size_t i = 0; i < j["studies"].size(); ++i)
            p.studies.push_back(study_spec(c, j["studies"][i], "studies[" + std::to_string(i) + "]", names, p, base_dir));
    }
    if (p.trainings.empty() && p.studies.empty()) c.fail("plan", "names no trainings and no studies: nothing to run");
    check_model_stems(c, p);
    return p;
}

json plan_to_json(const SweepPlan& p) {
    json j = {{"name", p.name}, {"work_dir", p.work_dir}, {"threads", p.threads}, {"retries", p.retries}, {"throttle", p.throttle}};
    if (!p.partition.empty()) j["partition"] = p.partition;
    j["trainings"] = json::array();
    for (const auto& t : p.trainings) {
        json x = {{"name", t.name}, {"arch", t.arch}, {"mode", t.mode}, {"recipe", t.recipe}, {"dataset", t.dataset}, {"seeds", t.seeds}};
        if (t.epochs) x["epochs"] = t.epochs;
        if (t.batch_size) x["batch_size"] = t.batch_size;
        if (t.lr > 0) x["lr"] = t.lr;
        if (t.limit) x["limit"] = t.limit;
        j["trainings"].push_back(x);
    }
    j["studies"] = json::array();
    for (const auto& s : p.studies)
        j["studies"].push_back({{"name", s.name}, {"models", s.models}, {"kinds", s.kinds}, {"classifier", s.classifier},
                                {"chains", s.chains}, {"steps", s.steps}, {"k", s.k}, {"seeds", s.seeds}, {"shards", s.shards}});
    return j;
}

SweepPlan parse_plan_text(const std::string& text, bool toml, const std::string& base_dir, const std::string& source) {
    json j;
    if (toml) {
        j = toml_to_json(text, source);
    } else {
        try {
            j = json::parse(text);
        } catch (const json::parse_error& e) {
            throw PlanError(source + ": not valid JSON: " + e.what());
        }
    }
    return plan_from_json(j, base_dir, source);
}

SweepPlan load_plan(const std::string& path) {
    const auto bytes = read_file_bounded(path, 16u << 20);
    const std::string ext = fs::path(path).extension().string();
    if (ext != ".json" && ext != ".toml") throw PlanError(path + ": a plan file ends in .json or .toml");
    const std::string base = fs::absolute(fs::path(path)).parent_path().string();
    return parse_plan_text(std::string(bytes.begin(), bytes.end()), ext == ".toml", base, path);
}

bool plan_toml_supported() { return toml_supported(); }

}  // namespace topdown
