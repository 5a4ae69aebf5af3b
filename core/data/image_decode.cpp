#include "data/image_decode.hpp"

#include <stb/stb_image.h>
#include <stdlib.h>

#include <climits>
#include <memory>

namespace topdown {

std::string decode_gray_image(const std::vector<unsigned char>& bytes, std::uint64_t max_pixels, GrayImage& out,
                              bool* colour) {
    if (bytes.empty()) return "empty file (zero bytes)";
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return "file too large";
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(bytes.data(), int(bytes.size()), &w, &h, &comp))
        return std::string("unreadable image (") + (stbi_failure_reason() ? stbi_failure_reason() : "unknown format") + ")";
    if (w <= 0 || h <= 0) return "zero-sized image";
    if (std::uint64_t(w) * std::uint64_t(h) > max_pixels)
        return "image too large (" + std::to_string(w) + "x" + std::to_string(h) + " pixels)";
    if (comp < 1 || comp > 4) return "unsupported channel count " + std::to_string(comp);
    int w2 = 0, h2 = 0, c2 = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> px(stbi_load_from_memory(bytes.data(), int(bytes.size()), &w2, &h2, &c2, 0),
                                                       stbi_image_free);
    if (!px || w2 != w || h2 != h || c2 != comp)
        return std::string("unreadable image (") + (stbi_failure_reason() ? stbi_failure_reason() : "decode failed") + ")";
    if (colour) *colour = comp >= 3;
    out.rows = h;
    out.cols = w;
    out.pixels.resize(std::size_t(w) * std::size_t(h));
    for (std::size_t i = 0; i < out.pixels.size(); ++i) {
        const unsigned char* p = px.get() + i * std::size_t(comp);
        const float v = comp >= 3 ? 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2] : float(p[0]);
        out.pixels[i] = v / 255.0f;
    }
    return {};
}

}  // namespace topdown
