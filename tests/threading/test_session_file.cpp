// Session files: round trip, and every malformed input is rejected with FileFormatError (never a crash).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "session/session_file.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
SessionFile example() {
    SessionFile s;
    s.model_path = "/models/idbn.tdm";
    s.params.bias.method = BiasMethod::Intersection;
    s.params.bias.class_a = 2;
    s.params.bias.class_b = 9;
    s.params.bias.k = 0;
    s.params.seed = 18446744073709551615ull;
    s.params.temperature = 0.75f;
    s.params.ensemble_size = 100;
    s.params.steps = 40;
    s.step = 37;
    return s;
}
}  // namespace

TEST(SessionFile, RoundTrips) {
    const SessionFile a = example();
    const SessionFile b = session_from_json(session_to_json(a));
    EXPECT_EQ(b.model_path, a.model_path);
    EXPECT_EQ(b.params.bias.method, a.params.bias.method);
    EXPECT_EQ(b.params.bias.class_a, 2);
    EXPECT_EQ(b.params.bias.class_b, 9);
    EXPECT_EQ(b.params.seed, a.params.seed);
    EXPECT_EQ(b.params.temperature, a.params.temperature);
    EXPECT_EQ(b.params.ensemble_size, 100);
    EXPECT_EQ(b.params.steps, 40);
    EXPECT_EQ(b.step, 37);
}

TEST(SessionFile, RejectsEveryBadField) {
    const nlohmann::json good = nlohmann::json::parse(session_to_json(example()));
    const std::vector<std::pair<std::string, nlohmann::json>> bad_values = {
        {"format", "something-else"}, {"format", 3},          {"version", 2},        {"version", "1"},
        {"model", ""},                {"model", 5},           {"method", "chimera"}, {"method", nullptr},
        {"class_a", -1},              {"class_a", 1.5},       {"class_b", 100000},   {"k", -3},
        {"seed", -1},                 {"seed", 2.5},          {"seed", "7"},         {"temperature", 0},
        {"temperature", -1},          {"temperature", 1e9},   {"temperature", "hot"}, {"ensemble_size", 5000},
        {"ensemble_size", -1},        {"steps", 0},           {"steps", 1e12},       {"step", -5},
        {"step", nlohmann::json::array()}, {"sample_index", -1}};
    for (const auto& [key, value] : bad_values) {
        nlohmann::json j = good;
        j[key] = value;
        EXPECT_THROW(session_from_json(j.dump()), FileFormatError) << key << " = " << value.dump();
    }
    for (const char* key : {"format", "version", "model", "method", "class_a", "class_b", "k", "seed", "temperature",
                            "ensemble_size", "steps", "step", "sample_index"}) {
        nlohmann::json j = good;
        j.erase(key);
        EXPECT_THROW(session_from_json(j.dump()), FileFormatError) << "missing " << key;
    }
    for (const char* text : {"", "{", "[]", "null", "42", "\"text\"", "{\"format\": \"topdown-session\"}",
                             "\xff\xfe garbage"})
        EXPECT_THROW(session_from_json(text), FileFormatError) << text;
}

TEST(SessionFile, MissingFileIsAnIoError) {
    EXPECT_THROW(load_session("/nonexistent/folder/session.json"), IoError);
}
