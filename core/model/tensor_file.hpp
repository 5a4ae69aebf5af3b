// The container shared by our binary files (models .tdm, classifiers .tdc):
//   bytes 0-7   magic "TOPDOWN\0"
//   bytes 8-11  format version (uint32 little endian), currently 1
//   bytes 12-15 reserved, zero
//   bytes 16-23 header length H (uint64 little endian)
//   H bytes     UTF-8 JSON header; its "arrays" list names every array: name, rows, cols, offset, crc32
//   padding to a multiple of 64, then the float32 little-endian arrays (offsets relative to that point).
// Readers check every size against the real file size before allocating, reject NaN/Inf and checksum
// mismatches, and throw FileFormatError with a message a user understands.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "math/matrix.hpp"

namespace topdown {

constexpr std::uint32_t kTensorFileVersion = 1;
constexpr std::uint64_t kMaxHeaderBytes = 1u << 20;
constexpr std::uint64_t kMaxArrayDim = 1u << 20;
constexpr std::uint64_t kMaxArrayElements = 1u << 28;
constexpr std::uint64_t kMaxTensorFileBytes = 2ULL << 30;

struct TensorFile {
    nlohmann::json header = nlohmann::json::object();     // everything but "arrays"
    std::vector<std::pair<std::string, Matrix>> arrays;   // in file order

    // Adds an array (throws ArgumentError on a duplicate name or non-finite values).
    void add(const std::string& name, const Matrix& m);
    // The array called `name`, or nullptr.
    const Matrix* find(const std::string& name) const;
};

// Serialises to bytes.
std::string encode_tensor_file(const TensorFile& file);

// Parses bytes; `name` appears in messages; `kind` must equal header["kind"]. Throws FileFormatError.
TensorFile decode_tensor_file(const unsigned char* data, std::size_t size, const std::string& name,
                              const std::string& kind);

// Reads and parses a file from disk. Throws IoError / FileFormatError.
TensorFile read_tensor_file(const std::string& path, const std::string& kind);

// Writes atomically (temporary file + rename). Throws IoError.
void write_tensor_file(const std::string& path, const TensorFile& file);

}  // namespace topdown
