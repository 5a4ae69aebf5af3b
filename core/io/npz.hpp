// .npz archives (np.savez / np.savez_compressed): a zip of .npy members, read with the caps of zip_archive
// and npy; names lose their ".npy" suffix.
#pragma once
#include <map>
#include <string>

#include "io/npy.hpp"
#include "io/zip_archive.hpp"

namespace topdown {

// Largest .npz file we read from disk.
constexpr std::uint64_t kMaxNpzFileBytes = 1ULL << 30;

// Arrays by name.
using NpzArrays = std::map<std::string, NpyArray>;

// Parses an in-memory .npz archive. Throws FileFormatError.
NpzArrays parse_npz(const unsigned char* data, std::size_t size, const std::string& name, const ZipLimits& zip_limits = {},
                    const NpyLimits& npy_limits = {});

// Reads a .npz file from disk (size checked first). Throws IoError / FileFormatError.
NpzArrays read_npz(const std::string& path);

// Encodes members (name without ".npy" -> .npy bytes) as an .npz archive, deflated when `compress`.
std::string encode_npz(const std::map<std::string, std::string>& npy_members, bool compress);

}  // namespace topdown
