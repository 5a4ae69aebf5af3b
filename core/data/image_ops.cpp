#include "data/image_ops.hpp"

#include <algorithm>
#include <cmath>

#include "util/errors.hpp"

namespace topdown {

namespace {
// Weights of a 1-D area resampling: for each output index, (input index, weight) pairs summing to 1.
std::vector<std::vector<std::pair<int, double>>> area_weights(int in, int out) {
    std::vector<std::vector<std::pair<int, double>>> w(static_cast<std::size_t>(out));
    const double scale = double(in) / double(out);
    for (int o = 0; o < out; ++o) {
        const double lo = o * scale, hi = (o + 1) * scale;
        for (int i = int(std::floor(lo)); i < int(std::ceil(hi)) && i < in; ++i) {
            const double ov = std::min(hi, double(i + 1)) - std::max(lo, double(i));
            if (ov > 1e-12) w[static_cast<std::size_t>(o)].push_back({i, ov / scale});
        }
    }
    return w;
}

int reflect(int i, int n) {
    // scipy's 'reflect' (d c b a | a b c d | d c b a), for windows smaller than twice the image.
    while (i < 0 || i >= n) {
        if (i < 0) i = -i - 1;
        if (i >= n) i = 2 * n - i - 1;
    }
    return i;
}
}  // namespace

GrayImage resize_area(const GrayImage& in, int rows, int cols) {
    if (in.rows < 1 || in.cols < 1 || rows < 1 || cols < 1 || in.pixels.size() != std::size_t(in.rows) * std::size_t(in.cols))
        throw ArgumentError("resize_area: bad image or size");
    const auto wx = area_weights(in.cols, cols), wy = area_weights(in.rows, rows);
    std::vector<double> tmp(std::size_t(in.rows) * std::size_t(cols), 0.0);
    for (int y = 0; y < in.rows; ++y)
        for (int x = 0; x < cols; ++x) {
            double s = 0;
            for (auto [i, w] : wx[std::size_t(x)]) s += w * in.pixels[std::size_t(y) * std::size_t(in.cols) + std::size_t(i)];
            tmp[std::size_t(y) * std::size_t(cols) + std::size_t(x)] = s;
        }
    GrayImage out{rows, cols, std::vector<float>(std::size_t(rows) * std::size_t(cols))};
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            double s = 0;
            for (auto [i, w] : wy[std::size_t(y)]) s += w * tmp[std::size_t(i) * std::size_t(cols) + std::size_t(x)];
            out.pixels[std::size_t(y) * std::size_t(cols) + std::size_t(x)] = static_cast<float>(std::clamp(s, 0.0, 1.0));
        }
    return out;
}

std::vector<float> sauvola_threshold(const GrayImage& in, int window, float k, float r) {
    if (window < 1 || window % 2 == 0) throw ArgumentError("the Sauvola window must be an odd number of pixels");
    const int h = window / 2;
    std::vector<float> t(in.pixels.size());
    for (int y = 0; y < in.rows; ++y)
        for (int x = 0; x < in.cols; ++x) {
            double s = 0, s2 = 0;
            for (int dy = -h; dy <= h; ++dy)
                for (int dx = -h; dx <= h; ++dx) {
                    const double v = in.pixels[std::size_t(reflect(y + dy, in.rows)) * std::size_t(in.cols) + std::size_t(reflect(x + dx, in.cols))];
                    s += v;
                    s2 += v * v;
                }
            const double n = double(window) * window, m = s / n;
            const double sd = std::sqrt(std::max(0.0, s2 / n - m * m));
            t[std::size_t(y) * std::size_t(in.cols) + std::size_t(x)] = static_cast<float>(m * (1.0 + k * (sd / r - 1.0)));
        }
    return t;
}

GrayImage binarize_sauvola(const GrayImage& in, int window, float k) {
    const std::vector<float> t = sauvola_threshold(in, window, k);
    GrayImage out = in;
    for (std::size_t i = 0; i < out.pixels.size(); ++i) out.pixels[i] = in.pixels[i] > t[i] ? 1.0f : 0.0f;
    return out;
}

}  // namespace topdown
