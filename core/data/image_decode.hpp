// Decoding one untrusted image file (PNG, JPEG, BMP, GIF, PGM, ... through stb_image) into a one-channel float
// image in [0, 1]: sizes checked before decoding, colour converted to gray (ITU-R 601 weights), alpha ignored.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/image_ops.hpp"

namespace topdown {

// Decodes `bytes`; returns "" on success, else the reason the image is unusable (for a message). `colour`
// (optional) says whether the file had colour channels. Images over `max_pixels` (w x h) are refused.
std::string decode_gray_image(const std::vector<unsigned char>& bytes, std::uint64_t max_pixels, GrayImage& out,
                              bool* colour = nullptr);

}  // namespace topdown
