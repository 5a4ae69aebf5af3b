#include "model/dbn.hpp"

#include "model/image_shape.hpp"

#include <sstream>

#include "util/errors.hpp"

namespace topdown {

std::vector<int> Dbn::architecture() const {
    std::vector<int> s;
    if (layers.empty()) return s;
    s.push_back(layers.front().n_lower());
    for (const auto& l : layers) s.push_back(l.n_upper());
    return s;
}

std::pair<int, int> Dbn::image_shape() const {
    const int n = layers.empty() ? 0 : layers.front().n_lower();
    if (image_rows > 0 && image_cols > 0 && image_rows * image_cols == n) return {image_rows, image_cols};
    const ImageShape s = visible_image_shape(n);  // square when n is a square number, else a 1 x n strip
    return {s.rows, s.cols};
}

std::string Dbn::architecture_text() const { return topdown::architecture_text(architecture()); }

std::string architecture_text(const std::vector<int>& sizes) {
    std::string t;
    for (int s : sizes) {
        if (!t.empty()) t += '-';
        t += std::to_string(s);
    }
    return t;
}

Matrix Dbn::propagate_up(const Matrix& x, int num_layers) const {
    const int n = num_layers < 0 ? depth() : std::min(num_layers, depth());
    Matrix cur = x, next;
    for (int l = 0; l < n; ++l) {
        layers[static_cast<std::size_t>(l)].up(cur, next);
        cur.swap(next);
    }
    return cur;
}

Dbn Dbn::with_architecture(const std::vector<int>& sizes) {
    if (sizes.size() < 2) throw ArgumentError("an architecture needs at least two layer sizes");
    Dbn d;
    for (std::size_t i = 0; i + 1 < sizes.size(); ++i) d.layers.push_back(RbmLayer::zeros(sizes[i], sizes[i + 1]));
    return d;
}

std::vector<int> parse_architecture(const std::string& text) {
    std::vector<int> sizes;
    std::stringstream ss(text);
    std::string part;
    while (std::getline(ss, part, '-')) {
        if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos || part.size() > 6)
            throw ArgumentError("bad architecture '" + text + "': expected sizes like 784-500-500-1000");
        const int v = std::stoi(part);
        if (v < 1 || v > 65536) throw ArgumentError("bad architecture '" + text + "': sizes must be 1..65536");
        sizes.push_back(v);
    }
    if (sizes.size() < 2 || sizes.size() > 9)
        throw ArgumentError("bad architecture '" + text + "': need 2 to 9 layer sizes (visible first)");
    return sizes;
}

}  // namespace topdown
