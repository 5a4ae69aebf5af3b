// Start images and clamp masks from image files (docs/METHODS.md §15): an untrusted PNG / JPEG / BMP / GIF /
// PGM file decoded through stb_image, converted to gray and resized (area filter) to the model's visible shape.
#pragma once
#include <cstdint>
#include <string>

#include "math/matrix.hpp"
#include "model/image_shape.hpp"

namespace topdown {

// Caps on an image file we read (bytes of the file, width x height of the decoded image).
constexpr std::uint64_t kMaxStartImageBytes = 32ULL << 20;
constexpr std::uint64_t kMaxStartImagePixels = 16'000'000;

// The file as a 1 x (rows * cols) image in [0, 1] (0 = black = off, as MNIST). Throws IoError when the file
// cannot be read, DataError when it is not a usable image (the message names the file and the reason).
Matrix load_start_image(const std::string& path, ImageShape shape);

// A clamp mask file: 1 x (rows * cols) with 1 where the resized image is at least half nonzero (for a file
// already of the visible shape: exactly its nonzero pixels), 0 elsewhere. Errors as load_start_image.
Matrix load_clamp_mask(const std::string& path, ImageShape shape);

}  // namespace topdown
