#include "io/zip_archive.hpp"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>

#include "util/errors.hpp"

namespace topdown {

namespace {
struct ArchiveCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};

std::string libzip_message(zip_error_t* e) {
    const char* s = zip_error_strerror(e);
    return s ? s : "unknown zip error";
}
}  // namespace

namespace {
using ArchivePtr = std::unique_ptr<zip_t, ArchiveCloser>;

// A format error that names the archive.
FileFormatError zip_bad(const std::string& name, const std::string& why) { return FileFormatError(name + ": " + why); }

// Opens the in-memory archive read-only, with libzip's consistency checks.
ArchivePtr open_archive(const unsigned char* data, std::size_t size, const std::string& name) {
    auto bad = [&](const std::string& why) { return zip_bad(name, why); };
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(data, size, 0, &err);
    if (!src) {
        const std::string m = libzip_message(&err);
        zip_error_fini(&err);
        throw bad("cannot read the archive: " + m);
    }
    ArchivePtr za(zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err));
    if (!za) {
        zip_source_free(src);
        const std::string m = libzip_message(&err);
        zip_error_fini(&err);
        throw bad("not a valid zip archive (.npz): " + m);
    }
    zip_error_fini(&err);
    return za;
}

// First pass: every declared size and ratio, checked against the limits before anything is inflated.
std::vector<zip_stat_t> declared_stats(zip_t* za, zip_int64_t n, const ZipLimits& limits, const std::string& name) {
    auto bad = [&](const std::string& why) { return zip_bad(name, why); };
    std::vector<zip_stat_t> stats(static_cast<std::size_t>(n));
    std::uint64_t total = 0;
    std::set<std::string> names;
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t& st = stats[static_cast<std::size_t>(i)];
        zip_stat_init(&st);
        if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0)
            throw bad("cannot read member " + std::to_string(i) + ": " + zip_strerror(za));
        const zip_uint64_t need = ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
        if ((st.valid & need) != need || !st.name) throw bad("member " + std::to_string(i) + " lacks its sizes");
        const std::string member = st.name;
        if (!names.insert(member).second) throw bad("member '" + member + "' appears twice");
        if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE)
            throw bad("member '" + member + "' uses compression method " + std::to_string(st.comp_method) +
                      " (only stored and deflate, as NumPy writes, are accepted)");
        if (st.encryption_method != ZIP_EM_NONE && (st.valid & ZIP_STAT_ENCRYPTION_METHOD))
            throw bad("member '" + member + "' is encrypted");
        if (st.size > limits.max_member_bytes)
            throw bad("member '" + member + "' would inflate to " + std::to_string(st.size) + " bytes (at most " +
                      std::to_string(limits.max_member_bytes) + " accepted)");
        total += st.size;
        if (total > limits.max_total_bytes)
            throw bad("the archive would inflate to more than " + std::to_string(limits.max_total_bytes) +
                      " bytes (a zip bomb?)");
        if (st.size >= limits.ratio_floor && st.size / (st.comp_size ? st.comp_size : 1) > limits.max_ratio)
            throw bad("member '" + member + "' has a compression ratio above " + std::to_string(limits.max_ratio) +
                      ":1 (a zip bomb?)");
        if (st.comp_method == ZIP_CM_STORE && st.size != st.comp_size)
            throw bad("stored member '" + member + "' declares different sizes");
    }
    return stats;
}

// Inflates member i, never past its declared size; reading to the end makes libzip check its CRC.
ZipMember inflate_member(zip_t* za, zip_int64_t i, const zip_stat_t& st, const std::string& name) {
    auto bad = [&](const std::string& why) { return zip_bad(name, why); };
    ZipMember m;
    m.name = st.name;
    std::unique_ptr<zip_file_t, FileCloser> f(zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0));
    if (!f) throw bad("cannot open member '" + m.name + "': " + zip_strerror(za));
    // Memory grows with the data actually inflated, never with a declared size alone; a member may not
    // inflate past its declared size, and reading to the end makes libzip check its CRC.
    m.bytes.reserve(static_cast<std::size_t>(std::min<zip_uint64_t>(st.size, 64ULL << 20)));
    char chunk[1 << 16];
    for (;;) {
        const zip_int64_t r = zip_fread(f.get(), chunk, sizeof chunk);
        if (r < 0) throw bad("member '" + m.name + "' is damaged: " + zip_file_strerror(f.get()));
        if (r == 0) break;
        if (m.bytes.size() + static_cast<std::size_t>(r) > st.size)
            throw bad("member '" + m.name + "' inflates past its declared size (a zip bomb?)");
        m.bytes.append(chunk, static_cast<std::size_t>(r));
    }
    if (m.bytes.size() != st.size)
        throw bad("member '" + m.name + "' is truncated (" + std::to_string(m.bytes.size()) + " of " +
                  std::to_string(st.size) + " bytes)");
    return m;
}

}  // namespace

std::vector<ZipMember> read_zip(const unsigned char* data, std::size_t size, const std::string& name,
                                const ZipLimits& limits) {
    auto bad = [&](const std::string& why) { return zip_bad(name, why); };
    if (size < 22) throw bad("file is too short to be a zip archive (.npz)");
    const ArchivePtr za = open_archive(data, size, name);
    const zip_int64_t n = zip_get_num_entries(za.get(), 0);
    if (n < 0) throw bad("cannot count the archive's members");
    if (static_cast<std::uint64_t>(n) > limits.max_entries)
        throw bad("the archive has " + std::to_string(n) + " members (at most " + std::to_string(limits.max_entries) +
                  " accepted)");
    const std::vector<zip_stat_t> stats = declared_stats(za.get(), n, limits, name);
    std::vector<ZipMember> out;
    out.reserve(stats.size());
    for (zip_int64_t i = 0; i < n; ++i) out.push_back(inflate_member(za.get(), i, stats[static_cast<std::size_t>(i)], name));
    return out;
}

std::string write_zip(const std::vector<ZipMember>& members, bool compress) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
    if (!buf) {
        zip_error_fini(&err);
        throw IoError("cannot create a zip buffer");
    }
    zip_source_keep(buf);
    zip_t* za = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
    zip_error_fini(&err);
    auto fail = [&](const std::string& why) {
        if (za) zip_discard(za);
        zip_source_free(buf);
        return IoError("cannot build the zip archive: " + why);
    };
    if (!za) throw fail("libzip refused to open a buffer");
    for (const auto& m : members) {
        zip_source_t* s = zip_source_buffer(za, m.bytes.data(), m.bytes.size(), 0);
        if (!s) throw fail(zip_strerror(za));
        const zip_int64_t idx = zip_file_add(za, m.name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
            zip_source_free(s);
            throw fail(zip_strerror(za));
        }
        if (zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0)
            throw fail(zip_strerror(za));
        zip_file_set_mtime(za, static_cast<zip_uint64_t>(idx), 315532800 + 86400, 0);  // fixed: same bytes every time
    }
    if (zip_close(za) != 0) throw fail(zip_strerror(za));
    za = nullptr;
    std::string out;
    if (zip_source_open(buf) != 0) throw fail("cannot reopen the buffer");
    zip_source_seek(buf, 0, SEEK_END);
    const zip_int64_t len = zip_source_tell(buf);
    zip_source_seek(buf, 0, SEEK_SET);
    if (len < 0) {
        zip_source_close(buf);
        throw fail("cannot size the buffer");
    }
    out.resize(static_cast<std::size_t>(len));
    const zip_int64_t r = zip_source_read(buf, out.data(), static_cast<zip_uint64_t>(len));
    zip_source_close(buf);
    zip_source_free(buf);
    if (r != len) throw IoError("cannot build the zip archive: short read of the buffer");
    return out;
}

}  // namespace topdown
