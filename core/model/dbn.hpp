// A stack of RBM layers (a plain RBM is a stack of one) plus what TopDown stores with it:
// the label-biasing matrix M and k (docs/METHODS.md §5.1-5.2), an optional PCA basis (§11.1) and metadata.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "model/rbm_layer.hpp"

namespace topdown {

// A stored PCA basis for projecting concatenated hidden activity (docs/METHODS.md §11.1).
struct PcaBasis {
    Matrix mean;        // 1 x D
    Matrix components;  // K x D (rows are principal directions)
    Matrix explained;   // 1 x K, fraction of variance explained by each component
    bool empty() const { return components.size() == 0; }
};

struct Dbn {
    std::vector<RbmLayer> layers;
    std::vector<std::string> class_names;  // C names
    std::string dataset;                   // "mnist", "fashion", ...
    Matrix label_biasing;                  // M, C x n_top (empty until computed)
    int k = 0;                             // default number of active top units for chimeras / random init
    double readout_accuracy = -1;          // test accuracy of the linear read-out, -1 if unknown
    PcaBasis pca;                          // optional
    nlohmann::json training;               // recipe, mode, seed, epochs, MSE per epoch, wall time
    std::string created;                   // ISO-8601 creation time
    int image_rows = 0, image_cols = 0;    // the visible layer as an image; 0 = not stored (square assumed)

    // Layer sizes from the visible layer up, e.g. {784, 500, 500, 1000}.
    std::vector<int> architecture() const;
    // Number of RBM layers L.
    int depth() const { return static_cast<int>(layers.size()); }
    // Size of the top layer n_L.
    int top_size() const { return layers.empty() ? 0 : layers.back().n_upper(); }
    // Number of classes C.
    int num_classes() const { return static_cast<int>(class_names.size()); }
    // Architecture as text, e.g. "784-500-500-1000".
    std::string architecture_text() const;
    // The visible layer's image shape {rows, cols}: the stored one, else square when n_visible is a square
    // number, else one row of n_visible pixels.
    std::pair<int, int> image_shape() const;
    // Propagates x through the first `num_layers` layers with `up` (probabilities); all layers if < 0.
    Matrix propagate_up(const Matrix& x, int num_layers = -1) const;
    // Creates an untrained stack with the given sizes (zero weights).
    static Dbn with_architecture(const std::vector<int>& sizes);
};

// Sizes as text, e.g. "784-500-500-1000".
std::string architecture_text(const std::vector<int>& sizes);

// Parses "784-500-500-1000" into sizes; throws ArgumentError on bad text.
std::vector<int> parse_architecture(const std::string& text);

}  // namespace topdown
