// Programs started by the sweep backends get every signal unblocked, although topdown-cli blocks SIGINT in
// all its threads (it takes Ctrl-C synchronously in the main thread): otherwise Ctrl-C would not reach them.
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sweep/sweep_process.hpp"

namespace topdown {
namespace {

// The SigBlk mask (hex) from a /proc/<pid>/status text; 0 when absent.
unsigned long long blocked_mask(const std::string& status) {
    std::istringstream in(status);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("SigBlk:", 0) == 0) return std::stoull(line.substr(7), nullptr, 16);
    return 0;
}

// Blocks SIGINT in the calling thread for the lifetime of the object.
struct SigintBlocked {
    sigset_t before;
    SigintBlocked() {
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGINT);
        pthread_sigmask(SIG_BLOCK, &s, &before);
    }
    ~SigintBlocked() { pthread_sigmask(SIG_SETMASK, &before, nullptr); }
};

TEST(ChildSignalMask, StartedProgramsDoNotInheritABlockedSigint) {
    SigintBlocked blocked;
    const unsigned long long sigint_bit = 1ULL << (SIGINT - 1);
    std::string mine;
    {  // the test's own view: a plain fork/exec inherits the mask, which is what the backends must undo
        std::ostringstream s;
        s << std::ifstream("/proc/thread-self/status").rdbuf();
        mine = s.str();
    }
    ASSERT_NE(blocked_mask(mine) & sigint_bit, 0ULL) << "precondition: SIGINT blocked in this thread";
    std::string child;
    ASSERT_EQ(capture_process({"cat", "/proc/self/status"}, &child), 0);
    EXPECT_EQ(blocked_mask(child), 0ULL) << child;
}

}  // namespace
}  // namespace topdown
