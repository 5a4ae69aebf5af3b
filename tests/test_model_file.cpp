#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>

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
    m.label_biasing = Matrix::Random(3, 6).cwiseAbs();
    m.k = 2;
    m.readout_accuracy = 0.5;
    m.training = {{"seed", 5}};
    m.created = "2026-01-01T00:00:00Z";
    return m;
}

std::string bytes_of(const TensorFile& f) { return encode_tensor_file(f); }

void expect_model_error(const std::string& bytes, const std::string& needle) {
    try {
        parse_model(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), "case");
        FAIL() << "expected FileFormatError containing '" << needle << "'";
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << "message: " << e.what();
    }
}

// Rewrites the JSON header of an encoded file (keeping arrays where they are relative to the data start).
std::string with_header(const std::string& good, const std::function<void(nlohmann::json&)>& edit) {
    std::uint64_t hl;
    std::memcpy(&hl, good.data() + 16, 8);
    nlohmann::json h = nlohmann::json::parse(good.substr(24, hl));
    edit(h);
    const std::uint64_t old_start = (24 + hl + 63) / 64 * 64;
    std::string hs = h.dump();
    std::string out = good.substr(0, 16);
    const std::uint64_t nl = hs.size();
    out.append(reinterpret_cast<const char*>(&nl), 8);
    out += hs;
    out.resize((out.size() + 63) / 64 * 64, '\0');
    out += good.substr(old_start);
    return out;
}

}  // namespace

TEST(ModelFile, SaveLoadRoundTripIsBitIdentical) {
    test::TempDir d;
    Dbn m = small_model();
    m.pca.mean = Matrix::Random(1, 14);
    m.pca.components = Matrix::Random(2, 14);
    m.pca.explained = Matrix::Random(1, 2).cwiseAbs();
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

// The broken-file corpus: one case per way a model file can be wrong.
TEST(ModelFile, BrokenFilesGiveTypedErrorsWithMessages) {
    const TensorFile tf = model_to_tensor_file(small_model());
    const std::string good = bytes_of(tf);
    ASSERT_NO_THROW(parse_model(reinterpret_cast<const unsigned char*>(good.data()), good.size(), "good"));

    std::string s = good;
    s[0] = 'X';
    expect_model_error(s, "wrong magic");
    s = good;
    s[8] = 2;
    expect_model_error(s, "version 2 is not supported");
    s = good;
    s[8] = 0;
    expect_model_error(s, "version 0");
    expect_model_error(good.substr(0, 10), "too short");
    expect_model_error(good.substr(0, 40), "truncated inside its header");
    expect_model_error(good.substr(0, good.size() - 70), "past the end");
    s = good;
    s[good.size() - 100] ^= 0x40;  // flip a bit inside the last array
    expect_model_error(s, "checksum");
    s = good;
    const std::uint64_t huge_len = 1ULL << 40;
    std::memcpy(s.data() + 16, &huge_len, 8);
    expect_model_error(s, "header length");

    expect_model_error(with_header(good, [](auto& h) { h["arrays"][0]["rows"] = 0; }), "zero dimension");
    expect_model_error(with_header(good, [](auto& h) { h["arrays"][0]["rows"] = -3; }), "lacks a valid 'rows'");
    expect_model_error(with_header(good, [](auto& h) {
                           h["arrays"][0]["rows"] = 4294967296ULL;
                           h["arrays"][0]["cols"] = 4294967296ULL;
                       }),
                       "larger than any model");
    expect_model_error(with_header(good, [](auto& h) { h["architecture"] = {12, 9, 6}; }), "expected 12x9");
    expect_model_error(with_header(good, [](auto& h) { h.erase("architecture"); }), "lacks 'architecture'");
    expect_model_error(with_header(good, [](auto& h) { h.erase("class_names"); }), "lacks 'class_names'");
    expect_model_error(with_header(good, [](auto& h) { h["kind"] = "classifier"; }), "expected a 'model' file");
    expect_model_error(with_header(good, [](auto& h) { h["k"] = 99; }), "'k' is out of range");
    expect_model_error(with_header(good, [](auto& h) { h["dataset"] = 5; }), "wrong type");
    expect_model_error(with_header(good, [](auto& h) { h["arrays"].push_back(h["arrays"][0]); }), "appears twice");
    expect_model_error(with_header(good, [](auto& h) {
                           auto extra = h["arrays"][0];
                           extra["name"] = "Z9";
                           h["arrays"].push_back(extra);
                       }),
                       "unexpected array 'Z9'");
    expect_model_error(with_header(good, [](auto& h) { h["arrays"].erase(0); }), "array 'W1' is missing");

    // Not JSON at all.
    s = good;
    s[24] = '#';
    expect_model_error(s, "not valid JSON");

    // NaN inside an array (with a matching checksum, so only the finiteness check can catch it).
    TensorFile nan_file = tf;
    nan_file.arrays[0].second(0, 0) = std::numeric_limits<float>::quiet_NaN();
    std::string nan_bytes;
    {
        // TensorFile::add refuses NaN, so encode a finite file and patch the value and CRC in place.
        std::string b = good;
        std::uint64_t hl;
        std::memcpy(&hl, b.data() + 16, 8);
        nlohmann::json h = nlohmann::json::parse(b.substr(24, hl));
        const std::uint64_t start = (24 + hl + 63) / 64 * 64;
        const float nan = std::numeric_limits<float>::infinity();
        std::memcpy(b.data() + start, &nan, 4);
        const auto& a0 = h["arrays"][0];
        const std::uint64_t bytes = a0["rows"].get<std::uint64_t>() * a0["cols"].get<std::uint64_t>() * 4;
        h["arrays"][0]["crc32"] = crc32(b.data() + start, bytes);
        nan_bytes = with_header(b, [&](auto& hh) { hh = h; });
    }
    expect_model_error(nan_bytes, "NaN or Inf");
}

TEST(ModelFile, MissingFileIsAnIoError) { EXPECT_THROW(load_model("/nonexistent/x.tdm"), IoError); }
