// Small image operations for dataset import: area-filter resizing and Sauvola binarisation of one-channel
// float images in [0, 1] (row-major).
#pragma once
#include <vector>

namespace topdown {

// A one-channel float image.
struct GrayImage {
    int rows = 0, cols = 0;
    std::vector<float> pixels;  // rows * cols, row-major
};

// Resizes with an area (box) filter: every output pixel is the mean of the input area it covers, with
// fractional weights at the edges (exact for integer factors, e.g. 56x56 -> 28x28 averages 2x2 blocks).
GrayImage resize_area(const GrayImage& in, int rows, int cols);

// Sauvola threshold of every pixel: T = m (1 + k (s / R - 1)) over a window x window neighbourhood (reflected
// at the borders; m mean, s population standard deviation), R = 0.5 (half the [0, 1] range).
std::vector<float> sauvola_threshold(const GrayImage& in, int window = 7, float k = 0.05f, float r = 0.5f);

// Binarises: 1 where the pixel is above its Sauvola threshold, else 0.
GrayImage binarize_sauvola(const GrayImage& in, int window = 7, float k = 0.05f);

}  // namespace topdown
