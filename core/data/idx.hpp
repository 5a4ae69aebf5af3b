// IDX files (the MNIST container): unsigned-byte images (magic 0x803) and labels (magic 0x801).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace topdown {

// Limits a reader enforces before allocating anything.
struct IdxLimits {
    std::uint32_t max_items = 10'000'000;
    std::uint32_t max_side = 1024;
};

// Images of an IDX3 ubyte file: count x rows x cols bytes, row-major.
struct IdxImages {
    std::uint32_t count = 0, rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels;
};

// Parses an in-memory IDX3 image file; `name` is used in error messages. Throws FileFormatError.
IdxImages parse_idx_images(const unsigned char* data, std::size_t size, const std::string& name,
                           const IdxLimits& limits = {});

// Parses an in-memory IDX1 label file. Throws FileFormatError.
std::vector<std::uint8_t> parse_idx_labels(const unsigned char* data, std::size_t size, const std::string& name,
                                           const IdxLimits& limits = {});

// Reads an IDX3 image file from disk (size checked before reading). Throws IoError / FileFormatError.
IdxImages read_idx_images(const std::string& path, const IdxLimits& limits = {});

// Reads an IDX1 label file from disk. Throws IoError / FileFormatError.
std::vector<std::uint8_t> read_idx_labels(const std::string& path, const IdxLimits& limits = {});

// Serialises images / labels to IDX bytes (for conversions and tests).
std::string encode_idx_images(const IdxImages& images);
std::string encode_idx_labels(const std::vector<std::uint8_t>& labels);

}  // namespace topdown
