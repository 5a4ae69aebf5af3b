// Initial top-layer states H⁰ of a generation chain (docs/METHODS.md §5; 2025 paper, Fig. 2b-d).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "math/matrix.hpp"
#include "model/dbn.hpp"

namespace topdown {

enum class BiasMethod { Label, DoubleLabel, Intersection, Random, Sample, Tempering, Image };

// What a biasing method takes from the user and the model: one row per method, in enum order
// (bias_method_table()). Code asks these instead of comparing methods or relying on their order.
struct BiasMethodTraits {
    BiasMethod method;
    const char* name;    // "label", "double", "intersection", "random", "sample", "tempering", "image"
    bool uses_classes;   // starts from rows of the label-biasing matrix M (needs one in the model)
    bool is_pair;        // two classes (the chimeras)
    bool uses_k;         // top-k binarisation or k random units (k is resolved to the model's when 0)
    const char* label = nullptr;  // the words the app's composer shows ("intersection chimera"); null: `name`
};

// Number of biasing methods.
constexpr int kBiasMethodCount = 7;

// Every method's traits, in enum order.
const std::vector<BiasMethodTraits>& bias_method_table();
// The traits of one method.
const BiasMethodTraits& traits(BiasMethod method);

// "label", "double", "intersection", "random", "sample", "tempering", "image" <-> BiasMethod; throws ArgumentError.
BiasMethod parse_bias_method(const std::string& text);
// The words the app shows for a method (its label, else its name).
const char* method_label(const BiasMethodTraits& t);
// The method's name (traits(method).name).
std::string to_string(BiasMethod method);

// How to start a chain.
struct BiasSpec {
    BiasMethod method = BiasMethod::Label;
    int class_a = 0;
    int class_b = 1;
    int k = 0;          // 0: the model's k
    Matrix image;       // for Sample and Image: 1 x D visible image in [0, 1]
    Matrix clamp_mask;  // for Image: 1 x D, nonzero = pixel clamped to `image` at every step (empty: none)
};

// A spec without an image (avoids brace-initialising the Matrix member).
BiasSpec bias_spec(BiasMethod method, int class_a, int class_b, int k);

// Label biasing H = e_c M (real-valued, used as given; 2025 eq. 5). Throws ArgumentError.
Vector label_biasing(const Dbn& model, int c);

// Top-k binarisation: the k largest entries -> 1, others -> 0 (ties broken by lower index).
Vector top_k_binarize(const Vector& h, int k);

// Double-label chimera C_2LB: top-k of (e_c1 + e_c2) M.
Vector double_label_chimera(const Dbn& model, int c1, int c2, int k);

// Intersection chimera C_int: units in both top-k(e_c1 M) and top-k(e_c2 M). May be all zero.
Vector intersection_chimera(const Dbn& model, int c1, int c2, int k);

// Random init: exactly k units chosen uniformly without replacement -> 1, from the stream (seed, index).
Vector random_init(int top_size, int k, std::uint64_t seed, std::uint64_t chain_index);

// Bottom-up pass of an image: top-layer probabilities.
Vector sample_init(const Dbn& model, const Matrix& image);

// |top-k(e_c1 M) ∩ top-k(e_c2 M)|: the active units of the intersection chimera. Throws ArgumentError.
int intersection_size(const Dbn& model, int c1, int c2, int k);

// C x C matrix of intersection_size for every pair (diagonal = k).
Eigen::MatrixXi intersection_size_matrix(const Dbn& model, int k);

// Class indices from a comma-separated list of class names or indices ("2,9", "cat,dog"). Throws
// ArgumentError for an empty list, an unknown name or an index outside the model's classes.
std::vector<int> parse_class_list(const Dbn& model, const std::string& text);

// The H⁰ of chain `chain_index` for a spec (random init differs per chain; others are shared).
struct InitialState {
    Vector top;              // 1 x n_top
    int active_units = 0;    // units > 0.5 (binary states) — for label biasing the expected count Σ H
    bool empty = false;      // an empty intersection: the chain starts from all zeros
    std::string description; // e.g. "intersection chimera {2, 9}, k = 149: 31 shared units"
};
InitialState make_initial_state(const Dbn& model, const BiasSpec& spec, std::uint64_t seed, std::uint64_t chain_index);

// The k used by a spec (spec.k or the model's), validated 0 < k <= n_top. Throws ArgumentError.
int resolve_k(const Dbn& model, int k);

}  // namespace topdown
