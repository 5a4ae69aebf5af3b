#include "util/png.hpp"

#include <stb/stb_image_write.h>

#include <algorithm>

#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown {

Image::Image(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) : width(w), height(h) {
    rgb.resize(std::size_t(w) * std::size_t(h) * 3);
    for (std::size_t i = 0; i < rgb.size(); i += 3) {
        rgb[i] = r;
        rgb[i + 1] = g;
        rgb[i + 2] = b;
    }
}

void Image::set(int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const std::size_t i = (std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3;
    rgb[i] = r;
    rgb[i + 1] = g;
    rgb[i + 2] = b;
}

void Image::fill_rect(int x, int y, int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    for (int yy = std::max(0, y); yy < std::min(height, y + h); ++yy)
        for (int xx = std::max(0, x); xx < std::min(width, x + w); ++xx) set(xx, yy, r, g, b);
}

void Image::draw_gray(const float* v, int rows, int cols, int x, int y, int scale, bool inverted) {
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j) {
            float f = std::clamp(v[i * cols + j], 0.0f, 1.0f);
            if (inverted) f = 1.0f - f;
            const auto g = static_cast<std::uint8_t>(f * 255.0f + 0.5f);
            fill_rect(x + j * scale, y + i * scale, scale, scale, g, g, g);
        }
}

namespace {
void append_bytes(void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}
}  // namespace

void write_png(const std::string& path, const Image& im) {
    if (im.width <= 0 || im.height <= 0) throw ArgumentError("cannot write an empty image");
    std::string bytes;
    if (!stbi_write_png_to_func(append_bytes, &bytes, im.width, im.height, 3, im.rgb.data(), im.width * 3))
        throw IoError("could not encode PNG for '" + path + "'");
    write_file_atomic(path, bytes);
}

}  // namespace topdown
