// Checksums: CRC-32 for arrays inside our files, SHA-256 for pinned downloads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace topdown {

// CRC-32 (IEEE 802.3, as zlib) of a byte range; `crc` continues a previous value.
std::uint32_t crc32(const void* data, std::size_t n, std::uint32_t crc = 0);

// Incremental SHA-256.
class Sha256 {
public:
    Sha256();
    // Feeds bytes.
    void update(const void* data, std::size_t n);
    // Returns the digest as 64 lowercase hex characters; the object must not be updated afterwards.
    std::string hex_digest();

private:
    void compress(const unsigned char* block);
    std::uint32_t h_[8];
    unsigned char buf_[64];
    std::size_t buf_len_ = 0;
    std::uint64_t total_ = 0;
};

// SHA-256 of a whole file as lowercase hex; throws IoError if it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace topdown
