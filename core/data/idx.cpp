#include "data/idx.hpp"

#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}
void put_be32(std::string& s, std::uint32_t v) {
    for (int sh = 24; sh >= 0; sh -= 8) s.push_back(static_cast<char>((v >> sh) & 0xFF));
}
}  // namespace

IdxImages parse_idx_images(const unsigned char* data, std::size_t size, const std::string& name,
                           const IdxLimits& limits) {
    if (size < 16) throw FileFormatError(name + ": too short to be an IDX image file (" + std::to_string(size) + " bytes)");
    const std::uint32_t magic = be32(data);
    if (magic != 0x00000803)
        throw FileFormatError(name + ": not an IDX image file (magic 0x" + [&] {
            char b[16]; std::snprintf(b, sizeof b, "%08x", magic); return std::string(b); }() +
            ", expected 0x00000803: unsigned bytes, 3 dimensions)");
    IdxImages out;
    out.count = be32(data + 4);
    out.rows = be32(data + 8);
    out.cols = be32(data + 12);
    if (out.count == 0 || out.rows == 0 || out.cols == 0)
        throw FileFormatError(name + ": an image dimension is zero");
    if (out.count > limits.max_items || out.rows > limits.max_side || out.cols > limits.max_side)
        throw FileFormatError(name + ": dimensions " + std::to_string(out.count) + "x" + std::to_string(out.rows) +
                              "x" + std::to_string(out.cols) + " exceed the limits of this reader");
    const std::uint64_t expected = 16 + std::uint64_t(out.count) * out.rows * out.cols;
    if (expected != size)
        throw FileFormatError(name + ": header announces " + std::to_string(expected) + " bytes but the file has " +
                              std::to_string(size) + " (truncated or not an IDX file)");
    out.pixels.assign(data + 16, data + size);
    return out;
}

std::vector<std::uint8_t> parse_idx_labels(const unsigned char* data, std::size_t size, const std::string& name,
                                           const IdxLimits& limits) {
    if (size < 8) throw FileFormatError(name + ": too short to be an IDX label file");
    if (be32(data) != 0x00000801)
        throw FileFormatError(name + ": not an IDX label file (expected magic 0x00000801)");
    const std::uint32_t n = be32(data + 4);
    if (n == 0) throw FileFormatError(name + ": the label count is zero");
    if (n > limits.max_items) throw FileFormatError(name + ": label count exceeds the limit of this reader");
    if (8 + std::uint64_t(n) != size)
        throw FileFormatError(name + ": header announces " + std::to_string(n) + " labels but the file has " +
                              std::to_string(size - 8) + " (truncated or not an IDX file)");
    return std::vector<std::uint8_t>(data + 8, data + size);
}

IdxImages read_idx_images(const std::string& path, const IdxLimits& limits) {
    const std::uint64_t cap = 16 + std::uint64_t(limits.max_items) * limits.max_side * limits.max_side;
    const auto bytes = read_file_bounded(path, std::min<std::uint64_t>(cap, 4ULL << 30));
    return parse_idx_images(bytes.data(), bytes.size(), path, limits);
}

std::vector<std::uint8_t> read_idx_labels(const std::string& path, const IdxLimits& limits) {
    const auto bytes = read_file_bounded(path, 8 + std::uint64_t(limits.max_items));
    return parse_idx_labels(bytes.data(), bytes.size(), path, limits);
}

std::string encode_idx_images(const IdxImages& images) {
    std::string s;
    s.reserve(16 + images.pixels.size());
    put_be32(s, 0x00000803);
    put_be32(s, images.count);
    put_be32(s, images.rows);
    put_be32(s, images.cols);
    s.append(reinterpret_cast<const char*>(images.pixels.data()), images.pixels.size());
    return s;
}

std::string encode_idx_labels(const std::vector<std::uint8_t>& labels) {
    std::string s;
    put_be32(s, 0x00000801);
    put_be32(s, static_cast<std::uint32_t>(labels.size()));
    s.append(reinterpret_cast<const char*>(labels.data()), labels.size());
    return s;
}

}  // namespace topdown
