// The papers' values that `sweep collect` prints beside ours (the same figures as the study report:
// Tausani et al. 2023 for the single RBM, 2025 for the iDBN; MNIST only).
#pragma once
#include <string>

namespace topdown {

// The paper's value of `metric` for `method` ("label", "double", "intersection", "random", or "-" for model
// metrics such as "readout_accuracy_percent") on a model with `depth` layers trained on `dataset`; "-" if none.
std::string paper_value(const std::string& method, const std::string& metric, int depth, const std::string& dataset);

}  // namespace topdown
