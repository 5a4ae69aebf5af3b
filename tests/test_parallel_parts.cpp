// run_parts (the OpenMP region of ChainBatch::step): every part runs once, and an exception thrown inside a
// part - std::bad_alloc or a typed error - comes out of run_parts after the region instead of reaching
// std::terminate (which would abort this test binary).
#include <gtest/gtest.h>

#include <atomic>
#include <new>
#include <vector>

#include "util/errors.hpp"
#include "util/parallel_parts.hpp"

using namespace topdown;

TEST(ParallelParts, EveryPartRunsExactlyOnce) {
    for (std::size_t parts : {0u, 1u, 2u, 5u}) {
        std::vector<std::atomic<int>> runs(parts);
        run_parts(parts, [&](std::size_t p) { runs[p].fetch_add(1); });
        for (std::size_t p = 0; p < parts; ++p) EXPECT_EQ(runs[p].load(), 1) << "part " << p << " of " << parts;
    }
}

TEST(ParallelParts, BadAllocInsideThePartsIsRethrownAfterTheRegion) {
    std::vector<std::atomic<int>> done(4);
    EXPECT_THROW(run_parts(4,
                           [&](std::size_t p) {
                               if (p == 1) throw std::bad_alloc();
                               done[p].fetch_add(1);
                           }),
                 std::bad_alloc);
    // The other parts ran to their end (the region was not torn down).
    EXPECT_EQ(done[0].load() + done[2].load() + done[3].load(), 3);
    EXPECT_EQ(done[1].load(), 0);
}

TEST(ParallelParts, ImpossibleAllocationInsideAPartIsRethrown) {
    // A real allocation that fails inside the region (as a kernel's index buffer would on a full machine).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    GTEST_SKIP() << "the sanitizer's allocator aborts on impossible sizes instead of throwing std::bad_alloc";
#endif
    const std::size_t huge = std::size_t(1) << 62;
    EXPECT_THROW(run_parts(2,
                           [&](std::size_t p) {
                               if (p == 0) {
                                   std::vector<int> v;
                                   v.reserve(huge / sizeof(int) - 1);
                               }
                           }),
                 std::bad_alloc);
}

TEST(ParallelParts, TypedErrorKeepsItsTypeAndMessage) {
    try {
        run_parts(3, [](std::size_t p) {
            if (p == 2) throw ArgumentError("part two failed");
        });
        FAIL() << "no exception";
    } catch (const ArgumentError& e) {
        EXPECT_STREQ(e.what(), "part two failed");
    }
    // Every part throwing: exactly one exception comes out.
    EXPECT_THROW(run_parts(3, [](std::size_t) { throw CancelledError("stop"); }), CancelledError);
}
