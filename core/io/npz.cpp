#include "io/npz.hpp"

#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown {

NpzArrays parse_npz(const unsigned char* data, std::size_t size, const std::string& name, const ZipLimits& zip_limits,
                    const NpyLimits& npy_limits) {
    NpzArrays out;
    for (auto& m : read_zip(data, size, name, zip_limits)) {
        std::string key = m.name;
        if (key.size() > 4 && key.compare(key.size() - 4, 4, ".npy") == 0) key.resize(key.size() - 4);
        else throw FileFormatError(name + ": member '" + m.name + "' is not a .npy array");
        if (key.empty() || key.size() > 256) throw FileFormatError(name + ": a member has an unusable name");
        NpyArray a = parse_npy(reinterpret_cast<const unsigned char*>(m.bytes.data()), m.bytes.size(),
                               name + ": array '" + key + "'", npy_limits);
        m.bytes.clear();
        m.bytes.shrink_to_fit();
        out.emplace(std::move(key), std::move(a));
    }
    return out;
}

NpzArrays read_npz(const std::string& path) {
    const auto bytes = read_file_bounded(path, kMaxNpzFileBytes);
    return parse_npz(bytes.data(), bytes.size(), path);
}

std::string encode_npz(const std::map<std::string, std::string>& npy_members, bool compress) {
    std::vector<ZipMember> members;
    for (const auto& [k, v] : npy_members) members.push_back({k + ".npy", v});
    return write_zip(members, compress);
}

}  // namespace topdown
