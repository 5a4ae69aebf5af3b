#include "util/file_kind.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

#include "util/errors.hpp"

namespace topdown {

namespace {
constexpr char kContainerMagic[8] = {'T', 'O', 'P', 'D', 'O', 'W', 'N', '\0'};
constexpr std::size_t kPrefix = 24;
constexpr std::uint64_t kMaxHeader = 1u << 20;

FileKind unknown(std::string* why, const std::string& text) {
    if (why) *why = text;
    return FileKind::Unknown;
}
}  // namespace

FileKind identify_file_kind(const unsigned char* data, std::size_t size, std::string* why) {
    if (size >= 8 && std::memcmp(data, kContainerMagic, 8) == 0) {
        if (size < kPrefix) return unknown(why, "a TopDown container cut short before its header");
        std::uint64_t header_len = 0;
        std::memcpy(&header_len, data + 16, 8);
        if (header_len == 0 || header_len > kMaxHeader || header_len > size - kPrefix)
            return unknown(why, "a TopDown container whose header length is invalid or past the end of the file");
        nlohmann::json h = nlohmann::json::parse(data + kPrefix, data + kPrefix + header_len, nullptr, false);
        if (!h.is_object() || !h.contains("kind") || !h["kind"].is_string())
            return unknown(why, "a TopDown container whose header does not say what kind of file it is");
        const std::string kind = h["kind"].get<std::string>();
        if (kind == "model") return FileKind::Model;
        if (kind == "classifier") return FileKind::Classifier;
        if (kind == "study-results") return FileKind::Study;
        return unknown(why, "a TopDown container of kind '" + kind.substr(0, 64) + "', which this version does not know");
    }
    // Session files: JSON text (possibly after whitespace) with "format": "topdown-session".
    std::size_t i = 0;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) ++i;
    if (i < size && data[i] == '{' && size <= kMaxHeader) {
        const nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, false);
        if (j.is_object() && j.contains("format") && j["format"] == "topdown-session") return FileKind::Session;
        return unknown(why, "a JSON file that is not a TopDown session (no \"format\": \"topdown-session\")");
    }
    return unknown(why, "not a TopDown file (no TopDown magic bytes and not a session file)");
}

FileKind identify_file(const std::string& path, std::string* why) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot open " + path);
    std::vector<unsigned char> bytes(kMaxHeader + 64);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw IoError("cannot read " + path);
    // A session larger than the prefix is not one we wrote (sessions are tiny): identify the prefix as is.
    return identify_file_kind(bytes.data(), bytes.size(), why);
}

const char* file_kind_name(FileKind k) {
    switch (k) {
        case FileKind::Model: return "model";
        case FileKind::Classifier: return "classifier";
        case FileKind::Study: return "study";
        case FileKind::Session: return "session";
        case FileKind::Unknown: break;
    }
    return "unknown";
}

const char* file_kind_extension(FileKind k) {
    switch (k) {
        case FileKind::Model: return ".tdm";
        case FileKind::Classifier: return ".tdc";
        case FileKind::Study: return ".tds";
        case FileKind::Session: return ".json";
        case FileKind::Unknown: break;
    }
    return "";
}

}  // namespace topdown
