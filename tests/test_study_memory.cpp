// The memory estimate behind `topdown-cli experiment`'s refusal of chains x steps that cannot fit: pinned to a
// hand-computed example, saturating instead of wrapping for absurd requests, and a refusal message that says
// how much is needed, the limit, and what to reduce.
#include <gtest/gtest.h>

#include "experiment/study_memory.hpp"
#include "util/errors.hpp"

using namespace topdown;

TEST(StudyMemory, EstimateMatchesAHandComputedExample) {
    // Architecture 4-3-2 (D = 4, L = 2, 5 hidden units, 9 units), 2 classes, 10 chains x 5 steps, 3 conditions.
    const StudyMemory m = estimate_study_memory({4, 3, 2}, 2, 10, 5, 3, false);
    // While a condition runs: visible 50*4*4 = 800, probabilities 50*3*4 = 600, classifications 50*12 = 600,
    // batch 10*9*8 = 720, energies 10*2*4 = 80, initial tops 10*2*4 = 80.
    EXPECT_EQ(m.per_condition, 800u + 600u + 600u + 720u + 80u + 80u);
    // Kept: states 50*4 = 200, per-step arrays 5*(3*2 + 5 + 1)*4 = 240, filmstrip 3 chains x 4 frames
    // (steps 1, 2, 3, 5) x 4 units x 4 bytes = 192.
    EXPECT_EQ(m.kept, 200u + 240u + 192u);
    EXPECT_EQ(m.outputs, 0u);
    EXPECT_EQ(m.total, kStudyFixedBytes + 2880u + 3u * 632u * 3u);
    // With outputs: per condition 5*5*4 = 100 (hidden means) + 10*64 = 640 (chain summaries) + 5*2*64 = 640 (CSV).
    const StudyMemory o = estimate_study_memory({4, 3, 2}, 2, 10, 5, 3, true);
    EXPECT_EQ(o.outputs, 3u * (100u + 640u + 640u));
    EXPECT_EQ(o.total, m.total + o.outputs);
}

TEST(StudyMemory, AbsurdRequestsSaturateInsteadOfWrapping) {
    const StudyMemory m = estimate_study_memory({784, 500, 500}, 10, 100000, 100000, 110, true);
    // 1e10 chain-steps x 784 floats alone is 31.36e12 bytes.
    EXPECT_GT(m.per_condition, 31'000'000'000'000ull);
    EXPECT_GE(m.total, m.per_condition);
    const StudyMemory huge = estimate_study_memory({65536, 65536, 65536}, 1000, 2000000000, 2000000000, 100000, true);
    EXPECT_EQ(huge.total, UINT64_MAX);
}

TEST(StudyMemory, RefusalSaysWhatItNeedsAndWhatToReduce) {
    const std::uint64_t limit = 1ull << 30;  // 1 GiB
    EXPECT_NO_THROW(check_study_memory({784, 500, 500}, 10, 100, 100, 110, true, limit));
    try {
        check_study_memory({784, 500, 500}, 10, 100000, 100000, 110, true, limit);
        FAIL() << "accepted 100000 chains x 100000 steps within 1 GiB";
    } catch (const ArgumentError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("would need about"), std::string::npos) << msg;
        EXPECT_NE(msg.find("TiB"), std::string::npos) << msg;
        EXPECT_NE(msg.find("1.0 GiB allowed"), std::string::npos) << msg;
        EXPECT_NE(msg.find("--chains"), std::string::npos) << msg;
        EXPECT_NE(msg.find("even 1 step does not fit"), std::string::npos) << msg;
    }
    // 2000 chains: 1 GiB fits a few steps; the advised --steps fits and one more does not.
    try {
        check_study_memory({784, 500, 500}, 10, 2000, 1000, 10, false, limit);
        FAIL() << "accepted 2000 chains x 1000 steps within 1 GiB";
    } catch (const ArgumentError& e) {
        const std::string msg = e.what();
        const auto at = msg.find("--steps to at most ");
        ASSERT_NE(at, std::string::npos) << msg;
        const int steps = std::stoi(msg.substr(at + 19));
        ASSERT_GT(steps, 0);
        EXPECT_LE(estimate_study_memory({784, 500, 500}, 10, 2000, steps, 10, false).total, limit);
        EXPECT_GT(estimate_study_memory({784, 500, 500}, 10, 2000, steps + 1, 10, false).total, limit);
    }
}

TEST(StudyMemory, LimitIsAFractionOfPhysicalMemory) {
    const std::uint64_t l = study_memory_limit();
    EXPECT_GT(l, 64ull << 20);
    EXPECT_EQ(format_bytes(512), "512 bytes");
    EXPECT_EQ(format_bytes(3ull << 30), "3.0 GiB");
    EXPECT_EQ(format_bytes(40ull << 40), "40 TiB");
}
