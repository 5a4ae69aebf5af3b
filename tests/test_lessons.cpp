// Guided lessons (issue 16 item 4): every shipped lesson loads and each of its steps applies (the composer gets
// the fields the file says, read here straight from the JSON, and a session of the step's model accepts them);
// malformed lesson files give typed errors that name the step and the field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "model/model_file.hpp"
#include "session/lesson.hpp"
#include "session/model_info.hpp"
#include "session/panel_specs.hpp"
#include "session/simulation.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
const std::string kLessons = std::string(TOPDOWN_SOURCE_DIR) + "/assets/lessons";
const std::string kModels = std::string(TOPDOWN_SOURCE_DIR) + "/assets/models/";

nlohmann::json read_json(const std::string& path) {
    std::ifstream f(path);
    return nlohmann::json::parse(f);
}

// A minimal valid lesson with one step; `step` is merged into the step object.
std::string lesson_with_step(const nlohmann::json& step) {
    nlohmann::json s = {{"title", "t"}, {"text", "x"}};
    for (auto it = step.begin(); it != step.end(); ++it) s[it.key()] = it.value();
    nlohmann::json j = {{"format", "topdown-lesson"}, {"version", 1}, {"title", "L"}, {"steps", {s}}};
    return j.dump();
}

void expect_refused(const std::string& text, const std::string& fragment) {
    try {
        parse_lesson(text);
        ADD_FAILURE() << "accepted: " << text;
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what() << "\nexpected: " << fragment;
    }
}
}  // namespace

TEST(Lessons, EveryShippedLessonLoadsAndEveryStepApplies) {
    const auto files = lesson_files(kLessons);
    ASSERT_GE(files.size(), 4u);
    ASSERT_LE(files.size(), 6u);
    std::map<std::string, std::shared_ptr<Dbn>> models;
    for (const auto& path : files) {
        SCOPED_TRACE(path);
        const Lesson lesson = load_lesson(path);
        const nlohmann::json j = read_json(path);
        EXPECT_EQ(lesson.title, j["title"].get<std::string>());
        ASSERT_EQ(lesson.steps.size(), j["steps"].size());
        ASSERT_GE(lesson.steps.size(), 2u);
        EXPECT_LE(lesson.steps.size(), 6u) << "lessons are short";
        ComposerState c;      // the composer as the lesson leaves it, step after step
        std::string model;    // the model the lesson has loaded
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            SCOPED_TRACE("step " + std::to_string(i + 1));
            const nlohmann::json& js = j["steps"][i];
            const ComposerState before = c;
            apply_lesson_step(lesson.steps[i], c);
            // The fields the file says (read from the JSON here), the others kept.
            EXPECT_EQ(c.method, js.contains("method") ? static_cast<int>(parse_bias_method(js["method"])) : before.method);
            if (js.contains("classes")) {
                EXPECT_EQ(c.class_a, js["classes"][0].get<int>());
                EXPECT_EQ(c.class_b, js["classes"][js["classes"].size() - 1].get<int>());
            } else {
                EXPECT_EQ(c.class_a, before.class_a);
                EXPECT_EQ(c.class_b, before.class_b);
            }
            EXPECT_EQ(c.k, js.value("k", before.k));
            EXPECT_EQ(c.seed, js.value("seed", before.seed));
            EXPECT_EQ(c.steps, js.value("steps", before.steps));
            EXPECT_EQ(c.ensemble_size, js.value("ensemble", before.ensemble_size));
            EXPECT_EQ(c.temperature, js.value("temperature", before.temperature));
            EXPECT_EQ(lesson.steps[i].play, js.value("play", false));
            EXPECT_FALSE(lesson.steps[i].text.empty());
            if (js.contains("speed")) {
                EXPECT_EQ(*lesson.steps[i].speed, js["speed"].get<float>());
            }
            if (js.contains("panel")) {
                const std::string panel = js["panel"];
                EXPECT_TRUE(find_panel(panel) || panel_tab(panel) >= 0 || panel_window(panel) != panel) << panel;
            }
            if (js.contains("model")) model = js["model"].get<std::string>();
            ASSERT_FALSE(model.empty()) << "the first step names the model";
            // The step applies: a session of that model accepts the composer.
            if (!models.count(model)) models[model] = std::make_shared<Dbn>(load_model(kModels + model));
            const auto dbn = models[model];
            Simulation sim(4, 4);
            sim.set_model(build_model_info(dbn, ""), prepare_generation_model(dbn));
            SessionParams p = composer_params(c);
            p.ensemble_size = std::min(p.ensemble_size, 2);  // what is checked is the biasing, not the size
            EXPECT_NO_THROW(sim.restart(p));
            EXPECT_EQ(sim.params().bias.method, static_cast<BiasMethod>(c.method));
        }
    }
}

TEST(Lessons, MalformedFilesGiveTypedErrorsThatSayWhere) {
    expect_refused("", "not valid JSON");
    expect_refused("[1, 2]", "expected a JSON object");
    expect_refused(R"({"format": "other", "version": 1})", "\"format\"");
    expect_refused(R"({"format": "topdown-lesson", "version": 2, "title": "x", "steps": []})", "version 2");
    expect_refused(R"({"format": "topdown-lesson", "version": 1, "title": "x", "steps": []})", "\"steps\"");
    expect_refused(R"({"format": "topdown-lesson", "version": 1, "steps": [{}]})", "\"title\"");
    expect_refused(R"({"format": "topdown-lesson", "version": 1, "title": "x", "steps": [3]})", "step 1: expected");
    expect_refused(lesson_with_step({{"method", "labels"}}), "step 1: unknown method");
    expect_refused(lesson_with_step({{"classes", {1, 2, 3}}}), "\"classes\"");
    expect_refused(lesson_with_step({{"classes", {-1}}}), "\"classes\"");
    expect_refused(lesson_with_step({{"method", "intersection"}, {"classes", {2}}}), "two classes");
    expect_refused(lesson_with_step({{"k", 1.5}}), "\"k\" must be an integer");
    expect_refused(lesson_with_step({{"steps", 0}}), "\"steps\" must lie between");
    expect_refused(lesson_with_step({{"ensemble", 5000}}), "\"ensemble\"");
    expect_refused(lesson_with_step({{"temperature", 0}}), "\"temperature\"");
    expect_refused(lesson_with_step({{"speed", -1}}), "\"speed\"");
    expect_refused(lesson_with_step({{"seed", -3}}), "\"seed\"");
    expect_refused(lesson_with_step({{"panel", "kitchen"}}), "\"panel\"");
    expect_refused(lesson_with_step({{"model", "../../etc/passwd"}}), "\"model\"");
    expect_refused(lesson_with_step({{"play", "yes"}}), "\"play\"");
    expect_refused(lesson_with_step({{"text", 5}}), "\"text\" must be text");
    expect_refused(lesson_with_step({{"text", std::string(5000, 'a')}}), "longer than");
    expect_refused(lesson_with_step({{"colour", "red"}}), "unknown field \"colour\"");
    nlohmann::json many = nlohmann::json::parse(lesson_with_step({}));
    for (int i = 0; i < 120; ++i) many["steps"].push_back(many["steps"][0]);
    expect_refused(many.dump(), "at most 100 steps");
    // A valid minimal step keeps every composer field.
    const Lesson l = parse_lesson(lesson_with_step({}));
    ComposerState c;
    c.class_a = 4;
    apply_lesson_step(l.steps[0], c);
    EXPECT_EQ(c.class_a, 4);
    EXPECT_EQ(c.method, ComposerState{}.method);
    // Files: missing -> IoError; a bad file's message names it.
    test::TempDir d;
    EXPECT_THROW(load_lesson(d.file("none.json")), IoError);
    test::write_file(d.file("bad.json"), "{");
    try {
        load_lesson(d.file("bad.json"));
        FAIL();
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos);
    }
    EXPECT_TRUE(lesson_files(d.file("no-such-folder")).empty());
}
