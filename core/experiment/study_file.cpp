#include "experiment/study_file.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "model/model_file.hpp"
#include "model/tensor_file.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
constexpr int kArraysPerCondition = 7;
constexpr int kMaxStudyConditions = 100000;

// An integer field of a JSON object in [lo, hi] (no floats, no strings); throws `bad(...)` otherwise.
template <class Bad>
int int_field(const nlohmann::json& j, const char* key, long long lo, long long hi, const Bad& bad) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_number_integer())
        throw bad(std::string("'") + key + "' is missing or not an integer");
    const long long v = j[key].is_number_unsigned() && j[key].get<std::uint64_t>() > std::uint64_t(hi)
                            ? hi + 1
                            : j[key].get<long long>();
    if (v < lo || v > hi)
        throw bad(std::string("'") + key + "' = " + j[key].dump() + " is out of range [" + std::to_string(lo) + ", " +
                  std::to_string(hi) + "]");
    return static_cast<int>(v);
}
template <class Bad>
std::string string_field(const nlohmann::json& j, const char* key, const Bad& bad) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_string()) throw bad(std::string("'") + key + "' is missing or not a string");
    return j[key].get<std::string>();
}
std::string shape_text(Eigen::Index r, Eigen::Index c) { return std::to_string(r) + "x" + std::to_string(c); }
}  // namespace

TensorFile study_to_tensor_file(const std::vector<ConditionResult>& results, const nlohmann::json& meta) {
    TensorFile f;
    f.header = meta;
    f.header["kind"] = "study-results";
    nlohmann::json conds = nlohmann::json::array();
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        const auto& c = r.condition;
        conds.push_back({{"id", c.id}, {"method", c.method_name()}, {"title", c.title}, {"class_a", c.bias.class_a},
                         {"class_b", c.bias.class_b}, {"k", c.bias.k}, {"chains", r.chains}, {"steps", r.steps},
                         {"initial_active", r.initial_active}, {"empty", r.empty}});
        Matrix st(r.chains, r.steps);
        for (int k = 0; k < r.chains * r.steps; ++k) st.data()[k] = static_cast<float>(r.states[std::size_t(k)]);
        const std::string p = std::to_string(i) + "_";
        f.add(p + "states", st);
        f.add(p + "energy_mean", r.energy_mean);
        f.add(p + "energy_sem", r.energy_sem);
        f.add(p + "active_mean", r.active_mean);
        f.add(p + "hidden_mean", r.hidden_mean);
        f.add(p + "entropy_mean", r.entropy_mean);
        f.add(p + "filmstrip", r.filmstrip);
    }
    f.header["conditions"] = conds;
    return f;
}

void save_study_results(const std::string& path, const std::vector<ConditionResult>& results, const nlohmann::json& meta) {
    write_tensor_file(path, study_to_tensor_file(results, meta));
}

namespace {
using BadFile = std::function<FileFormatError(const std::string&)>;

// The header fields of one condition, checked against the file header's chains and steps (0: not given).
ConditionResult read_condition_header(const nlohmann::json& c, const BadFile& badc, int head_chains, int head_steps) {
    const int max_dim = static_cast<int>(kMaxArrayDim);
    if (!c.is_object()) throw badc("not a JSON object");
    ConditionResult r;
    r.condition.id = string_field(c, "id", badc);
    const std::string method = string_field(c, "method", badc);
    r.condition.title = string_field(c, "title", badc);
    try {
        r.condition.bias.method = parse_bias_method(method);
    } catch (const ArgumentError& e) {
        throw badc(e.what());
    }
    if (r.condition.bias.method == BiasMethod::Sample) throw badc("method 'sample' is not a study condition");
    r.condition.bias.class_a = int_field(c, "class_a", 0, kMaxClasses - 1, badc);
    r.condition.bias.class_b = int_field(c, "class_b", 0, kMaxClasses - 1, badc);
    r.condition.bias.k = int_field(c, "k", 0, kMaxLayerSize, badc);
    r.chains = int_field(c, "chains", 1, max_dim, badc);
    r.steps = int_field(c, "steps", 1, max_dim, badc);
    r.initial_active = int_field(c, "initial_active", 0, kMaxLayerSize, badc);
    if (!c.contains("empty") || !c["empty"].is_boolean()) throw badc("'empty' is missing or not true/false");
    r.empty = c["empty"].get<bool>();
    if (head_chains && r.chains != head_chains)
        throw badc("has " + std::to_string(r.chains) + " chains, the header says " + std::to_string(head_chains));
    if (head_steps && r.steps != head_steps)
        throw badc("has " + std::to_string(r.steps) + " steps, the header says " + std::to_string(head_steps));
    return r;
}

// The states of condition `p` ("i_"): chains x steps class indices.
void read_condition_states(ConditionResult& r, const Matrix& st, const std::string& p, const BadFile& bad) {
    if (st.rows() != r.chains || st.cols() != r.steps)
        throw bad("array '" + p + "states' is " + shape_text(st.rows(), st.cols()) + ", expected chains x steps = " +
                  shape_text(r.chains, r.steps));
    r.states.resize(static_cast<std::size_t>(st.size()));
    for (Eigen::Index k = 0; k < st.size(); ++k) {
        const float v = st.data()[k];
        if (v < 0 || v > float(kMaxClasses) || v != std::floor(v)) throw bad("a state in '" + p + "states' is not a valid class index");
        r.states[std::size_t(k)] = static_cast<int>(v);
    }
}

// The arrays of condition i, each shape checked: rows fixed by the condition, columns by condition 0 (`shape`).
void read_condition_arrays(ConditionResult& r, const TensorFile& f, std::size_t i, StudyShape& shape, const BadFile& bad) {
    const std::string p = std::to_string(i) + "_";
    auto need = [&](const std::string& n) -> const Matrix& {
        const Matrix* m = f.find(p + n);
        if (!m) throw bad("array '" + p + n + "' is missing");
        return *m;
    };
    auto check = [&](const std::string& n, const Matrix& m, Eigen::Index rows, int* cols, const std::string& what) {
        if (m.rows() != rows || (*cols && m.cols() != *cols))
            throw bad("array '" + p + n + "' is " + shape_text(m.rows(), m.cols()) + ", expected " +
                      shape_text(rows, *cols ? *cols : m.cols()) + " (" + what + ")");
        *cols = static_cast<int>(m.cols());
    };
    read_condition_states(r, need("states"), p, bad);
    r.energy_mean = need("energy_mean");
    r.energy_sem = need("energy_sem");
    r.active_mean = need("active_mean");
    r.hidden_mean = need("hidden_mean");
    r.entropy_mean = need("entropy_mean");
    r.filmstrip = need("filmstrip");
    check("energy_mean", r.energy_mean, r.steps, &shape.layers, "steps x layers, as in condition 0");
    if (shape.layers > kMaxModelLayers) throw bad("array '" + p + "energy_mean' has more columns than a model has layers");
    for (const auto& [n, m] : {std::pair<const char*, const Matrix*>{"energy_sem", &r.energy_sem}, {"active_mean", &r.active_mean}})
        if (m->rows() != r.energy_mean.rows() || m->cols() != r.energy_mean.cols())
            throw bad("array '" + p + n + "' is " + shape_text(m->rows(), m->cols()) + ", but '" + p + "energy_mean' is " +
                      shape_text(r.energy_mean.rows(), r.energy_mean.cols()) + " (both steps x layers)");
    check("hidden_mean", r.hidden_mean, r.steps, &shape.hidden, "steps x hidden units, as in condition 0");
    if (shape.hidden < shape.layers) throw bad("array '" + p + "hidden_mean' has fewer columns than there are layers");
    int one = 1;
    int steps_cols = r.steps;
    check("entropy_mean", r.entropy_mean, one, &steps_cols, "1 x steps");
    const Eigen::Index film_rows = Eigen::Index(std::min(3, r.chains)) * Eigen::Index(study_filmstrip_steps(r.steps).size());
    if (r.filmstrip.rows() < 1 || r.filmstrip.rows() > film_rows || (shape.visible && r.filmstrip.cols() != shape.visible))
        throw bad("array '" + p + "filmstrip' is " + shape_text(r.filmstrip.rows(), r.filmstrip.cols()) +
                  ", expected at most " + shape_text(film_rows, shape.visible ? shape.visible : r.filmstrip.cols()) +
                  " (frames x visible units)");
    shape.visible = static_cast<int>(r.filmstrip.cols());
}

std::vector<ConditionResult> study_from_tensor_file(const TensorFile& f, const std::string& path, nlohmann::json* meta) {
    const BadFile bad = [&](const std::string& why) { return FileFormatError(path + ": " + why); };
    const auto& h = f.header;
    if (!h.contains("conditions") || !h["conditions"].is_array()) throw bad("the header has no condition list");
    const auto& conds = h["conditions"];
    if (conds.size() > std::size_t(kMaxStudyConditions)) throw bad("too many conditions (" + std::to_string(conds.size()) + ")");
    if (f.arrays.size() != conds.size() * kArraysPerCondition)
        throw bad("the file holds " + std::to_string(f.arrays.size()) + " arrays, expected " +
                  std::to_string(kArraysPerCondition) + " per condition (" + std::to_string(conds.size() * kArraysPerCondition) +
                  "): unexpected or missing arrays");
    // The header's chains and steps (written by `topdown-cli experiment`) bind every condition.
    const int max_dim = static_cast<int>(kMaxArrayDim);
    const int head_chains = h.contains("chains") ? int_field(h, "chains", 1, max_dim, bad) : 0;
    const int head_steps = h.contains("steps") ? int_field(h, "steps", 1, max_dim, bad) : 0;
    std::vector<ConditionResult> out;
    StudyShape shape;
    for (std::size_t i = 0; i < conds.size(); ++i) {
        const std::string where = "condition " + std::to_string(i);
        const BadFile badc = [&](const std::string& why) { return bad(where + ": " + why); };
        ConditionResult r = read_condition_header(conds[i], badc, head_chains, head_steps);
        if (i == 0) {
            shape.chains = r.chains;
            shape.steps = r.steps;
        } else if (r.chains != shape.chains || r.steps != shape.steps) {
            throw badc("runs " + std::to_string(r.chains) + " chains x " + std::to_string(r.steps) +
                       " steps, condition 0 runs " + std::to_string(shape.chains) + " x " + std::to_string(shape.steps));
        }
        read_condition_arrays(r, f, i, shape, bad);
        out.push_back(std::move(r));
    }
    if (meta) *meta = f.header;
    return out;
}
}  // namespace

std::vector<ConditionResult> parse_study_results(const unsigned char* data, std::size_t size, const std::string& name,
                                                 nlohmann::json* meta) {
    return study_from_tensor_file(decode_tensor_file(data, size, name, "study-results"), name, meta);
}

std::vector<ConditionResult> load_study_results(const std::string& path, nlohmann::json* meta) {
    return study_from_tensor_file(read_tensor_file(path, "study-results"), path, meta);
}

StudyShape study_shape(const std::vector<ConditionResult>& results) {
    StudyShape s;
    if (results.empty()) return s;
    const auto& r = results.front();
    s.chains = r.chains;
    s.steps = r.steps;
    s.layers = static_cast<int>(r.energy_mean.cols());
    s.hidden = static_cast<int>(r.hidden_mean.cols());
    s.visible = static_cast<int>(r.filmstrip.cols());
    return s;
}

}  // namespace topdown
