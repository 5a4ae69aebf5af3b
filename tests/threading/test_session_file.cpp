// Session files: round trip, and every malformed input is rejected with FileFormatError (never a crash).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "corpus/hostile_corpus.hpp"
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
    // The corpus (tests/corpus) holds every field with a bad value, every field missing, and non-JSON texts.
    const auto cases = corpus::session_corpus("/models/idbn.tdm");
    EXPECT_GE(cases.size(), 45u);
    for (const auto& c : cases) EXPECT_THROW(session_from_json(c.bytes), FileFormatError) << c.name << ": " << c.bytes;
    EXPECT_NO_THROW(session_from_json(session_to_json(example())));
}

TEST(SessionFile, MissingFileIsAnIoError) {
    EXPECT_THROW(load_session("/nonexistent/folder/session.json"), IoError);
}
