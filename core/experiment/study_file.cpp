#include "experiment/study_file.hpp"

#include <cmath>

#include "model/tensor_file.hpp"
#include "util/errors.hpp"

namespace topdown {

void save_study_results(const std::string& path, const std::vector<ConditionResult>& results, const nlohmann::json& meta) {
    TensorFile f;
    f.header = meta;
    f.header["kind"] = "study-results";
    nlohmann::json conds = nlohmann::json::array();
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        const auto& c = r.condition;
        conds.push_back({{"id", c.id}, {"method", c.method}, {"title", c.title}, {"class_a", c.bias.class_a},
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
    write_tensor_file(path, f);
}

std::vector<ConditionResult> load_study_results(const std::string& path, nlohmann::json* meta) {
    const TensorFile f = read_tensor_file(path, "study-results");
    auto bad = [&](const std::string& why) { return FileFormatError(path + ": " + why); };
    std::vector<ConditionResult> out;
    try {
        const auto& conds = f.header.at("conditions");
        if (!conds.is_array() || conds.size() > 100000) throw bad("bad condition list");
        for (std::size_t i = 0; i < conds.size(); ++i) {
            const auto& c = conds[i];
            ConditionResult r;
            r.condition.id = c.at("id").get<std::string>();
            r.condition.method = c.at("method").get<std::string>();
            r.condition.title = c.at("title").get<std::string>();
            r.condition.bias.method = parse_bias_method(r.condition.method);
            r.condition.bias.class_a = c.at("class_a").get<int>();
            r.condition.bias.class_b = c.at("class_b").get<int>();
            r.condition.bias.k = c.at("k").get<int>();
            r.chains = c.at("chains").get<int>();
            r.steps = c.at("steps").get<int>();
            r.initial_active = c.at("initial_active").get<int>();
            r.empty = c.at("empty").get<bool>();
            const std::string p = std::to_string(i) + "_";
            auto need = [&](const std::string& n) -> const Matrix& {
                const Matrix* m = f.find(p + n);
                if (!m) throw bad("array '" + p + n + "' is missing");
                return *m;
            };
            const Matrix& st = need("states");
            if (st.rows() != r.chains || st.cols() != r.steps) throw bad("state array has the wrong shape");
            r.states.resize(static_cast<std::size_t>(st.size()));
            for (Eigen::Index k = 0; k < st.size(); ++k) {
                const float v = st.data()[k];
                if (v < 0 || v > 1000 || v != std::floor(v)) throw bad("a state is not a valid class index");
                r.states[std::size_t(k)] = static_cast<int>(v);
            }
            r.energy_mean = need("energy_mean");
            r.energy_sem = need("energy_sem");
            r.active_mean = need("active_mean");
            r.hidden_mean = need("hidden_mean");
            r.entropy_mean = need("entropy_mean");
            r.filmstrip = need("filmstrip");
            if (r.energy_mean.rows() != r.steps || r.hidden_mean.rows() != r.steps || r.active_mean.rows() != r.steps)
                throw bad("per-step arrays do not match the step count");
            out.push_back(std::move(r));
        }
    } catch (const nlohmann::json::exception&) {
        throw bad("the header lacks a field or has one of the wrong type");
    } catch (const ArgumentError& e) {
        throw bad(e.what());
    }
    if (meta) *meta = f.header;
    return out;
}

}  // namespace topdown
