#include <gtest/gtest.h>

#include "data/data_fetch.hpp"
#include "data/dataset.hpp"
#include "data/idx.hpp"
#include "test_support.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
IdxImages tiny_images() {
    IdxImages im{3, 2, 2, {0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100}};
    return im;
}
std::string be32(std::uint32_t v) {
    std::string s;
    for (int sh = 24; sh >= 0; sh -= 8) s.push_back(char((v >> sh) & 0xFF));
    return s;
}
template <class F>
void expect_format_error(F f, const std::string& needle) {
    try {
        f();
        FAIL() << "expected FileFormatError containing '" << needle << "'";
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}
const unsigned char* u(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }
}  // namespace

TEST(Idx, RoundTrip) {
    const auto im = tiny_images();
    const std::string bytes = encode_idx_images(im);
    const auto back = parse_idx_images(u(bytes), bytes.size(), "x");
    EXPECT_EQ(back.count, 3u);
    EXPECT_EQ(back.pixels, im.pixels);
    const std::vector<std::uint8_t> labels{1, 2, 3};
    const std::string lb = encode_idx_labels(labels);
    EXPECT_EQ(parse_idx_labels(u(lb), lb.size(), "y"), labels);
}

TEST(Idx, BrokenFilesGiveTypedErrors) {
    const std::string good = encode_idx_images(tiny_images());
    std::string bad_magic = good;
    bad_magic[3] = 0x01;
    expect_format_error([&] { parse_idx_images(u(bad_magic), bad_magic.size(), "f"); }, "not an IDX image file");
    const std::string truncated = good.substr(0, good.size() - 1);
    expect_format_error([&] { parse_idx_images(u(truncated), truncated.size(), "f"); }, "truncated");
    expect_format_error([&] { parse_idx_images(u(good), 10, "f"); }, "too short");
    const std::string zero = be32(0x803) + be32(0) + be32(28) + be32(28);
    expect_format_error([&] { parse_idx_images(u(zero), zero.size(), "f"); }, "zero");
    const std::string huge = be32(0x803) + be32(0xFFFFFFFF) + be32(0xFFFFFFFF) + be32(0xFFFFFFFF);
    expect_format_error([&] { parse_idx_images(u(huge), huge.size(), "f"); }, "exceed");
    const std::string overflow = be32(0x803) + be32(4000000) + be32(1024) + be32(1024);  // 4e12 bytes
    expect_format_error([&] { parse_idx_images(u(overflow), overflow.size(), "f"); }, "truncated");
    const std::string lab = be32(0x801) + be32(5) + "ab";
    expect_format_error([&] { parse_idx_labels(u(lab), lab.size(), "f"); }, "truncated");
    const std::string labmagic = be32(0x803) + be32(2) + "ab";
    expect_format_error([&] { parse_idx_labels(u(labmagic), labmagic.size(), "f"); }, "not an IDX label file");
}

TEST(Idx, MissingFileIsAnIoError) { EXPECT_THROW(read_idx_images("/nonexistent/file"), IoError); }

TEST(Dataset, MissingDataSaysHowToFetch) {
    test::TempDir d;
    try {
        load_dataset("mnist", Split::Train, d.path.string());
        FAIL();
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("topdown-cli data fetch"), std::string::npos);
    }
    EXPECT_THROW(load_dataset("cifar", Split::Train, d.path.string()), ArgumentError);
}

TEST(Dataset, LabelsOutOfRangeAreRejected) {
    const auto im = tiny_images();
    EXPECT_THROW(make_dataset("mnist", im, {1, 2, 10}), DataError);
    EXPECT_THROW(make_dataset("mnist", im, {1, 2}), DataError);
}

TEST(Dataset, RealMnistAndFashionVerifyAndLoad) {
    std::string why;
    ASSERT_TRUE(dataset_verified("mnist", data_dir(), &why)) << why << " (run `topdown-cli data fetch`)";
    ASSERT_TRUE(dataset_verified("fashion", data_dir(), &why)) << why;
    const Dataset m = load_dataset("mnist", Split::Test, data_dir());
    EXPECT_EQ(m.size(), 10000);
    EXPECT_EQ(m.images.cols(), 784);
    EXPECT_EQ(m.num_classes(), 10);
    EXPECT_GE(m.images.minCoeff(), 0.0f);
    EXPECT_LE(m.images.maxCoeff(), 1.0f);
    EXPECT_EQ(m.labels[0], 7);  // the first MNIST test digit is a 7
    const Dataset f = load_dataset("fashion", Split::Train, data_dir(), 20);
    EXPECT_EQ(f.class_names[9], "Ankle boot");
    for (int i = 0; i < 20; ++i) EXPECT_EQ(f.labels[std::size_t(i)], i % 10);  // interleaved classes
    const Dataset ft = load_dataset("fashion", Split::Test, data_dir());
    EXPECT_EQ(ft.size(), 10000);
    EXPECT_EQ(load_dataset("fashion", Split::Train, data_dir()).size(), 60000);
}
