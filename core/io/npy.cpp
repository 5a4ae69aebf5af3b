#include "io/npy.hpp"

#include <bit>
#include <cstring>

#include "util/errors.hpp"

namespace topdown {

std::uint64_t NpyArray::elements() const {
    std::uint64_t n = 1;
    for (auto d : shape) n *= d;
    return n;
}

std::string NpyArray::shape_text() const {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1) s += ",";
    return s + ")";
}

namespace {

// The header dictionary: {'descr': ..., 'fortran_order': ..., 'shape': (...), }.
struct Header {
    std::string descr;
    bool fortran = false;
    std::vector<std::uint64_t> shape;
    bool has_descr = false, has_fortran = false, has_shape = false;
};

class HeaderParser {
public:
    HeaderParser(const std::string& text, const std::string& name) : s_(text), name_(name) {}

    Header parse() {
        Header h;
        skip();
        expect('{');
        for (;;) {
            skip();
            if (peek() == '}') break;
            const std::string key = quoted();
            skip();
            expect(':');
            skip();
            if (key == "descr") {
                if (peek() == '[') throw bad("structured arrays (a list as 'descr') are not supported");
                if (peek() != '\'' && peek() != '"') throw bad("'descr' is not a dtype string");
                h.descr = quoted();
                h.has_descr = true;
            } else if (key == "fortran_order") {
                if (s_.compare(pos_, 4, "True") == 0) {
                    h.fortran = true;
                    pos_ += 4;
                } else if (s_.compare(pos_, 5, "False") == 0) {
                    h.fortran = false;
                    pos_ += 5;
                } else {
                    throw bad("'fortran_order' must be True or False");
                }
                h.has_fortran = true;
            } else if (key == "shape") {
                expect('(');
                for (;;) {
                    skip();
                    if (peek() == ')') break;
                    h.shape.push_back(integer());
                    if (h.shape.size() > 64) throw bad("the shape has too many dimensions");
                    skip();
                    if (peek() == ',') ++pos_;
                    else if (peek() != ')') throw bad("the shape is not a tuple of integers");
                }
                expect(')');
                h.has_shape = true;
            } else {
                throw bad("unexpected key '" + key + "' in the header");
            }
            skip();
            if (peek() == ',') ++pos_;
            else if (peek() != '}') throw bad("the header dictionary is malformed");
        }
        expect('}');
        if (!h.has_descr || !h.has_fortran || !h.has_shape)
            throw bad("the header lacks 'descr', 'fortran_order' or 'shape'");
        return h;
    }

private:
    FileFormatError bad(const std::string& why) const { return FileFormatError(name_ + ": " + why); }
    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    void skip() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
    }
    void expect(char c) {
        if (peek() != c) throw bad(std::string("the header is malformed (expected '") + c + "')");
        ++pos_;
    }
    std::string quoted() {
        const char q = peek();
        if (q != '\'' && q != '"') throw bad("the header is malformed (expected a quoted key)");
        const std::size_t end = s_.find(q, pos_ + 1);
        if (end == std::string::npos) throw bad("the header has an unterminated string");
        std::string out = s_.substr(pos_ + 1, end - pos_ - 1);
        pos_ = end + 1;
        return out;
    }
    std::uint64_t integer() {
        std::uint64_t v = 0;
        std::size_t digits = 0;
        while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
            if (v > (std::uint64_t(1) << 40)) throw bad("a dimension of the shape is too large");
            v = v * 10 + std::uint64_t(s_[pos_] - '0');
            ++pos_;
            ++digits;
        }
        if (digits == 0) throw bad("the shape is not a tuple of non-negative integers");
        if (peek() == 'L') ++pos_;  // Python 2 long
        return v;
    }
    const std::string& s_;
    const std::string& name_;
    std::size_t pos_ = 0;
};

std::uint64_t read_uint(const unsigned char* p, int bytes, bool big) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= std::uint64_t(p[big ? bytes - 1 - i : i]) << (8 * i);
    return v;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

std::vector<std::uint32_t> utf8_to_utf32(const std::string& s) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0 || i + std::size_t(extra) >= s.size() + (extra == 0 ? 1 : 0)) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        std::uint32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += std::size_t(extra) + 1;
    }
    return out;
}

std::string header_bytes(const std::string& descr, const std::vector<std::uint64_t>& shape) {
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (";
    for (std::size_t i = 0; i < shape.size(); ++i) dict += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1) dict += ",";
    dict += "), }";
    std::size_t total = 10 + dict.size() + 1;
    dict.append((64 - total % 64) % 64, ' ');
    dict += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += char(dict.size() & 0xFF);
    out += char((dict.size() >> 8) & 0xFF);
    return out + dict;
}

template <typename T>
void append_le(std::string& out, T v) {
    unsigned char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    if constexpr (std::endian::native == std::endian::big)
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
    out.append(reinterpret_cast<const char*>(b), sizeof(T));
}

}  // namespace

namespace {

// A format error that names the file.
FileFormatError npy_bad(const std::string& name, const std::string& why) { return FileFormatError(name + ": " + why); }

// Checks the magic and version, and parses the header dictionary; sets where the data starts.
Header read_npy_header(const unsigned char* data, std::size_t size, const std::string& name, std::size_t& data_offset) {
    auto bad = [&](const std::string& why) { return npy_bad(name, why); };
    if (size < 10 || std::memcmp(data, "\x93NUMPY", 6) != 0) throw bad("not a .npy array (bad magic)");
    const int major = data[6];
    std::size_t header_len = 0, prefix = 0;
    if (major == 1) {
        header_len = std::size_t(read_uint(data + 8, 2, false));
        prefix = 10;
    } else if (major == 2 || major == 3) {
        if (size < 12) throw bad("the .npy header is truncated");
        header_len = std::size_t(read_uint(data + 8, 4, false));
        prefix = 12;
    } else {
        throw bad(".npy format version " + std::to_string(major) + " is not supported (1, 2 or 3)");
    }
    if (header_len > 1'000'000 || header_len > size - prefix) throw bad("the .npy header is truncated");
    const std::string text(reinterpret_cast<const char*>(data + prefix), header_len);
    data_offset = prefix + header_len;
    return HeaderParser(text, name).parse();
}

// The number of elements of the array, checked against the limits.
std::uint64_t checked_elements(const NpyArray& a, const NpyLimits& limits, const std::string& name) {
    auto bad = [&](const std::string& why) { return npy_bad(name, why); };
    if (a.shape.size() > std::size_t(limits.max_dims)) throw bad("the array has more than " + std::to_string(limits.max_dims) + " dimensions");
    std::uint64_t n = 1;
    for (auto d : a.shape) {
        if (d != 0 && n > limits.max_elements / d) throw bad("the array " + a.shape_text() + " is too large");
        n *= d;
    }
    if (n > limits.max_elements) throw bad("the array " + a.shape_text() + " is too large");
    return n;
}

// A supported dtype: kind character, item size, byte order, and bytes per element.
struct Dtype {
    char kind = 0;
    std::uint64_t item = 0;
    bool big = false;
    bool str = false;
    std::uint64_t elem_bytes = 0;
};

// Parses and checks a dtype string such as '<f4' or '<U12'.
Dtype parse_dtype(const std::string& d, const NpyLimits& limits, const std::string& name) {
    auto bad = [&](const std::string& why) { return npy_bad(name, why); };
    if (d.size() < 2) throw bad("unsupported dtype '" + d + "'");
    const char order = d[0];
    if (order != '<' && order != '>' && order != '|' && order != '=')
        throw bad("unsupported dtype '" + d + "' (expected a byte-order character)");
    const char kind = d[1];
    if (kind == 'O')
        throw bad("holds Python objects (dtype '" + d + "', a pickled array): TopDown never unpickles; save plain "
                  "numeric arrays (e.g. arr.astype(np.float32))");
    std::uint64_t item = 0;
    {
        const std::string digits = d.substr(2);
        if (digits.empty() || digits.size() > 8 || digits.find_first_not_of("0123456789") != std::string::npos)
            throw bad("unsupported dtype '" + d + "'");
        item = std::stoull(digits);
    }
    const bool big = order == '>';
    const bool numeric = (kind == 'f' && (item == 4 || item == 8)) ||
                         ((kind == 'i' || kind == 'u') && (item == 1 || item == 2 || item == 4 || item == 8)) ||
                         (kind == 'b' && item == 1);
    const bool str = (kind == 'U' || kind == 'S') && item >= 1 && item <= limits.max_string_chars;
    if (!numeric && !str)
        throw bad("unsupported dtype '" + d + "' (accepted: float32/float64, integers, bool, 'U'/'S' strings)");
    return {kind, item, big, str, kind == 'U' ? item * 4 : item};
}

// Checks that the payload holds exactly n elements.
void check_payload(const NpyArray& a, const std::string& d, std::uint64_t n, std::uint64_t elem_bytes, std::uint64_t payload,
                   const std::string& name) {
    auto bad = [&](const std::string& why) { return npy_bad(name, why); };
    if (n != 0 && elem_bytes > payload / n + 1) throw bad("the data is truncated: shape " + a.shape_text() + " needs more bytes");
    const std::uint64_t need = n * elem_bytes;
    if (payload < need)
        throw bad("the data is truncated: shape " + a.shape_text() + " of '" + d + "' needs " + std::to_string(need) +
                  " bytes, the file has " + std::to_string(payload));
    if (payload > need)
        throw bad("the file has " + std::to_string(payload - need) + " bytes after the data of shape " + a.shape_text());
}

// Element order: a Fortran-ordered file lists the first index fastest; map each C-order index to it.
std::vector<std::uint64_t> fortran_source_index(const std::vector<std::uint64_t>& shape, std::uint64_t n) {
    std::vector<std::uint64_t> src_index;
    src_index.resize(static_cast<std::size_t>(n));
    const std::size_t nd = shape.size();
    std::vector<std::uint64_t> fstride(nd, 1);
    for (std::size_t k = 1; k < nd; ++k) fstride[k] = fstride[k - 1] * shape[k - 1];
    std::vector<std::uint64_t> idx(nd, 0);
    for (std::uint64_t c = 0; c < n; ++c) {
        std::uint64_t off = 0;
        for (std::size_t k = 0; k < nd; ++k) off += idx[k] * fstride[k];
        src_index[static_cast<std::size_t>(c)] = off;
        for (std::size_t k = nd; k-- > 0;) {
            if (++idx[k] < shape[k]) break;
            idx[k] = 0;
        }
    }
    return src_index;
}

// Decodes one 'S' (bytes) or 'U' (UTF-32) element into UTF-8, without trailing NULs.
std::string decode_string_element(const unsigned char* e, const Dtype& t, const std::string& name) {
    std::string s;
    if (t.kind == 'S') {
        std::size_t len = static_cast<std::size_t>(t.item);
        while (len > 0 && e[len - 1] == 0) --len;
        s.assign(reinterpret_cast<const char*>(e), len);
    } else {
        std::uint64_t len = t.item;
        while (len > 0 && read_uint(e + 4 * (len - 1), 4, t.big) == 0) --len;
        for (std::uint64_t k = 0; k < len; ++k) {
            const auto cp = static_cast<std::uint32_t>(read_uint(e + 4 * k, 4, t.big));
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) throw npy_bad(name, "a string holds an invalid character");
            append_utf8(s, cp);
        }
    }
    return s;
}

// Decodes one numeric element as a double.
double decode_number_element(const unsigned char* e, const Dtype& t) {
    const std::uint64_t raw = read_uint(e, static_cast<int>(t.item), t.big);
    double v = 0;
    if (t.kind == 'f' && t.item == 4) {
        v = std::bit_cast<float>(static_cast<std::uint32_t>(raw));
    } else if (t.kind == 'f') {
        v = std::bit_cast<double>(raw);
    } else if (t.kind == 'i') {
        const int shift = 64 - 8 * static_cast<int>(t.item);
        v = static_cast<double>(static_cast<std::int64_t>(raw << shift) >> shift);
    } else if (t.kind == 'b') {
        v = raw ? 1.0 : 0.0;
    } else {
        v = static_cast<double>(raw);
    }
    return v;
}

}  // namespace

NpyArray parse_npy(const unsigned char* data, std::size_t size, const std::string& name, const NpyLimits& limits) {
    std::size_t data_offset = 0;
    const Header h = read_npy_header(data, size, name, data_offset);

    NpyArray a;
    a.dtype = h.descr;
    a.shape = h.shape;
    const std::uint64_t n = checked_elements(a, limits, name);
    const Dtype t = parse_dtype(h.descr, limits, name);
    check_payload(a, h.descr, n, t.elem_bytes, size - data_offset, name);
    const unsigned char* p = data + data_offset;

    std::vector<std::uint64_t> src_index;
    if (h.fortran && a.shape.size() > 1) src_index = fortran_source_index(a.shape, n);
    auto at = [&](std::uint64_t c) { return p + (src_index.empty() ? c : src_index[static_cast<std::size_t>(c)]) * t.elem_bytes; };

    if (t.str) {
        a.is_string = true;
        a.strings.resize(static_cast<std::size_t>(n));
        for (std::uint64_t c = 0; c < n; ++c) a.strings[static_cast<std::size_t>(c)] = decode_string_element(at(c), t, name);
        return a;
    }
    a.values.resize(static_cast<std::size_t>(n));
    for (std::uint64_t c = 0; c < n; ++c) a.values[static_cast<std::size_t>(c)] = decode_number_element(at(c), t);
    return a;
}

std::string encode_npy_f32(const std::vector<std::uint64_t>& shape, const float* values) {
    std::uint64_t n = 1;
    for (auto d : shape) n *= d;
    std::string out = header_bytes("<f4", shape);
    out.reserve(out.size() + n * 4);
    for (std::uint64_t i = 0; i < n; ++i) append_le(out, values[i]);
    return out;
}

std::string encode_npy_f64(const std::vector<std::uint64_t>& shape, const std::vector<double>& values) {
    std::string out = header_bytes("<f8", shape);
    for (double v : values) append_le(out, v);
    return out;
}

std::string encode_npy_i64(const std::vector<std::uint64_t>& shape, const std::vector<std::int64_t>& values) {
    std::string out = header_bytes("<i8", shape);
    for (auto v : values) append_le(out, v);
    return out;
}

std::string encode_npy_strings(const std::vector<std::string>& values, bool scalar) {
    std::vector<std::vector<std::uint32_t>> cps;
    std::size_t width = 1;
    for (const auto& s : values) {
        cps.push_back(utf8_to_utf32(s));
        width = std::max(width, cps.back().size());
    }
    std::vector<std::uint64_t> shape;
    if (!scalar) shape.push_back(values.size());
    std::string out = header_bytes("<U" + std::to_string(width), shape);
    for (const auto& c : cps)
        for (std::size_t k = 0; k < width; ++k) append_le(out, k < c.size() ? c[k] : std::uint32_t(0));
    return out;
}

}  // namespace topdown
