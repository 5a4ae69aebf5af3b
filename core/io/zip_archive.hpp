// Zip archives (the .npz container) through libzip: reading members from memory with caps against zip bombs,
// and writing stored or deflated archives to bytes.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace topdown {

// What a reader accepts before inflating anything.
struct ZipLimits {
    std::uint64_t max_entries = 4096;                 // members in the archive
    std::uint64_t max_member_bytes = 1ULL << 30;      // uncompressed size of one member
    std::uint64_t max_total_bytes = 2ULL << 30;       // uncompressed size of all members together
    std::uint64_t max_ratio = 1000;                   // uncompressed / compressed, for members above ratio_floor
    std::uint64_t ratio_floor = 16ULL << 20;          // members smaller than this may compress any amount
};

// One member of an archive.
struct ZipMember {
    std::string name;
    std::string bytes;
};

// Reads every member of an in-memory zip archive; `name` is used in messages. Sizes, counts and compression
// ratios are checked against `limits` before inflating, and a member may not inflate past its declared size;
// CRCs are checked by libzip. Throws FileFormatError.
std::vector<ZipMember> read_zip(const unsigned char* data, std::size_t size, const std::string& name,
                                const ZipLimits& limits = {});

// Builds a zip archive in memory: members stored (compress = false) or deflated. Throws IoError.
std::string write_zip(const std::vector<ZipMember>& members, bool compress);

}  // namespace topdown
