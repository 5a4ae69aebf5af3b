// The app's composer logic (issue 13): Play runs what the composer shows, presets set every field and name
// the model's classes, seeds stay 64-bit through the composer.
#include <gtest/gtest.h>

#include "generate/biasing.hpp"
#include "session/composer_state.hpp"

using namespace topdown;

namespace {
SessionParams running_label0_seed1() {  // what the worker starts with before the composer was applied
    SessionParams p;
    p.bias.method = BiasMethod::Label;
    p.bias.class_a = 0;
    p.bias.class_b = 0;
    p.bias.k = 149;  // resolved
    p.seed = 1;
    return p;
}
}  // namespace

TEST(GuiComposerState, FirstLaunchComposerDiffersFromTheDefaultChainSoPlayRestarts) {
    const ComposerState c;  // shows intersection {2, 9}, seed 7
    ASSERT_EQ(c.method, static_cast<int>(BiasMethod::Intersection));
    const SessionParams want = composer_params(c);
    EXPECT_FALSE(same_session_params(want, running_label0_seed1(), 149));
    EXPECT_EQ(play_action(false, true), PlayAction::RestartWithComposer);
    EXPECT_EQ(play_action(false, false), PlayAction::Resume);
    EXPECT_EQ(play_action(true, true), PlayAction::Pause);
    EXPECT_EQ(play_action(true, false), PlayAction::Pause);
}

TEST(GuiComposerState, ComposedPairDiffersFromThePreviousPair) {  // RBM: compose 0+3 while {2, 9} runs
    ComposerState c;
    c.method = static_cast<int>(BiasMethod::DoubleLabel);
    c.class_a = 0, c.class_b = 3;
    SessionParams running = composer_params(c);
    running.bias.class_a = 2, running.bias.class_b = 9;
    EXPECT_FALSE(same_session_params(composer_params(c), running, 100));
    running.bias.class_a = 0, running.bias.class_b = 3;
    EXPECT_TRUE(same_session_params(composer_params(c), running, 100));
}

TEST(GuiComposerState, KZeroMeansTheModelsKAndAnExplicitKMustMatch) {
    ComposerState c;  // intersection, k = 0
    SessionParams running = composer_params(c);
    running.bias.k = 149;  // the worker reports k resolved
    EXPECT_TRUE(same_session_params(composer_params(c), running, 149));
    // After a model switch the new model's k runs (120), while the composer asked for 149 explicitly.
    c.k = 149;
    running.bias.k = 120;
    EXPECT_FALSE(same_session_params(composer_params(c), running, 120));
    // k does not matter for label biasing.
    c.method = static_cast<int>(BiasMethod::Label);
    running.bias.method = BiasMethod::Label;
    EXPECT_TRUE(same_session_params(composer_params(c), running, 120));
}

TEST(GuiComposerState, EveryFieldThatChangesTheChainsCounts) {
    const ComposerState c;
    const SessionParams base = composer_params(c);
    SessionParams p = base;
    p.seed = 8;
    EXPECT_FALSE(same_session_params(base, p, 149));
    p = base;
    p.temperature = 1.5f;
    EXPECT_FALSE(same_session_params(base, p, 149));
    p = base;
    p.ensemble_size = 10;
    EXPECT_FALSE(same_session_params(base, p, 149));
    p = base;
    p.steps = 500;  // the step target does not change the chains
    EXPECT_TRUE(same_session_params(base, p, 149));
}

TEST(GuiComposerState, SeedsAbove32BitsSurviveTheComposer) {
    SessionParams p;
    p.bias.method = BiasMethod::Intersection;
    p.bias.class_a = 2, p.bias.class_b = 9;
    p.seed = (std::uint64_t{1} << 40) + 12345;  // > 2^32: an int composer truncated it to 2147483647
    p.temperature = 0.8f;
    p.ensemble_size = 33;
    p.steps = 77;
    p.sample_index = 5;
    const SessionParams back = composer_params(composer_from_params(p));
    EXPECT_EQ(back.seed, (std::uint64_t{1} << 40) + 12345);
    EXPECT_EQ(back.ensemble_size, 33);
    EXPECT_EQ(back.steps, 77);
    EXPECT_EQ(back.sample_index, 5);
    EXPECT_FLOAT_EQ(back.temperature, 0.8f);
    EXPECT_TRUE(same_session_params(back, p, 100));
    const std::uint64_t max = ~std::uint64_t{0};
    p.seed = max;
    EXPECT_EQ(composer_params(composer_from_params(p)).seed, max);
}

TEST(GuiComposerState, PaperPresetsSetEveryField) {
    ComposerState edited;
    edited.temperature = 3.0f, edited.seed = 999, edited.ensemble_size = 0, edited.steps = 5, edited.k = 17;
    const Preset* p = find_preset("intersection-2-9");
    ASSERT_NE(p, nullptr);
    edited = p->state;  // what apply_preset does
    EXPECT_EQ(edited.method, static_cast<int>(BiasMethod::Intersection));
    EXPECT_EQ(edited.class_a, 2);
    EXPECT_EQ(edited.class_b, 9);
    EXPECT_EQ(edited.k, 0);
    EXPECT_FLOAT_EQ(edited.temperature, 1.0f);
    EXPECT_EQ(edited.seed, 7u);
    EXPECT_EQ(edited.ensemble_size, 100);
    EXPECT_EQ(edited.steps, 100);
    EXPECT_EQ(paper_presets().size(), 3u);
    EXPECT_EQ(find_preset("nonsense"), nullptr);
    for (const Preset& q : paper_presets()) {
        EXPECT_FLOAT_EQ(q.state.temperature, 1.0f) << q.id;
        EXPECT_EQ(q.state.seed, 7u) << q.id;
        EXPECT_EQ(q.state.ensemble_size, 100) << q.id;
    }
}

TEST(GuiComposerState, PresetLabelsUseTheModelsClassNames) {
    const std::vector<std::string> digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    const std::vector<std::string> fashion = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                              "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    EXPECT_EQ(preset_label(*find_preset("intersection-2-9"), digits), "2 \xE2\x88\xA9 9");
    EXPECT_EQ(preset_label(*find_preset("intersection-2-9"), fashion), "Pullover \xE2\x88\xA9 Ankle boot");
    EXPECT_EQ(preset_label(*find_preset("double-0-3"), fashion), "T-shirt/top + Dress");
    EXPECT_EQ(preset_label(*find_preset("label-8"), fashion), "label Bag");
    EXPECT_TRUE(preset_usable(*find_preset("label-8"), 10));
    EXPECT_FALSE(preset_usable(*find_preset("label-8"), 5));
}
