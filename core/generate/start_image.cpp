#include "generate/start_image.hpp"

#include <algorithm>

#include "data/image_decode.hpp"
#include "data/image_ops.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
// Decodes the file into a gray image (any size).
GrayImage decode_file(const std::string& path, const char* what) {
    if (path.empty()) throw ArgumentError(std::string("no ") + what + " file given");
    const std::vector<unsigned char> bytes = read_file_bounded(path, kMaxStartImageBytes);
    GrayImage g;
    const std::string why = decode_gray_image(bytes, kMaxStartImagePixels, g);
    if (!why.empty()) throw DataError("'" + path + "' cannot be used as a " + what + ": " + why);
    return g;
}

void check_shape(ImageShape s) {
    if (s.rows < 1 || s.cols < 1 || std::int64_t(s.rows) * s.cols > 1'000'000)
        throw ArgumentError("the model's visible layer has no image shape");
}
}  // namespace

Matrix load_start_image(const std::string& path, ImageShape shape) {
    check_shape(shape);
    const GrayImage g = decode_file(path, "start image");
    const GrayImage r = g.rows == shape.rows && g.cols == shape.cols ? g : resize_area(g, shape.rows, shape.cols);
    Matrix out(1, static_cast<Eigen::Index>(r.pixels.size()));
    for (std::size_t i = 0; i < r.pixels.size(); ++i) out(0, Eigen::Index(i)) = std::clamp(r.pixels[i], 0.0f, 1.0f);
    return out;
}

Matrix load_clamp_mask(const std::string& path, ImageShape shape) {
    check_shape(shape);
    GrayImage g = decode_file(path, "clamp mask");
    for (float& v : g.pixels) v = v > 0.0f ? 1.0f : 0.0f;  // nonzero = clamped, before resizing
    const GrayImage r = g.rows == shape.rows && g.cols == shape.cols ? g : resize_area(g, shape.rows, shape.cols);
    Matrix out(1, static_cast<Eigen::Index>(r.pixels.size()));
    for (std::size_t i = 0; i < r.pixels.size(); ++i) out(0, Eigen::Index(i)) = r.pixels[i] >= 0.5f ? 1.0f : 0.0f;
    return out;
}

}  // namespace topdown
