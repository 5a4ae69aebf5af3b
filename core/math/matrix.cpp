#include "math/matrix.hpp"

#include <cmath>

namespace topdown {

void sigmoid_inplace(float* data, std::size_t n) {
    Eigen::Map<Eigen::ArrayXf> a(data, static_cast<Eigen::Index>(n));
    a = a.logistic();
}

void sigmoid_inplace(Matrix& m) { sigmoid_inplace(m.data(), static_cast<std::size_t>(m.size())); }

bool all_finite(const float* data, std::size_t n) {
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i) ok &= std::isfinite(data[i]);
    return ok;
}

}  // namespace topdown
