#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "util/errors.hpp"

namespace topdown {

namespace {
std::string errno_text() { return std::strerror(errno); }
}  // namespace

void write_file_atomic(const std::string& path, std::string_view bytes) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    fs::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::string leaf = ".";
    leaf += target.filename().string();
    leaf += ".tmp-XXXXXX";
    std::string tmpl = (dir / leaf).string();
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) throw IoError("cannot create a temporary file in '" + dir.string() + "': " + errno_text());
    const std::string tmp(name.data());
    auto fail = [&](const std::string& what) {
        const std::string msg = what + " '" + path + "': " + errno_text();
        ::close(fd);
        ::unlink(tmp.c_str());
        throw IoError(msg);
    };
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t w = ::write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR) continue;
            fail("cannot write");
        }
        p += w;
        left -= static_cast<std::size_t>(w);
    }
    if (::fchmod(fd, 0644) != 0) fail("cannot set permissions of");
    if (::fsync(fd) != 0) fail("cannot flush");
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        throw IoError("cannot close '" + path + "': " + errno_text());
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string msg = "cannot replace '" + path + "': " + errno_text();
        ::unlink(tmp.c_str());
        throw IoError(msg);
    }
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

std::uint64_t regular_file_size(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw IoError("cannot open '" + path + "': " + errno_text());
    if (!S_ISREG(st.st_mode)) throw IoError("'" + path + "' is not a regular file");
    return static_cast<std::uint64_t>(st.st_size);
}

std::vector<unsigned char> read_file_bounded(const std::string& path, std::uint64_t max_bytes) {
    const std::uint64_t size = regular_file_size(path);
    if (size > max_bytes)
        throw FileFormatError("'" + path + "' is " + std::to_string(size) + " bytes, more than the limit of " +
                              std::to_string(max_bytes) + " bytes for this kind of file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot open '" + path + "': " + errno_text());
    std::vector<unsigned char> buf(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(size));
    if (static_cast<std::uint64_t>(in.gcount()) != size)
        throw IoError("could not read all of '" + path + "' (file changed while reading?)");
    return buf;
}

}  // namespace topdown
