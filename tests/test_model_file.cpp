#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>

#include "corpus/hostile_corpus.hpp"
#include "model/model_file.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"
#include "util/atomic_file.hpp"
#include "util/checksum.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {

Dbn small_model() {
    Dbn m = init_dbn({12, 8, 6}, 0.1f, 5);
    m.class_names = {"a", "b", "c"};
    m.dataset = "mnist";
    m.label_biasing = test::seeded_uniform(3, 6, 5);
    m.k = 2;
    m.readout_accuracy = 0.5;
    m.training = {{"seed", 5}};
    m.created = "2026-01-01T00:00:00Z";
    return m;
}

void expect_model_error(const std::string& bytes, const std::string& needle) {
    try {
        parse_model(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), "case");
        FAIL() << "expected FileFormatError containing '" << needle << "'";
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << "message: " << e.what();
    }
}

}  // namespace

TEST(ModelFile, SaveLoadRoundTripIsBitIdentical) {
    test::TempDir d;
    Dbn m = small_model();
    m.pca.mean = test::seeded_uniform(1, 14, 11, -1.0f, 1.0f);
    m.pca.components = test::seeded_uniform(2, 14, 12, -1.0f, 1.0f);
    m.pca.explained = test::seeded_uniform(1, 2, 13);
    save_model(m, d.file("m.tdm"));
    const Dbn b = load_model(d.file("m.tdm"));
    ASSERT_EQ(b.architecture(), m.architecture());
    for (std::size_t l = 0; l < m.layers.size(); ++l) {
        EXPECT_EQ(std::memcmp(b.layers[l].W.data(), m.layers[l].W.data(), m.layers[l].W.size() * 4), 0);
        EXPECT_EQ(b.layers[l].a, m.layers[l].a);
        EXPECT_EQ(b.layers[l].b, m.layers[l].b);
    }
    EXPECT_EQ(b.label_biasing, m.label_biasing);
    EXPECT_EQ(b.pca.components, m.pca.components);
    EXPECT_EQ(b.k, 2);
    EXPECT_EQ(b.class_names, m.class_names);
    EXPECT_EQ(b.created, m.created);
    // Saving again gives the same bytes.
    save_model(b, d.file("m2.tdm"));
    EXPECT_EQ(read_file_bounded(d.file("m.tdm"), 1 << 20), read_file_bounded(d.file("m2.tdm"), 1 << 20));
}

TEST(ModelFile, AtomicSaveLeavesNoTemporaryFiles) {
    test::TempDir d;
    save_model(small_model(), d.file("m.tdm"));
    save_model(small_model(), d.file("m.tdm"));
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(d.path)) n += e.is_regular_file();
    EXPECT_EQ(n, 1);
    EXPECT_THROW(save_model(small_model(), "/nonexistent-dir/m.tdm"), IoError);
}

// The broken-file corpus (tests/corpus): one case per way a model file can be wrong, each with its message.
TEST(ModelFile, BrokenFilesGiveTypedErrorsWithMessages) {
    const std::string good = corpus::good_model_bytes();
    ASSERT_NO_THROW(parse_model(reinterpret_cast<const unsigned char*>(good.data()), good.size(), "good"));
    const auto cases = corpus::model_corpus();
    EXPECT_EQ(cases.size(), 23u);  // every case listed in hostile_corpus.cpp
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        expect_model_error(c.bytes, c.expected);
    }
}

TEST(ModelFile, MissingFileIsAnIoError) { EXPECT_THROW(load_model("/nonexistent/x.tdm"), IoError); }
