// ReplayConditionSet: the named set of replay conditions the app's checkboxes and the CLI's --condition use.
#include <gtest/gtest.h>

#include "experiment/replay_condition_set.hpp"
#include "util/errors.hpp"

using namespace topdown;

TEST(ReplayConditionSet, ParseListAndFlags) {
    EXPECT_EQ(ReplayConditionSet::all().list(), all_replay_conditions());
    EXPECT_TRUE(ReplayConditionSet::none().empty());
    // Listed in the canonical order whatever the order of the text.
    const auto s = ReplayConditionSet::parse("random,sequential");
    EXPECT_EQ(s.list(), (std::vector<ReplayCondition>{ReplayCondition::Sequential, ReplayCondition::Random}));
    EXPECT_TRUE(s.contains(ReplayCondition::Random));
    EXPECT_FALSE(s.contains(ReplayCondition::Experience));
    EXPECT_EQ(ReplayConditionSet::parse("generative-chimera").list(),
              (std::vector<ReplayCondition>{ReplayCondition::GenerativeChimera}));
    EXPECT_EQ(ReplayConditionSet::parse("all").list().size(), 5u);
    // A checkbox writes through flag().
    ReplayConditionSet t = ReplayConditionSet::all();
    *t.flag(ReplayCondition::Experience) = false;
    t.set(ReplayCondition::GenerativeLabel, false);
    EXPECT_EQ(t.list(), (std::vector<ReplayCondition>{ReplayCondition::Sequential, ReplayCondition::GenerativeChimera,
                                                      ReplayCondition::Random}));
    for (const char* bad : {"", "chimera", "sequential,", "All"}) EXPECT_THROW(ReplayConditionSet::parse(bad), ArgumentError) << bad;
}
