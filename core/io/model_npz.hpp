// Models as NumPy .npz archives (interchange with the papers' Python code).
//
// Arrays (see README, "Bring your own model"):
//   W1, a1, b1, W2, ...   the iDBN code's layout: W[n_out, n_in], a[1, n_in] (visible bias), b[1, n_out]
//   vishid, visbiases, hidbiases (or vishid1, visbiases1, hidbiases1, ...)   the RBM code's: vishid[n_in, n_out]
//   optional: M [C, n_top], class_names [C] (strings or integers), image_shape [rows, cols], k (scalar),
//   dataset (string), readout_accuracy (scalar), pca_mean / pca_components / pca_explained, topdown_meta
//   (JSON string: training record and creation time, written by export).
// The orientation of each weight matrix is detected from the shapes of its biases; a square layer whose biases
// have the same size cannot be told apart and follows its name (W: [n_out, n_in]; vishid: [n_in, n_out]) unless
// the caller forces an orientation.
#pragma once
#include <string>
#include <vector>

#include "io/npz.hpp"
#include "model/dbn.hpp"

namespace topdown {

enum class WeightOrientation { Auto, OutIn, InOut };

// Parses "auto", "out-in" (W[n_out, n_in]) or "in-out" (vishid[n_in, n_out]); throws ArgumentError.
WeightOrientation parse_weight_orientation(const std::string& text);

struct NpzImportOptions {
    WeightOrientation orientation = WeightOrientation::Auto;
    std::string dataset;                   // sets the model's dataset when the file names none
    std::vector<std::string> class_names;  // used when the file has no class_names
};

// Builds a model from the arrays of an .npz archive; `notes` (optional) receives one line per decision taken
// (orientation of each layer, arrays ignored). Throws FileFormatError (shapes, dtypes, values) / ArgumentError.
Dbn model_from_npz(const NpzArrays& arrays, const std::string& name, const NpzImportOptions& options = {},
                   std::vector<std::string>* notes = nullptr);

// Reads an .npz file and builds the model. Throws IoError / FileFormatError / ArgumentError.
Dbn import_npz_model(const std::string& path, const NpzImportOptions& options = {}, std::vector<std::string>* notes = nullptr);

// Parses .npz bytes into a model (for fuzzing and tests; files without class names get two classes).
// Throws FileFormatError / ArgumentError.
Dbn parse_npz_model(const unsigned char* data, std::size_t size, const std::string& name, const ZipLimits& limits = {});

// Encodes a model as .npz bytes in the iDBN layout (W[n_out, n_in], a[1, n_in], b[1, n_out]) plus every
// optional array the model has; deflated when `compress`.
std::string model_to_npz(const Dbn& model, bool compress);

// Writes model_to_npz atomically. Throws IoError.
void export_npz_model(const Dbn& model, const std::string& path, bool compress);

}  // namespace topdown
