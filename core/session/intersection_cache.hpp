// The composer's intersection sizes |top-k(A) ∩ top-k(B)| for every class pair of the loaded model, cached
// per model and k. The cache holds the model it was computed for, so a reloaded model (even one whose
// ModelInfo lands at the freed address of the previous one) always gets its own sizes.
#pragma once
#include <Eigen/Core>
#include <memory>

#include "session/snapshot.hpp"

namespace topdown {

class IntersectionCache {
public:
    // |top-k(a) ∩ top-k(b)| for `model` with k = `k_requested` (0: the model's k); -1 when the model has no
    // label biasing, k is invalid or a class is out of range. `k_used` receives the resolved k (0 if none).
    int size(const std::shared_ptr<const ModelInfo>& model, int k_requested, int a, int b, int& k_used);

private:
    std::shared_ptr<const ModelInfo> model_;  // held: its address cannot be reused while cached
    int k_ = -1;
    Eigen::MatrixXi sizes_;
};

}  // namespace topdown
