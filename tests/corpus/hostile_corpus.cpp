#include "corpus/hostile_corpus.hpp"
#include "test_support.hpp"

#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "experiment/study_file.hpp"
#include "math/random.hpp"
#include "model/model_file.hpp"
#include "session/session_file.hpp"
#include "train/trainer.hpp"
#include "util/checksum.hpp"

namespace topdown::corpus {

namespace {

Dbn small_model() {
    Dbn m = init_dbn({12, 8, 6}, 0.1f, 5);
    m.class_names = {"a", "b", "c"};
    m.dataset = "mnist";
    m.label_biasing = test::seeded_uniform(3, 6, 5);
    m.k = 2;
    m.readout_accuracy = 0.5;
    m.training = {{"seed", 5}};
    m.created = "2026-01-01T00:00:00Z";
    return m;
}

// Rewrites the JSON header of an encoded file (keeping arrays where they are relative to the data start).
std::string with_header(const std::string& good, const std::function<void(nlohmann::json&)>& edit) {
    std::uint64_t hl;
    std::memcpy(&hl, good.data() + 16, 8);
    nlohmann::json h = nlohmann::json::parse(good.substr(24, hl));
    edit(h);
    const std::uint64_t old_start = (24 + hl + 63) / 64 * 64;
    std::string hs = h.dump();
    std::string out = good.substr(0, 16);
    const std::uint64_t nl = hs.size();
    out.append(reinterpret_cast<const char*>(&nl), 8);
    out += hs;
    out.resize((out.size() + 63) / 64 * 64, '\0');
    out += good.substr(old_start);
    return out;
}

// A value that no finiteness-blind loader would notice: Inf in the first array, with a matching checksum.
std::string with_infinity(const std::string& good) {
    std::string b = good;
    std::uint64_t hl;
    std::memcpy(&hl, b.data() + 16, 8);
    nlohmann::json h = nlohmann::json::parse(b.substr(24, hl));
    const std::uint64_t start = (24 + hl + 63) / 64 * 64;
    const float inf = std::numeric_limits<float>::infinity();
    std::memcpy(b.data() + start, &inf, 4);
    const auto& a0 = h["arrays"][0];
    const std::uint64_t bytes = a0["rows"].get<std::uint64_t>() * a0["cols"].get<std::uint64_t>() * 4;
    h["arrays"][0]["crc32"] = crc32(b.data() + start, bytes);
    return with_header(b, [&](auto& hh) { hh = h; });
}

}  // namespace

std::string good_model_bytes() { return encode_tensor_file(model_to_tensor_file(small_model())); }

std::vector<CorpusCase> model_corpus() {
    const std::string good = good_model_bytes();
    std::vector<CorpusCase> c;
    auto patched = [&](std::size_t at, char value) {
        std::string s = good;
        s[at] = value;
        return s;
    };
    c.push_back({"bad_magic", patched(0, 'X'), "wrong magic"});
    c.push_back({"future_version", patched(8, 2), "version 2 is not supported"});
    c.push_back({"old_version", patched(8, 0), "version 0"});
    c.push_back({"too_short", good.substr(0, 10), "too short"});
    c.push_back({"truncated_header", good.substr(0, 40), "truncated inside its header"});
    c.push_back({"truncated_arrays", good.substr(0, good.size() - 70), "past the end"});
    {
        std::string s = good;
        s[good.size() - 100] ^= 0x40;  // flip a bit inside the last array
        c.push_back({"checksum_mismatch", s, "checksum"});
    }
    {
        std::string s = good;
        const std::uint64_t huge_len = 1ULL << 40;
        std::memcpy(s.data() + 16, &huge_len, 8);
        c.push_back({"huge_header_length", s, "header length"});
    }
    auto header = [&](const char* name, const std::function<void(nlohmann::json&)>& edit, const char* expected) {
        c.push_back({name, with_header(good, edit), expected});
    };
    header("zero_dimension", [](auto& h) { h["arrays"][0]["rows"] = 0; }, "zero dimension");
    header("negative_dimension", [](auto& h) { h["arrays"][0]["rows"] = -3; }, "lacks a valid 'rows'");
    header("overflowing_dimensions", [](auto& h) {
        h["arrays"][0]["rows"] = 4294967296ULL;
        h["arrays"][0]["cols"] = 4294967296ULL;
    }, "larger than any model");
    header("mismatched_layer_chain", [](auto& h) { h["architecture"] = {12, 9, 6}; }, "expected 12x9");
    header("missing_architecture", [](auto& h) { h.erase("architecture"); }, "lacks 'architecture'");
    header("missing_class_names", [](auto& h) { h.erase("class_names"); }, "lacks 'class_names'");
    header("wrong_kind", [](auto& h) { h["kind"] = "classifier"; }, "expected a 'model' file");
    header("k_out_of_range", [](auto& h) { h["k"] = 99; }, "'k' is out of range");
    header("wrong_field_type", [](auto& h) { h["dataset"] = 5; }, "wrong type");
    header("duplicate_array", [](auto& h) { h["arrays"].push_back(h["arrays"][0]); }, "appears twice");
    header("unknown_array", [](auto& h) {
        auto extra = h["arrays"][0];
        extra["name"] = "Z9";
        h["arrays"].push_back(extra);
    }, "unexpected array 'Z9'");
    header("missing_array", [](auto& h) { h["arrays"].erase(0); }, "array 'W1' is missing");
    c.push_back({"header_not_json", patched(24, '#'), "not valid JSON"});
    c.push_back({"infinite_value", with_infinity(good), "NaN or Inf"});
    c.push_back({"empty_file", std::string(), "too short"});
    return c;
}

std::vector<CorpusCase> session_corpus(const std::string& model_path) {
    SessionFile s;
    s.model_path = model_path;
    s.params.bias.method = BiasMethod::Intersection;
    s.params.bias.class_a = 2;
    s.params.bias.class_b = 9;
    s.params.seed = 7;
    s.params.ensemble_size = 100;
    s.params.steps = 40;
    s.step = 10;
    const nlohmann::json good = nlohmann::json::parse(session_to_json(s));
    const std::vector<std::pair<std::string, nlohmann::json>> bad_values = {
        {"format", "something-else"}, {"format", 3},          {"version", 2},        {"version", "1"},
        {"model", ""},                {"model", 5},           {"method", "chimera"}, {"method", nullptr},
        {"class_a", -1},              {"class_a", 1.5},       {"class_b", 100000},   {"k", -3},
        {"seed", -1},                 {"seed", 2.5},          {"seed", "7"},         {"temperature", 0},
        {"temperature", -1},          {"temperature", 1e9},   {"temperature", "hot"}, {"ensemble_size", 5000},
        {"ensemble_size", -1},        {"steps", 0},           {"steps", 1e12},       {"step", -5},
        {"step", nlohmann::json::array()}, {"sample_index", -1}};
    std::vector<CorpusCase> c;
    int i = 0;
    for (const auto& [key, value] : bad_values) {
        nlohmann::json j = good;
        j[key] = value;
        c.push_back({"bad_" + key + "_" + std::to_string(i++), j.dump(), ""});
    }
    for (const char* key : {"format", "version", "model", "method", "class_a", "class_b", "k", "seed", "temperature",
                            "ensemble_size", "steps", "step", "sample_index"}) {
        nlohmann::json j = good;
        j.erase(key);
        c.push_back({std::string("missing_") + key, j.dump(), ""});
    }
    i = 0;
    for (const char* text : {"", "{", "[]", "null", "42", "\"text\"", "{\"format\": \"topdown-session\"}",
                             "\xff\xfe garbage"})
        c.push_back({"not_a_session_" + std::to_string(i++), text, ""});
    return c;
}

namespace {
// The results of the good study file: conditions label-0 and label-1, seeded contents.
std::vector<ConditionResult> good_study_results() {
    std::vector<ConditionResult> rs;
    for (int c = 0; c < 2; ++c) {
        CounterRng rng(40 + std::uint64_t(c), 0);
        ConditionResult r;
        r.condition = {"label-" + std::to_string(c), BiasSpec{}, "LB " + std::to_string(c)};
        r.condition.bias.method = BiasMethod::Label;
        r.condition.bias.class_a = r.condition.bias.class_b = c;
        r.condition.bias.k = 2;
        r.chains = 3;
        r.steps = 4;
        for (int i = 0; i < 12; ++i) r.states.push_back(int(rng.below(4)));
        auto fill = [&](int rows, int cols) {
            Matrix m(rows, cols);
            rng.uniform(m.data(), std::size_t(m.size()));
            return m;
        };
        r.energy_mean = fill(4, 2);
        r.energy_sem = fill(4, 2);
        r.active_mean = fill(4, 2);
        r.hidden_mean = fill(4, 14);
        r.entropy_mean = fill(1, 4);
        r.filmstrip = fill(9, 16);  // 3 chains x frames {1, 2, 3}
        rs.push_back(std::move(r));
    }
    return rs;
}
nlohmann::json good_study_meta() {
    return {{"study", "label"}, {"chains", 3}, {"steps", 4}, {"seed", 1}, {"k", 0}, {"model", "m.tdm"},
            {"model_sha256", std::string(64, '0')}, {"classifier", "c.tdc"}, {"classifier_sha256", std::string(64, '1')}};
}
}  // namespace

std::string good_study_bytes() { return encode_tensor_file(study_to_tensor_file(good_study_results(), good_study_meta())); }

std::vector<CorpusCase> study_corpus() {
    const TensorFile good = study_to_tensor_file(good_study_results(), good_study_meta());
    std::vector<CorpusCase> c;
    auto header = [&](const char* name, const std::function<void(nlohmann::json&)>& edit, const char* expected) {
        TensorFile f = good;
        edit(f.header);
        c.push_back({name, encode_tensor_file(f), expected});
    };
    auto array = [&](const char* name, const char* array_name, Matrix m, const char* expected) {
        TensorFile f = good;
        for (auto& [n, a] : f.arrays)
            if (n == array_name) a = m;
        c.push_back({name, encode_tensor_file(f), expected});
    };
    header("no_condition_list", [](auto& h) { h.erase("conditions"); }, "no condition list");
    header("conditions_not_a_list", [](auto& h) { h["conditions"] = "all"; }, "no condition list");
    header("condition_not_an_object", [](auto& h) { h["conditions"][1] = 7; }, "not a JSON object");
    header("class_as_string", [](auto& h) { h["conditions"][0]["class_a"] = "two"; }, "'class_a' is missing or not an integer");
    header("class_out_of_range", [](auto& h) { h["conditions"][0]["class_a"] = 5000; }, "'class_a' = 5000 is out of range");
    header("k_as_float", [](auto& h) { h["conditions"][0]["k"] = 1e30; }, "'k' is missing or not an integer");
    header("chains_huge", [](auto& h) { h["conditions"][0]["chains"] = 18446744073709551615ULL; }, "'chains' = ");
    header("steps_missing", [](auto& h) { h["conditions"][1].erase("steps"); }, "'steps' is missing");
    header("empty_not_bool", [](auto& h) { h["conditions"][0]["empty"] = 0; }, "'empty' is missing or not true/false");
    header("unknown_method", [](auto& h) { h["conditions"][0]["method"] = "magic"; }, "unknown biasing method 'magic'");
    header("sample_method", [](auto& h) { h["conditions"][0]["method"] = "sample"; }, "not a study condition");
    header("header_steps_differ", [](auto& h) { h["steps"] = 5; }, "the header says 5");
    header("header_chains_not_int", [](auto& h) { h["chains"] = "3"; }, "'chains' is missing or not an integer");
    header("conditions_differ", [](auto& h) {
        h["conditions"][1]["chains"] = 2;
        h.erase("chains");
    }, "condition 1: runs 2 chains x 4 steps, condition 0 runs 3 x 4");
    header("condition_without_arrays", [](auto& h) { h["conditions"].push_back(h["conditions"][0]); }, "unexpected or missing arrays");
    header("wrong_kind", [](auto& h) { h["kind"] = "model"; }, "expected a 'study-results' file");
    array("energy_sem_narrow", "0_energy_sem", Matrix::Zero(4, 1), "'0_energy_sem' is 4x1, but '0_energy_mean' is 4x2");
    array("active_mean_short", "1_active_mean", Matrix::Zero(3, 2), "'1_active_mean' is 3x2");
    array("energy_wider_than_layers", "0_energy_mean", Matrix::Zero(4, 9), "more columns than a model has layers");
    array("hidden_width_differs", "1_hidden_mean", Matrix::Zero(4, 13), "'1_hidden_mean' is 4x13, expected 4x14");
    array("entropy_wrong_length", "0_entropy_mean", Matrix::Zero(1, 3), "'0_entropy_mean' is 1x3, expected 1x4");
    array("filmstrip_too_many_rows", "0_filmstrip", Matrix::Zero(10, 16), "'0_filmstrip' is 10x16");
    array("filmstrip_width_differs", "1_filmstrip", Matrix::Zero(9, 15), "'1_filmstrip' is 9x15");
    array("states_wrong_shape", "1_states", Matrix::Zero(4, 3), "'1_states' is 4x3");
    {
        Matrix st = Matrix::Zero(3, 4);
        st(2, 3) = 2.5f;
        array("state_not_integer", "0_states", st, "not a valid class index");
        st(2, 3) = -1;
        array("state_negative", "0_states", st, "not a valid class index");
        st(2, 3) = 1e6f;
        array("state_huge", "0_states", st, "not a valid class index");
    }
    {
        TensorFile f = good;
        f.arrays.emplace_back("9_states", Matrix::Zero(1, 1));
        c.push_back({"extra_array", encode_tensor_file(f), "unexpected or missing arrays"});
        f = good;
        f.arrays[3].first = "0_renamed";
        c.push_back({"missing_array", encode_tensor_file(f), "array '0_active_mean' is missing"});
    }
    c.push_back({"model_file", good_model_bytes(), "expected a 'study-results' file"});
    return c;
}

}  // namespace topdown::corpus
