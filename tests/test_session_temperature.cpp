// The app's temperature controls (docs/METHODS.md §6.2.1, §6.5): the composer's schedule fields, the session's
// TemperatureSchedule (ladder for method tempering), and the session file's optional schedule fields.
#include <gtest/gtest.h>

#include "session/composer_state.hpp"
#include "session/session_file.hpp"
#include "session/session_temperature.hpp"
#include "util/errors.hpp"

namespace topdown {

TEST(SessionTemperature, ScheduleAndTemperingFromTheParams) {
    SessionParams p;
    p.steps = 5;
    p.temperature = 2.0f;
    p.t_end = 1.0f;
    p.schedule = ScheduleKind::Linear;
    const TemperatureSchedule t = session_temperature(p);
    ASSERT_EQ(t.per_step.size(), 5u);
    EXPECT_FLOAT_EQ(t.at(2), 1.75f);  // 2 + (1 - 2)·1/4
    EXPECT_FALSE(t.tempering.has_value());
    p.schedule = ScheduleKind::Constant;
    p.temperature = 1.0f;
    EXPECT_TRUE(session_temperature(p).per_step.empty());
    p.bias.method = BiasMethod::Tempering;
    const TemperatureSchedule pt = session_temperature(p);
    ASSERT_TRUE(pt.tempering.has_value());
    EXPECT_EQ(pt.tempering->replicas, TemperingSpec{}.replicas);
    p.schedule = ScheduleKind::Cosine;
    EXPECT_THROW(session_temperature(p), ArgumentError) << "tempering with a schedule is refused";
}

TEST(SessionTemperature, ComposerCarriesTheSchedule) {
    ComposerState c;
    c.schedule = 2;
    c.temperature = 2.5f;
    c.t_end = 0.8f;
    const SessionParams p = composer_params(c);
    EXPECT_EQ(p.schedule, ScheduleKind::Cosine);
    EXPECT_FLOAT_EQ(p.t_end, 0.8f);
    const ComposerState back = composer_from_params(p);
    EXPECT_EQ(back.schedule, 2);
    EXPECT_FLOAT_EQ(back.t_end, 0.8f);
    SessionParams q = p;
    EXPECT_TRUE(same_session_params(p, q, 10));
    q.t_end = 0.9f;
    EXPECT_FALSE(same_session_params(p, q, 10)) << "another end temperature is another session";
    q = p;
    q.schedule = ScheduleKind::Linear;
    EXPECT_FALSE(same_session_params(p, q, 10));
    SessionParams c1 = p, c2 = p;  // with the constant schedule t_end is ignored
    c1.schedule = c2.schedule = ScheduleKind::Constant;
    c2.t_end = 3.0f;
    EXPECT_TRUE(same_session_params(c1, c2, 10));
    EXPECT_NE(describe(p).find("cosine"), std::string::npos);
}

TEST(SessionTemperature, SessionFileKeepsTheScheduleAndOldFilesStayConstant) {
    SessionFile f;
    f.model_path = "/m.tdm";
    f.params.schedule = ScheduleKind::Linear;
    f.params.temperature = 2.0f;
    f.params.t_end = 0.5f;
    f.params.bias.method = BiasMethod::Tempering;
    const SessionFile back = session_from_json(session_to_json(f));
    EXPECT_EQ(back.params.schedule, ScheduleKind::Linear);
    EXPECT_FLOAT_EQ(back.params.t_end, 0.5f);
    EXPECT_EQ(back.params.bias.method, BiasMethod::Tempering);
    SessionFile plain;
    plain.model_path = "/m.tdm";
    const std::string text = session_to_json(plain);
    EXPECT_EQ(text.find("schedule"), std::string::npos) << "a constant schedule writes the file as before";
    EXPECT_EQ(session_from_json(text).params.schedule, ScheduleKind::Constant);
    std::string bad = session_to_json(f);
    bad.replace(bad.find("\"linear\""), 8, "\"exp\"");
    EXPECT_THROW(session_from_json(bad), FileFormatError);
}

}  // namespace topdown
