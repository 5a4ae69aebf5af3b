#include "experiment/study_merge.hpp"

#include <map>

#include "experiment/study_file.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
// An integer header field in [lo, hi], or `fallback` when absent. Throws FileFormatError naming the file.
int header_int(const nlohmann::json& h, const char* key, int lo, int hi, int fallback, const std::string& path) {
    if (!h.contains(key)) return fallback;
    const auto& v = h[key];
    if (!v.is_number_integer() || (v.is_number_unsigned() ? v.get<std::uint64_t>() > std::uint64_t(hi)
                                                          : (v.get<long long>() < lo || v.get<long long>() > hi)))
        throw FileFormatError(path + ": header field '" + key + "' = " + v.dump() + " is not an integer in [" +
                              std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return static_cast<int>(v.get<long long>());
}
std::string header_string(const nlohmann::json& h, const char* key, const std::string& path) {
    if (!h.contains(key) || !h[key].is_string())
        throw FileFormatError(path + ": header field '" + key + "' is missing or not a string (was this shard written by "
                              "`topdown-cli experiment`?)");
    return h[key].get<std::string>();
}
std::string short_sha(const std::string& s) { return s.size() > 16 ? s.substr(0, 16) + "..." : s; }
}  // namespace

void check_results_fit_model(const std::vector<ConditionResult>& results, const Dbn& model, const std::string& name) {
    if (results.empty()) return;
    const StudyShape s = study_shape(results);
    const auto arch = model.architecture();
    int hidden = 0;
    for (std::size_t l = 1; l < arch.size(); ++l) hidden += arch[l];
    const int visible = arch.empty() ? 0 : arch.front(), C = model.num_classes();
    auto bad = [&](const std::string& why) {
        return ArgumentError(name + ": " + why + " (were these results run on another model?)");
    };
    if (s.layers != model.depth())
        throw bad("the results have " + std::to_string(s.layers) + " layers (energy columns), the model has " +
                  std::to_string(model.depth()) + " layers");
    if (s.hidden != hidden)
        throw bad("the results have " + std::to_string(s.hidden) + " hidden units per step (hidden_mean columns), the model has " +
                  std::to_string(hidden));
    if (s.visible != visible)
        throw bad("the results have " + std::to_string(s.visible) + " visible units (filmstrip columns), the model has " +
                  std::to_string(visible));
    for (const auto& r : results) {
        for (int st : r.states)
            if (st < 0 || st > C)
                throw bad("condition '" + r.condition.id + "' has state " + std::to_string(st) + ", but the model's states are 0.." +
                          std::to_string(C) + " (" + std::to_string(C) + " classes + non-class)");
        if (r.condition.bias.method != BiasMethod::Random && (r.condition.bias.class_a >= C || r.condition.bias.class_b >= C))
            throw bad("condition '" + r.condition.id + "' biases class " +
                      std::to_string(std::max(r.condition.bias.class_a, r.condition.bias.class_b)) + ", but the model has " +
                      std::to_string(C) + " classes");
    }
}

namespace {
struct Shard {
    std::string path;
    nlohmann::json meta;
    std::vector<ConditionResult> results;
};

// A shard's header: run on the model given, and with the same study parameters as the first shard.
// Returns the shard's index; `count` receives the number of shards it says the study has.
int check_shard_header(const Shard& s, const std::vector<Shard>& shards, const std::string& model_sha256, int& count) {
    const auto& meta = s.meta;
    const std::string& path = s.path;
    // The model: the shard records the SHA-256 of the model file it was run on.
    if (!meta.contains("model_sha256") || !meta["model_sha256"].is_string())
        throw ArgumentError(path + ": the shard records no model SHA-256, so it cannot be checked against the model given");
    const std::string sha = meta["model_sha256"].get<std::string>();
    if (sha != model_sha256)
        throw ArgumentError(path + ": the shard was run on a model with SHA-256 " + short_sha(sha) +
                            ", but the model given has SHA-256 " + short_sha(model_sha256) +
                            ": pass the model file the shards were run on");
    (void)header_string(meta, "study", path);
    count = header_int(meta, "shards", 1, 100000, 1, path);
    const int i = header_int(meta, "shard", 0, count - 1, 0, path);
    (void)header_int(meta, "k", 0, 65536, 0, path);
    for (const char* key : {"study", "chains", "steps", "seed", "k", "model_sha256", "classifier_sha256", "shards"})
        if (!shards.empty() && meta.value(key, nlohmann::json()) != shards.front().meta.value(key, nlohmann::json()))
            throw ArgumentError(path + " was run with a different '" + key + "' (" + meta.value(key, nlohmann::json()).dump() +
                                ") than " + shards.front().path + " (" +
                                shards.front().meta.value(key, nlohmann::json()).dump() + ")");
    return i;
}

// Every shard's arrays shaped alike (`shape0` of the first shard with results, from `shape0_path`).
void check_shard_shape(const Shard& s, StudyShape& shape0, std::string& shape0_path) {
    const StudyShape sh = study_shape(s.results);
    if (shape0_path.empty()) {
        shape0 = sh;
        shape0_path = s.path;
        return;
    }
    auto differ = [&](const char* what, int a, int b) {
        if (a != b)
            throw ArgumentError(s.path + " has " + std::to_string(a) + " " + what + ", " + shape0_path + " has " + std::to_string(b));
    };
    differ("chains", sh.chains, shape0.chains);
    differ("steps", sh.steps, shape0.steps);
    differ("layers (energy columns)", sh.layers, shape0.layers);
    differ("hidden units per step (hidden_mean columns)", sh.hidden, shape0.hidden);
    differ("visible units (filmstrip columns)", sh.visible, shape0.visible);
}

// The shards' conditions in the study's order (shards interleave conditions); each condition exactly once,
// biased as the study biases the condition of that id.
std::vector<ConditionResult> in_study_order(std::vector<Shard>& shards, const Dbn& dbn, const nlohmann::json& meta0) {
    const auto order = study_conditions(dbn, meta0["study"].get<std::string>(), meta0.value("k", 0));
    std::map<std::string, std::pair<ConditionResult*, const std::string*>> by_id;
    for (auto& s : shards)
        for (auto& r : s.results)
            if (!by_id.emplace(r.condition.id, std::make_pair(&r, &s.path)).second)
                throw ArgumentError("condition '" + r.condition.id + "' appears twice (in " + *by_id[r.condition.id].second +
                                    " and " + s.path + ")");
    std::vector<ConditionResult> sorted;
    std::string missing;
    for (const auto& c : order) {
        const auto it = by_id.find(c.id);
        if (it == by_id.end()) {
            missing += (missing.empty() ? "" : ", ") + c.id;
            continue;
        }
        const ConditionResult& r = *it->second.first;
        const BiasSpec& a = r.condition.bias;
        if (a.method != c.bias.method || a.class_a != c.bias.class_a || a.class_b != c.bias.class_b || a.k != c.bias.k)
            throw ArgumentError(*it->second.second + ": condition '" + c.id + "' was run as " + r.condition.method_name() + " {" +
                                std::to_string(a.class_a) + "," + std::to_string(a.class_b) + "} k=" + std::to_string(a.k) +
                                ", but the study's condition of that id is " + c.method_name() + " {" + std::to_string(c.bias.class_a) +
                                "," + std::to_string(c.bias.class_b) + "} k=" + std::to_string(c.bias.k));
        sorted.push_back(std::move(*it->second.first));
        by_id.erase(it);
    }
    if (!missing.empty()) throw ArgumentError("the shards do not cover every condition of the study: missing " + missing);
    if (!by_id.empty())
        throw ArgumentError(*by_id.begin()->second.second + ": condition '" + by_id.begin()->first +
                            "' is not a condition of the study '" + meta0["study"].get<std::string>() + "'");
    return sorted;
}
}  // namespace

MergedStudy merge_study_shards(const std::vector<std::string>& inputs, const Dbn& dbn, const std::string& model_sha256) {
    if (inputs.empty()) throw ArgumentError("no shard files given");
    std::vector<Shard> shards;
    std::map<int, std::string> seen_shards;  // shard index -> file
    int shard_count = 0;
    StudyShape shape0;
    std::string shape0_path;
    for (const auto& path : inputs) {
        Shard s;
        s.path = path;
        s.results = load_study_results(path, &s.meta);
        int n = 0;
        const int i = check_shard_header(s, shards, model_sha256, n);
        if (shards.empty()) shard_count = n;
        if (!seen_shards.emplace(i, path).second)
            throw ArgumentError(path + ": shard " + std::to_string(i) + " is given twice (also " + seen_shards[i] + ")");
        // Shapes: every shard alike, and like the model.
        if (!s.results.empty()) {
            check_shard_shape(s, shape0, shape0_path);
            check_results_fit_model(s.results, dbn, path);
        }
        shards.push_back(std::move(s));
    }
    if (int(seen_shards.size()) != shard_count)
        throw ArgumentError("expected " + std::to_string(shard_count) + " shards, got " + std::to_string(seen_shards.size()));
    nlohmann::json meta0 = shards.front().meta;
    std::vector<ConditionResult> sorted = in_study_order(shards, dbn, meta0);
    meta0.erase("shard");
    meta0.erase("shards");
    meta0.erase("wall_seconds");
    return {std::move(sorted), std::move(meta0)};
}

}  // namespace topdown
