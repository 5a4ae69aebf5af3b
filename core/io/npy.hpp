// The .npy array format (NumPy's documented subset only): numeric arrays (float32/float64, signed and
// unsigned integers, bool) and fixed-width strings ('U', 'S'), little- or big-endian, C or Fortran order.
// Object arrays (pickled Python objects) and structured dtypes are rejected; nothing is ever unpickled.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace topdown {

// Limits a reader enforces before allocating.
struct NpyLimits {
    std::uint64_t max_elements = 1ULL << 27;  // elements of one array
    int max_dims = 8;
    std::uint64_t max_string_chars = 1 << 20;  // characters of one string element
};

// A decoded array: numbers as doubles (C order) or strings.
struct NpyArray {
    std::vector<std::uint64_t> shape;  // empty for a scalar
    bool is_string = false;
    std::string dtype;                 // the descr as read, e.g. "<f4"
    std::vector<double> values;        // numeric elements, C order
    std::vector<std::string> strings;  // string elements (UTF-8), C order

    // Number of elements (1 for a scalar).
    std::uint64_t elements() const;
    // The shape as text, e.g. "(784, 500)".
    std::string shape_text() const;
};

// Parses .npy bytes; `name` appears in messages. Throws FileFormatError.
NpyArray parse_npy(const unsigned char* data, std::size_t size, const std::string& name, const NpyLimits& limits = {});

// Encodes a float32 array (little-endian, C order) of the given shape.
std::string encode_npy_f32(const std::vector<std::uint64_t>& shape, const float* values);
// Encodes an int64 array (little-endian, C order).
std::string encode_npy_i64(const std::vector<std::uint64_t>& shape, const std::vector<std::int64_t>& values);
// Encodes a float64 array (little-endian, C order).
std::string encode_npy_f64(const std::vector<std::uint64_t>& shape, const std::vector<double>& values);
// Encodes a 1-D (or scalar when `scalar`) array of unicode strings ('<U' n, UTF-32).
std::string encode_npy_strings(const std::vector<std::string>& values, bool scalar = false);

}  // namespace topdown
