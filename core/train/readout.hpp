// Linear ridge read-out (docs/METHODS.md §4.6): one-vs-all least squares on ±1 targets, α = 1, with intercept.
#pragma once
#include <cstdint>
#include <vector>

#include "math/matrix.hpp"

namespace topdown {

struct Readout {
    Matrix weights;  // D x C
    Vector bias;     // C

    // Predicted class of every row of `features`.
    std::vector<int> predict(const Matrix& features) const;
    // Fraction of rows whose prediction equals the label.
    double accuracy(const Matrix& features, const std::vector<std::uint8_t>& labels) const;
};

// Fits the read-out on features (N x D) and labels in [0, C). The normal equations are formed from centred
// features and summed in double (accurate for features with a large common offset). Throws ArgumentError on
// empty or mismatched input and on a label >= C.
Readout fit_ridge_readout(const Matrix& features, const std::vector<std::uint8_t>& labels, int num_classes,
                          double alpha = 1.0);

}  // namespace topdown
