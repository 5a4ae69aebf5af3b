#include "model/tensor_file.hpp"

#include <cstring>
#include <set>

#include "util/atomic_file.hpp"
#include "util/checksum.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
constexpr char kMagic[8] = {'T', 'O', 'P', 'D', 'O', 'W', 'N', '\0'};
constexpr std::size_t kPrefix = 24;

std::uint64_t align64(std::uint64_t x) { return (x + 63) / 64 * 64; }

template <class T>
T read_le(const unsigned char* p) {
    T v{};
    std::memcpy(&v, p, sizeof(T));  // the project targets little-endian x86-64
    return v;
}
template <class T>
void append_le(std::string& s, T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    s.append(b, sizeof(T));
}
}  // namespace

void TensorFile::add(const std::string& n, const Matrix& m) {
    if (find(n)) throw ArgumentError("array '" + n + "' added twice");
    if (!all_finite(m.data(), static_cast<std::size_t>(m.size())))
        throw ArgumentError("array '" + n + "' contains NaN or Inf and cannot be saved");
    arrays.emplace_back(n, m);
}

const Matrix* TensorFile::find(const std::string& n) const {
    for (const auto& [k, m] : arrays)
        if (k == n) return &m;
    return nullptr;
}

std::string encode_tensor_file(const TensorFile& file) {
    nlohmann::json header = file.header;
    nlohmann::json list = nlohmann::json::array();
    std::uint64_t offset = 0;
    for (const auto& [n, m] : file.arrays) {
        const std::uint64_t bytes = std::uint64_t(m.size()) * 4;
        list.push_back({{"name", n}, {"rows", m.rows()}, {"cols", m.cols()}, {"offset", offset},
                        {"crc32", crc32(m.data(), bytes)}});
        offset += align64(bytes);
    }
    header["arrays"] = list;
    const std::string h = header.dump(1);
    std::string out(kMagic, 8);
    append_le<std::uint32_t>(out, kTensorFileVersion);
    append_le<std::uint32_t>(out, 0);
    append_le<std::uint64_t>(out, h.size());
    out += h;
    out.resize(align64(out.size()), '\0');
    for (const auto& [n, m] : file.arrays) {
        const std::size_t bytes = static_cast<std::size_t>(m.size()) * 4;
        out.append(reinterpret_cast<const char*>(m.data()), bytes);
        out.resize(align64(out.size()), '\0');
    }
    return out;
}

TensorFile decode_tensor_file(const unsigned char* data, std::size_t size, const std::string& name,
                              const std::string& kind) {
    auto bad = [&](const std::string& why) { return FileFormatError(name + ": " + why); };
    if (size < kPrefix) throw bad("file is too short to be a TopDown file (" + std::to_string(size) + " bytes)");
    if (std::memcmp(data, kMagic, 8) != 0) throw bad("not a TopDown file (wrong magic bytes)");
    const auto version = read_le<std::uint32_t>(data + 8);
    if (version == 0 || version > kTensorFileVersion)
        throw bad("file format version " + std::to_string(version) + " is not supported (this build reads version " +
                  std::to_string(kTensorFileVersion) + "; a newer TopDown may be needed)");
    const auto header_len = read_le<std::uint64_t>(data + 16);
    if (header_len == 0 || header_len > kMaxHeaderBytes) throw bad("header length is invalid");
    if (header_len > size - kPrefix) throw bad("file is truncated inside its header");
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(data + kPrefix, data + kPrefix + header_len);
    } catch (const std::exception&) {
        throw bad("the header is not valid JSON");
    }
    if (!header.is_object()) throw bad("the header is not a JSON object");
    if (!header.contains("kind") || !header["kind"].is_string())
        throw bad("the header does not say what kind of file this is");
    if (header["kind"].get<std::string>() != kind)
        throw bad("this is a '" + header["kind"].get<std::string>() + "' file, expected a '" + kind + "' file");
    if (!header.contains("arrays") || !header["arrays"].is_array()) throw bad("the header lists no arrays");
    const std::uint64_t data_start = align64(kPrefix + header_len);
    if (data_start > size) throw bad("file is truncated after its header");
    const std::uint64_t data_size = size - data_start;

    TensorFile out;
    std::set<std::string> seen;
    for (const auto& a : header["arrays"]) {
        if (!a.is_object()) throw bad("an array entry is not an object");
        for (const char* f : {"rows", "cols", "offset", "crc32"})
            if (!a.contains(f) || !a[f].is_number_unsigned()) throw bad(std::string("an array entry lacks a valid '") + f + "'");
        if (!a.contains("name") || !a["name"].is_string()) throw bad("an array entry lacks a name");
        const std::string n = a["name"].get<std::string>();
        if (!seen.insert(n).second) throw bad("array '" + n + "' appears twice");
        const std::uint64_t rows = a["rows"].get<std::uint64_t>(), cols = a["cols"].get<std::uint64_t>();
        const std::uint64_t offset = a["offset"].get<std::uint64_t>();
        if (rows == 0 || cols == 0) throw bad("array '" + n + "' has a zero dimension");
        if (rows > kMaxArrayDim || cols > kMaxArrayDim || rows * cols > kMaxArrayElements)
            throw bad("array '" + n + "' is " + std::to_string(rows) + "x" + std::to_string(cols) +
                      ", larger than any model TopDown supports");
        const std::uint64_t bytes = rows * cols * 4;
        if (offset > data_size || bytes > data_size - offset)
            throw bad("array '" + n + "' extends past the end of the file (truncated?)");
        const unsigned char* p = data + data_start + offset;
        if (crc32(p, bytes) != a["crc32"].get<std::uint64_t>())
            throw bad("array '" + n + "' fails its checksum (the file is damaged)");
        Matrix m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
        std::memcpy(m.data(), p, bytes);
        if (!all_finite(m.data(), static_cast<std::size_t>(m.size())))
            throw bad("array '" + n + "' contains NaN or Inf values");
        out.arrays.emplace_back(n, std::move(m));
    }
    header.erase("arrays");
    out.header = std::move(header);
    return out;
}

TensorFile read_tensor_file(const std::string& path, const std::string& kind) {
    const auto bytes = read_file_bounded(path, kMaxTensorFileBytes);
    return decode_tensor_file(bytes.data(), bytes.size(), path, kind);
}

void write_tensor_file(const std::string& path, const TensorFile& file) {
    write_file_atomic(path, encode_tensor_file(file));
}

}  // namespace topdown
