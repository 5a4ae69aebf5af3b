// Replays the inputs kept from fuzzing (tests/fuzz/regressions/<target>/: a sample of each libFuzzer corpus,
// plus any input that ever crashed a reader) through the same readers as the fuzz targets. Each must load
// or throw a typed topdown::Error; under ASan+UBSan this also checks that no input touches bad memory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

#include "classify/state_classifier.hpp"
#include "data/idx.hpp"
#include "io/model_npz.hpp"
#include "io/npy.hpp"
#include "model/model_file.hpp"
#include "session/session_file.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {

using Reader = std::function<void(const std::uint8_t*, std::size_t)>;

// Runs every file of tests/fuzz/regressions/<target> through `read`; returns the number of files.
int replay_target(const std::string& target, const Reader& read) {
    const auto dir = std::filesystem::path(TOPDOWN_SOURCE_DIR) / "tests" / "fuzz" / "regressions" / target;
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ++n;
        try {
            read(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        } catch (const Error&) {
            // a typed error with a message: what the readers promise
        } catch (const std::exception& ex) {
            ADD_FAILURE() << target << "/" << e.path().filename().string() << ": untyped exception: " << ex.what();
        }
    }
    return n;
}

}  // namespace

TEST(FuzzRegressions, ModelInputs) {
    EXPECT_GT(replay_target("model", [](const std::uint8_t* d, std::size_t n) { (void)parse_model(d, n, "regression"); }), 0);
}

TEST(FuzzRegressions, ClassifierInputs) {
    EXPECT_GT(replay_target("classifier",
                            [](const std::uint8_t* d, std::size_t n) { (void)parse_classifier(d, n, "regression"); }),
              0);
}

TEST(FuzzRegressions, IdxInputs) {
    EXPECT_GT(replay_target("idx",
                            [](const std::uint8_t* d, std::size_t n) {
                                try {
                                    (void)parse_idx_images(d, n, "regression");
                                } catch (const Error&) {
                                }
                                (void)parse_idx_labels(d, n, "regression");
                            }),
              0);
}

TEST(FuzzRegressions, SessionInputs) {
    EXPECT_GT(replay_target("session",
                            [](const std::uint8_t* d, std::size_t n) {
                                (void)session_from_json(std::string(reinterpret_cast<const char*>(d), n));
                            }),
              0);
}

TEST(FuzzRegressions, NpzInputs) {
    EXPECT_GT(replay_target("npz",
                            [](const std::uint8_t* d, std::size_t n) {
                                try {
                                    (void)parse_npy(d, n, "regression");
                                } catch (const Error&) {
                                }
                                (void)parse_npz_model(d, n, "regression");
                            }),
              0);
}
