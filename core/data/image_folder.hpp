// Importing a folder of images as a dataset (`topdown-cli data import`): one class per subfolder or a CSV
// mapping file name -> class; images decoded with stb_image (PNG, JPEG, BMP, GIF, PGM, ...), converted to one
// channel, resized with an area filter, optionally binarised (Sauvola), split train/test stratified by class,
// and written as DATA_DIR/NAME (IDX files + manifest.json with SHA-256 of every output) in one atomic rename.
#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace topdown {

struct ImageFolderOptions {
    std::string source;             // the image folder
    std::string name;               // dataset name (DATA_DIR/NAME)
    std::string data_dir;           // where datasets live (data_dir())
    int rows = 28, cols = 28;       // output image size
    bool gray = false;              // convert colour images to gray (else colour images are refused)
    bool sauvola = false;           // binarise with Sauvola
    int sauvola_window = 7;
    float sauvola_k = 0.05f;
    std::string labels_csv;         // optional: file,class lines (file relative to `source`)
    double test_fraction = 0.15;    // per class
    std::uint64_t seed = 1;
    bool reject_bad = false;        // a bad image fails the import (else it is skipped and reported)
    bool force = false;             // replace an existing dataset of that name
    std::uint64_t max_file_bytes = 64ULL << 20;
    std::uint64_t max_pixels = 40'000'000;  // width x height of one source image
    std::function<void(const std::string&)> log;  // progress lines (may be empty)
};

struct ImageFolderReport {
    std::string out_dir;
    std::vector<std::string> class_names;
    int train = 0, test = 0;
    std::vector<std::pair<std::string, std::string>> skipped;  // file, reason
    nlohmann::json manifest;
};

// Runs the import. Throws ArgumentError (options), DataError (no usable images, bad images with reject_bad,
// an existing dataset without force), IoError. Nothing is left under DATA_DIR/NAME unless it succeeds.
ImageFolderReport import_image_folder(const ImageFolderOptions& options);

// Checks an imported dataset's files against the SHA-256 sums of its manifest.
bool imported_dataset_verified(const std::string& name, const std::string& dir, std::string* why = nullptr);

}  // namespace topdown
