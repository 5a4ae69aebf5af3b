// Image-folder datasets (issue 17): area resize, Sauvola, the import (classes, bad images, stratified split,
// manifest with SHA-256, nothing half-written) and loading the result by name.
#include <gtest/gtest.h>

#include <stb/stb_image_write.h>

#include <filesystem>
#include <fstream>

#include "data/dataset.hpp"
#include "data/dataset_manifest.hpp"
#include "data/image_folder.hpp"
#include "data/image_ops.hpp"
#include "test_support.hpp"
#include "util/checksum.hpp"
#include "util/errors.hpp"

using namespace topdown;
namespace fs = std::filesystem;

namespace {

// 4x4 gray pattern p(y, x) = 16 (4 y + x); dogs are its negative 255 - p.
std::vector<unsigned char> pattern(bool negative) {
    std::vector<unsigned char> px(16);
    for (int i = 0; i < 16; ++i) px[std::size_t(i)] = static_cast<unsigned char>(negative ? 255 - 16 * i : 16 * i);
    return px;
}

void write_png(const fs::path& p, int w, int h, int comp, const std::vector<unsigned char>& px) {
    fs::create_directories(p.parent_path());
    ASSERT_NE(stbi_write_png(p.c_str(), w, h, comp, px.data(), w * comp), 0);
}

// src/cat/*.png, src/dog/*.png (10 each) plus three bad files.
void make_pets(const fs::path& src) {
    for (int i = 0; i < 10; ++i) {
        const std::string n = std::to_string(i) + ".png";
        write_png(src / "cat" / ("c" + n), 4, 4, 1, pattern(false));
        write_png(src / "dog" / ("d" + n), 4, 4, 1, pattern(true));
    }
    std::ofstream(src / "cat" / "empty.png").close();
    std::ofstream(src / "dog" / "garbage.png") << "not an image at all";
    write_png(src / "dog" / "colour.png", 4, 4, 3, std::vector<unsigned char>(48, 100));
}

ImageFolderOptions pets_options(const test::TempDir& d, const std::string& name) {
    ImageFolderOptions o;
    o.source = d.file("src");
    o.name = name;
    o.data_dir = d.file("data");
    o.rows = o.cols = 2;
    o.test_fraction = 0.2;
    o.seed = 5;
    return o;
}

}  // namespace

TEST(ImageOps, AreaResizeAveragesWholeBlocks) {
    GrayImage in{4, 4, {}};
    for (int i = 0; i < 16; ++i) in.pixels.push_back(float(i));
    const GrayImage out = resize_area(in, 2, 2);
    // Block means: (0+1+4+5)/4, (2+3+6+7)/4, (8+9+12+13)/4, (10+11+14+15)/4 (clamped to [0, 1] afterwards, so scale).
    GrayImage in01 = in;
    for (auto& v : in01.pixels) v /= 16.0f;
    const GrayImage o01 = resize_area(in01, 2, 2);
    EXPECT_FLOAT_EQ(o01.pixels[0], 2.5f / 16);
    EXPECT_FLOAT_EQ(o01.pixels[1], 4.5f / 16);
    EXPECT_FLOAT_EQ(o01.pixels[2], 10.5f / 16);
    EXPECT_FLOAT_EQ(o01.pixels[3], 12.5f / 16);
    EXPECT_EQ(out.rows, 2);
}

TEST(ImageOps, AreaResizeWeighsPartialPixels) {
    // 3 -> 2 columns: each output covers 1.5 inputs: (0 * 1 + 0.3 * 0.5) / 1.5 and (0.3 * 0.5 + 0.9 * 1) / 1.5.
    const GrayImage out = resize_area(GrayImage{1, 3, {0.0f, 0.3f, 0.9f}}, 1, 2);
    EXPECT_NEAR(out.pixels[0], 0.1f, 1e-6);
    EXPECT_NEAR(out.pixels[1], 0.7f, 1e-6);
}

TEST(ImageOps, SauvolaThresholdMatchesTheFormula) {
    // 3x3, a bright centre 0.9: every 3x3 window (reflected at the borders) holds the centre once and eight zeros:
    // m = 0.1, s = sqrt(0.81 / 9 - 0.01) = sqrt(0.08), T = m (1 + k (s / 0.5 - 1)).
    GrayImage in{3, 3, std::vector<float>(9, 0.0f)};
    in.pixels[4] = 0.9f;
    const auto t = sauvola_threshold(in, 3, 0.05f);
    const double expected = 0.1 * (1 + 0.05 * (std::sqrt(0.08) / 0.5 - 1));
    EXPECT_NEAR(t[4], expected, 1e-6);
    EXPECT_NEAR(t[0], expected, 1e-6);
    const GrayImage b = binarize_sauvola(in, 3, 0.05f);
    EXPECT_EQ(b.pixels, (std::vector<float>{0, 0, 0, 0, 1, 0, 0, 0, 0}));
    // A flat image: s = 0, T = 0.95 m < m, so every pixel is foreground.
    const GrayImage flat = binarize_sauvola(GrayImage{2, 2, {0.6f, 0.6f, 0.6f, 0.6f}}, 7, 0.05f);
    EXPECT_EQ(flat.pixels, (std::vector<float>{1, 1, 1, 1}));
}

TEST(ImageFolder, ImportsClassesSkipsBadImagesAndSplitsByClass) {
    test::TempDir d;
    make_pets(d.path / "src");
    const ImageFolderReport r = import_image_folder(pets_options(d, "pets"));
    EXPECT_EQ(r.class_names, (std::vector<std::string>{"cat", "dog"}));
    EXPECT_EQ(r.train, 16);
    EXPECT_EQ(r.test, 4);
    ASSERT_EQ(r.skipped.size(), 3u);
    std::string names;
    for (const auto& [f, why] : r.skipped) names += f + ";";
    EXPECT_EQ(names, "cat/empty.png;dog/colour.png;dog/garbage.png;");

    const Dataset train = load_dataset("pets", Split::Train, d.file("data"));
    const Dataset test = load_dataset("pets", Split::Test, d.file("data"));
    EXPECT_EQ(train.class_names, (std::vector<std::string>{"cat", "dog"}));
    ASSERT_EQ(train.size(), 16);
    EXPECT_EQ(train.image_rows, 2);
    EXPECT_EQ(train.image_cols, 2);
    int per_class[2] = {0, 0};
    for (auto l : test.labels) ++per_class[l];
    EXPECT_EQ(per_class[0], 2);  // round(10 x 0.2) of each class
    EXPECT_EQ(per_class[1], 2);
    // 2x2 block means of the 4x4 pattern: 16 (8 by + 2 bx + 2.5) = 40, 72, 168, 200; dogs 255 minus those.
    const float cat[4] = {40, 72, 168, 200};
    for (int i = 0; i < train.size(); ++i)
        for (int p = 0; p < 4; ++p) {
            const float want = train.labels[std::size_t(i)] == 0 ? cat[p] : 255 - cat[p];
            ASSERT_FLOAT_EQ(train.images(i, p) * 255.0f, want) << i << " " << p;
        }
    // Both classes appear among the first training images (the split is mixed, not sorted by class).
    std::set<int> first(train.labels.begin(), train.labels.begin() + 6);
    EXPECT_EQ(first.size(), 2u);

    // Manifest: counts, options and the SHA-256 of every output file.
    const auto m = read_dataset_manifest("pets", d.file("data"));
    EXPECT_EQ(m["counts"]["dog"]["test"], 2);
    EXPECT_EQ(m["skipped"].size(), 3u);
    for (const char* f : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "index.csv"})
        EXPECT_EQ(m["sha256"][f], sha256_file((d.path / "data" / "pets" / f).string())) << f;
    EXPECT_TRUE(imported_dataset_verified("pets", d.file("data")));
    {
        std::fstream f(d.path / "data" / "pets" / "train-labels-idx1-ubyte", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(8);
        f.put(char(7));  // labels are 0 or 1: this byte changes
    }
    std::string why;
    EXPECT_FALSE(imported_dataset_verified("pets", d.file("data"), &why));
    EXPECT_NE(why.find("SHA-256"), std::string::npos) << why;
}

TEST(ImageFolder, SameSeedSameFilesOtherSeedOtherSplit) {
    test::TempDir d;
    make_pets(d.path / "src");
    (void)import_image_folder(pets_options(d, "p1"));
    (void)import_image_folder(pets_options(d, "p2"));
    auto o = pets_options(d, "p3");
    o.seed = 6;
    (void)import_image_folder(o);
    const auto s = [&](const char* n) { return read_dataset_manifest(n, d.file("data"))["sha256"]["index.csv"]; };
    EXPECT_EQ(s("p1"), s("p2"));
    EXPECT_NE(s("p1"), s("p3"));
}

TEST(ImageFolder, RejectingBadImagesWritesNothing) {
    test::TempDir d;
    make_pets(d.path / "src");
    auto o = pets_options(d, "strict");
    o.reject_bad = true;
    try {
        import_image_folder(o);
        FAIL() << "bad images were accepted";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("cat/empty.png"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("dog/garbage.png"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(d.path / "data" / "strict"));
    if (fs::exists(d.path / "data"))
        for (const auto& e : fs::directory_iterator(d.path / "data")) ADD_FAILURE() << "left behind: " << e.path();
}

TEST(ImageFolder, AnExistingDatasetIsReplacedOnlyWithForce) {
    test::TempDir d;
    make_pets(d.path / "src");
    (void)import_image_folder(pets_options(d, "pets"));
    EXPECT_THROW(import_image_folder(pets_options(d, "pets")), DataError);
    auto o = pets_options(d, "pets");
    o.force = true;
    o.rows = 1;
    o.cols = 4;  // non-square output
    (void)import_image_folder(o);
    const Dataset t = load_dataset("pets", Split::Train, d.file("data"));
    EXPECT_EQ(t.image_rows, 1);
    EXPECT_EQ(t.image_cols, 4);
    EXPECT_THROW(import_image_folder(pets_options(d, "mnist")), ArgumentError);  // built-in names are reserved
    EXPECT_THROW(import_image_folder(pets_options(d, "../up")), ArgumentError);
}

TEST(ImageFolder, ColourImagesConvertWithGrayAndCsvLabelsWork) {
    test::TempDir d;
    const fs::path src = d.path / "src";
    std::ofstream csv(d.file("labels.csv"));
    csv << "filename,label\n";
    for (int i = 0; i < 4; ++i) {
        // RGB (100, 50, 200): luma 0.299 * 100 + 0.587 * 50 + 0.114 * 200 = 82.05 -> 82; the others (10, 10, 10) -> 10.
        std::vector<unsigned char> px;
        for (int p = 0; p < 4; ++p) px.insert(px.end(), {100, 50, 200});
        write_png(src / ("a" + std::to_string(i) + ".png"), 2, 2, 3, px);
        write_png(src / ("b" + std::to_string(i) + ".png"), 2, 2, 3, std::vector<unsigned char>(12, 10));
        csv << "a" << i << ".png,smiling\n" << "b" << i << ".png,neutral\n";
    }
    csv.close();
    ImageFolderOptions o;
    o.source = src.string();
    o.name = "faces";
    o.data_dir = d.file("data");
    o.rows = o.cols = 2;
    o.labels_csv = d.file("labels.csv");
    o.test_fraction = 0.25;
    // Without --gray, colour images are refused (each one reported), so no class has a usable image.
    EXPECT_THROW(import_image_folder(o), DataError);
    o.gray = true;
    const ImageFolderReport r = import_image_folder(o);
    EXPECT_EQ(r.class_names, (std::vector<std::string>{"neutral", "smiling"}));
    const Dataset t = load_dataset("faces", Split::Train, d.file("data"));
    for (int i = 0; i < t.size(); ++i) EXPECT_FLOAT_EQ(t.images(i, 0) * 255.0f, t.labels[std::size_t(i)] == 1 ? 82.0f : 10.0f);
}
