// A labelled image dataset served as float [0,1] row-major batches.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/idx.hpp"
#include "math/matrix.hpp"

namespace topdown {

enum class Split { Train, Test };

struct Dataset {
    std::string name;                       // "mnist", "fashion" or an imported dataset's name
    Matrix images;                          // N x (rows*cols), pixels / 255
    std::vector<std::uint8_t> labels;       // N class indices in [0, C)
    std::vector<std::string> class_names;   // C names
    int image_rows = 28, image_cols = 28;

    // Number of images.
    int size() const { return static_cast<int>(images.rows()); }
    // Number of classes C.
    int num_classes() const { return static_cast<int>(class_names.size()); }
    // Copies the rows listed in `indices` into `out` (resized to indices.size() x D).
    void gather(const std::uint32_t* indices, std::size_t n, Matrix& out) const;
    // One-hot label matrix (N x C).
    Matrix one_hot() const;
};

// Names of the datasets we know ("mnist", "fashion").
std::vector<std::string> known_datasets();

// Class names of a known dataset; throws ArgumentError for an unknown name.
std::vector<std::string> dataset_class_names(const std::string& name);

// Loads a split of a built-in or imported dataset from the data folder (see data_dir()); `limit` > 0 keeps only the first `limit` images.
// Throws DataError (with the hint to run `topdown-cli data fetch`) when files are missing.
Dataset load_dataset(const std::string& name, Split split, const std::string& dir, std::size_t limit = 0);

// Builds a Dataset from raw IDX content (validates that labels match images and classes).
Dataset make_dataset(const std::string& name, const IdxImages& images, const std::vector<std::uint8_t>& labels,
                     std::size_t limit = 0);

// The same with explicit class names (imported datasets).
Dataset make_dataset_with_classes(const std::string& name, const std::vector<std::string>& class_names, const IdxImages& images,
                                  const std::vector<std::uint8_t>& labels, std::size_t limit = 0);

}  // namespace topdown
