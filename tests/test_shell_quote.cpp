// shell_quote: the one quoting function used by sweep scripts, data fetch and generate's rerun command.
#include <gtest/gtest.h>

#include "util/shell_quote.hpp"

using topdown::shell_quote;

TEST(ShellQuote, SafeWordsStayAsTheyAre) {
    EXPECT_EQ(shell_quote("assets/models/idbn_mnist.tdm"), "assets/models/idbn_mnist.tdm");
    EXPECT_EQ(shell_quote("--seed=7,+x@host:50%"), "--seed=7,+x@host:50%");
}

TEST(ShellQuote, OtherWordsAreSingleQuoted) {
    EXPECT_EQ(shell_quote(""), "''");
    EXPECT_EQ(shell_quote("my models/a.tdm"), "'my models/a.tdm'");
    EXPECT_EQ(shell_quote("$(rm -rf ~)"), "'$(rm -rf ~)'");
    EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
}
