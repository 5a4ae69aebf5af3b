#include "corpus/hostile_npz.hpp"

#include <cstring>
#include <map>

#include "io/model_npz.hpp"
#include "io/npy.hpp"
#include "io/npz.hpp"
#include "math/random.hpp"

namespace topdown::corpus {

namespace {

std::vector<float> values(std::size_t n, std::uint64_t seed) {
    std::vector<float> v(n);
    CounterRng rng(seed, 0);
    rng.uniform(v.data(), n);
    for (auto& x : v) x -= 0.5f;
    return v;
}

std::string f32(std::vector<std::uint64_t> shape, std::uint64_t seed) {
    std::uint64_t n = 1;
    for (auto d : shape) n *= d;
    const auto v = values(n, seed);
    return encode_npy_f32(shape, v.data());
}

// The members of the good model: name -> .npy bytes.
std::map<std::string, std::string> good_members() {
    std::map<std::string, std::string> m;
    m["W1"] = f32({6, 12}, 1);
    m["a1"] = f32({1, 12}, 2);
    m["b1"] = f32({1, 6}, 3);
    m["W2"] = f32({4, 6}, 4);
    m["a2"] = f32({1, 6}, 5);
    m["b2"] = f32({1, 4}, 6);
    m["M"] = f32({3, 4}, 7);
    m["class_names"] = encode_npy_strings({"zero", "one", "two"});
    m["image_shape"] = encode_npy_i64({2}, {3, 4});
    return m;
}

void put_u32(std::string& s, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s[at + std::size_t(i)] = char((v >> (8 * i)) & 0xFF);
}

// Overwrites the declared sizes of the only member of a one-member archive, in the local header and the
// central directory: `uncompressed` (and `compressed` when non-zero).
std::string patch_sizes(std::string zip, std::uint32_t uncompressed) {
    put_u32(zip, 22, uncompressed);  // local file header: uncompressed size
    const std::size_t cd = zip.rfind(std::string("PK\x01\x02", 4));
    put_u32(zip, cd + 24, uncompressed);  // central directory: uncompressed size
    return zip;
}

std::string one_member_zip(const std::string& name, const std::string& bytes, bool compress) {
    return write_zip({{name, bytes}}, compress);
}

// The good archive with one member replaced (or removed when `bytes` is empty).
std::string with_member(const std::string& key, const std::string& bytes) {
    auto m = good_members();
    if (bytes.empty()) m.erase(key);
    else m[key] = bytes;
    return encode_npz(m, true);
}


}  // namespace

// A raw .npy with a hand-written header dictionary and payload.
std::string raw_npy(const std::string& dict, const std::string& payload) {
    std::string d = dict;
    while ((10 + d.size() + 1) % 64) d += ' ';
    d += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += char(d.size() & 0xFF);
    out += char(d.size() >> 8);
    return out + d + payload;
}

std::string good_npz_bytes(bool compress) { return encode_npz(good_members(), compress); }

std::vector<CorpusCase> npz_corpus() {
    std::vector<CorpusCase> c;
    const std::string good = good_npz_bytes(true), stored = good_npz_bytes(false);
    c.push_back({"npz_empty", "", "too short to be a zip archive"});
    c.push_back({"npz_not_zip", std::string(100, 'x'), "not a valid zip archive"});
    c.push_back({"npz_truncated_half", good.substr(0, good.size() / 2), "not a valid zip archive"});
    c.push_back({"npz_truncated_tail", good.substr(0, good.size() - 10), "not a valid zip archive"});
    {
        std::string s = stored;  // a stored member's data damaged: the CRC no longer matches
        const std::size_t at = s.find("\x93NUMPY") + 150;  // inside the first member's data (M: 128 + 48 bytes)
        s[at] = char(s[at] ^ 0x5A);
        c.push_back({"npz_crc_mismatch", s, "damaged"});
    }
    {
        // Zip bombs. (1) a member that declares 4 GB: refused before inflating anything.
        const std::string zeros(1 << 20, '\0');
        c.push_back({"npz_bomb_declared_size", patch_sizes(one_member_zip("W1.npy", zeros, true), 0xFFFFFFF0u), "would inflate to"});
        // (2) a member that declares 1000 bytes but inflates to 1 MB: reading stops at the declared size.
        c.push_back({"npz_bomb_lying_size", patch_sizes(one_member_zip("W1.npy", zeros, true), 1000), "W1.npy"});
        // (3) 1 KB of deflate that declares 64 MB: a ratio no real array reaches.
        c.push_back({"npz_bomb_ratio", patch_sizes(one_member_zip("W1.npy", zeros, true), 64u << 20), "compression ratio"});
    }
    c.push_back({"npz_member_not_npy", one_member_zip("readme.txt", "hello", false), "is not a .npy array"});
    c.push_back({"npz_pickled_object",
                 with_member("W1", raw_npy("{'descr': '|O', 'fortran_order': False, 'shape': (6, 12), }",
                                           std::string("\x80\x04\x95", 3) + std::string(60, 'P'))),
                 "never unpickles"});
    c.push_back({"npz_structured_dtype",
                 with_member("W1", raw_npy("{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }", std::string(16, '\0'))),
                 "structured arrays"});
    c.push_back({"npz_complex_dtype", with_member("W1", raw_npy("{'descr': '<c8', 'fortran_order': False, 'shape': (6, 12), }", std::string(576, '\0'))),
                 "unsupported dtype '<c8'"});
    c.push_back({"npz_float16_dtype", with_member("W1", raw_npy("{'descr': '<f2', 'fortran_order': False, 'shape': (6, 12), }", std::string(144, '\0'))),
                 "unsupported dtype '<f2'"});
    c.push_back({"npz_strings_as_weights", with_member("W1", encode_npy_strings({"a", "b"})), "holds strings"});
    c.push_back({"npz_npy_bad_magic", with_member("W1", "NOTNUMPY" + std::string(100, ' ')), "bad magic"});
    c.push_back({"npz_npy_truncated_data", with_member("W1", f32({6, 12}, 1).substr(0, 128 + 100)), "truncated"});
    c.push_back({"npz_npy_extra_bytes", with_member("W1", f32({6, 12}, 1) + "xx"), "bytes after the data"});
    c.push_back({"npz_npy_header_malformed", with_member("W1", raw_npy("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (6, 12), }", "")),
                 "'fortran_order' must be True or False"});
    c.push_back({"npz_npy_huge_shape", with_member("W1", raw_npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", "")),
                 "too large"});
    c.push_back({"npz_npy_version_9", with_member("W1", std::string("\x93NUMPY\x09\x00\x10\x00", 10) + std::string(16, ' ')), "version 9"});
    c.push_back({"npz_weights_1d", with_member("W1", f32({72}, 1)), "expected a 2-D weight matrix"});
    c.push_back({"npz_bias_mismatch", with_member("a1", f32({1, 11}, 2)), "shape mismatch in layer 1"});
    c.push_back({"npz_layers_do_not_chain", with_member("W2", f32({4, 5}, 4)), "shape mismatch in layer 2"});
    c.push_back({"npz_missing_bias", with_member("b2", ""), "lacks 'b2'"});
    c.push_back({"npz_no_weights", one_member_zip("x.npy", f32({2, 2}, 1), false), "no weights found"});
    c.push_back({"npz_M_wrong_shape", with_member("M", f32({3, 5}, 7)), "'M' is (3, 5)"});
    c.push_back({"npz_M_rows_vs_names", with_member("M", f32({2, 4}, 7)), "'M' has 2 rows but there are 3 class names"});
    c.push_back({"npz_image_shape_mismatch", with_member("image_shape", encode_npy_i64({2}, {4, 4})), "does not match the 12 visible units"});
    c.push_back({"npz_image_shape_colour", with_member("image_shape", encode_npy_i64({3}, {2, 2, 3})), "channels"});
    {
        std::vector<float> v = values(72, 1);
        v[5] = std::numeric_limits<float>::quiet_NaN();
        c.push_back({"npz_nan_weight", with_member("W1", encode_npy_f32({6, 12}, v.data())), "not a finite float32"});
        const std::vector<double> big(72, 1e300);
        c.push_back({"npz_float64_overflow", with_member("W1", encode_npy_f64({6, 12}, big)), "not a finite float32"});
    }
    c.push_back({"npz_k_out_of_range", with_member("k", encode_npy_i64({}, {99})), "'k' must be an integer"});
    c.push_back({"npz_mixed_layouts", with_member("vishid", f32({12, 6}, 1)), "mixes weight layouts"});
    return c;
}

}  // namespace topdown::corpus
