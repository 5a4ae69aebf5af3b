// Crash-safe file writes and bounded file reads.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace topdown {

// Writes `bytes` to `path` atomically: temporary file in the same folder, flush, fsync, rename,
// fsync of the folder. Either the old file or the complete new one exists afterwards. Throws IoError.
void write_file_atomic(const std::string& path, std::string_view bytes);

// Reads a whole file, refusing files larger than `max_bytes`. Throws IoError / FileFormatError.
std::vector<unsigned char> read_file_bounded(const std::string& path, std::uint64_t max_bytes);

// Size of a regular file in bytes; throws IoError if it does not exist or is not a regular file.
std::uint64_t regular_file_size(const std::string& path);

}  // namespace topdown
