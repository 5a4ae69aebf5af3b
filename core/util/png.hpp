// Writing PNG images (stb_image_write) atomically, and small raster helpers for figures.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace topdown {

// An 8-bit RGB raster.
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // width * height * 3

    Image() = default;
    // A raster filled with one colour.
    Image(int w, int h, std::uint8_t r = 255, std::uint8_t g = 255, std::uint8_t b = 255);
    // Sets one pixel (ignored outside the raster).
    void set(int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b);
    // Draws a grayscale tile (values in [0,1], `rows` x `cols`) scaled by `scale` at (x, y).
    void draw_gray(const float* values, int rows, int cols, int x, int y, int scale, bool inverted = false);
    // Fills a rectangle.
    void fill_rect(int x, int y, int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b);
};

// Encodes to PNG and writes atomically. Throws IoError.
void write_png(const std::string& path, const Image& image);

}  // namespace topdown
