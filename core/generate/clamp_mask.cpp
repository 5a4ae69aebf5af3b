#include "generate/clamp_mask.hpp"

#include "generate/biasing.hpp"
#include "util/errors.hpp"

namespace topdown {

void VisibleClamp::apply(float* visible) const {
    for (std::size_t i = 0; i < pixels.size(); ++i) visible[pixels[i]] = values[i];
}

VisibleClamp make_visible_clamp(const Matrix& image, const Matrix& mask) {
    VisibleClamp c;
    if (mask.size() == 0) return c;
    if (mask.rows() != 1 || image.rows() != 1 || mask.cols() != image.cols())
        throw ArgumentError("the clamp mask must have as many pixels as the start image (" + std::to_string(image.size()) +
                            "), it has " + std::to_string(mask.size()));
    if (!all_finite(mask.data(), static_cast<std::size_t>(mask.size())))
        throw ArgumentError("the clamp mask contains NaN or Inf");
    if (!all_finite(image.data(), static_cast<std::size_t>(image.size())) || image.minCoeff() < 0 || image.maxCoeff() > 1)
        throw ArgumentError("the start image must have pixel values in [0, 1]");
    for (Eigen::Index j = 0; j < mask.cols(); ++j)
        if (mask(0, j) != 0.0f) {
            c.pixels.push_back(static_cast<int>(j));
            c.values.push_back(image(0, j));
        }
    return c;
}

VisibleClamp visible_clamp(const BiasSpec& spec) {
    if (spec.method != BiasMethod::Image) return {};
    return make_visible_clamp(spec.image, spec.clamp_mask);
}

namespace {
Matrix half_mask(int rows, int cols, bool left) {
    if (rows < 1 || cols < 1) throw ArgumentError("a clamp mask needs a positive image size");
    Matrix m = Matrix::Zero(1, static_cast<Eigen::Index>(rows) * cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            if (left ? c < cols / 2 : r < rows / 2) m(0, static_cast<Eigen::Index>(r) * cols + c) = 1.0f;
    return m;
}
}  // namespace

Matrix left_half_mask(int rows, int cols) { return half_mask(rows, cols, true); }
Matrix top_half_mask(int rows, int cols) { return half_mask(rows, cols, false); }

}  // namespace topdown
