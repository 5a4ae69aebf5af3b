#include "io/model_npz.hpp"

#include <array>
#include <cfloat>
#include <cmath>
#include <set>

#include "model/model_file.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown {

WeightOrientation parse_weight_orientation(const std::string& text) {
    if (text == "auto") return WeightOrientation::Auto;
    if (text == "out-in") return WeightOrientation::OutIn;
    if (text == "in-out") return WeightOrientation::InOut;
    throw ArgumentError("unknown orientation '" + text + "' (auto, out-in or in-out)");
}

namespace {

struct Reader {
    const NpzArrays& arrays;
    const std::string& name;
    std::set<std::string> used;

    FileFormatError bad(const std::string& why) const { return FileFormatError(name + ": " + why); }

    const NpyArray* find(const std::string& key) {
        auto it = arrays.find(key);
        if (it == arrays.end()) return nullptr;
        used.insert(key);
        return &it->second;
    }
    const NpyArray& numeric(const std::string& key) {
        const NpyArray* a = find(key);
        if (!a) throw bad("array '" + key + "' is missing");
        if (a->is_string) throw bad("array '" + key + "' holds strings (dtype '" + a->dtype + "'), expected numbers");
        return *a;
    }
    // A finite float32 matrix from a numeric array of the given shape.
    Matrix matrix(const std::string& key, const NpyArray& a, Eigen::Index rows, Eigen::Index cols, bool transpose) {
        Matrix m(rows, cols);
        for (Eigen::Index i = 0; i < rows; ++i)
            for (Eigen::Index j = 0; j < cols; ++j) {
                const std::size_t src = transpose ? std::size_t(j) * std::size_t(rows) + std::size_t(i)
                                                  : std::size_t(i) * std::size_t(cols) + std::size_t(j);
                const double v = a.values[src];
                if (!std::isfinite(v) || std::fabs(v) > double(FLT_MAX))
                    throw bad("array '" + key + "' holds a value that is not a finite float32 (NaN, Inf or too large)");
                m(i, j) = static_cast<float>(v);
            }
        return m;
    }
    // A 1 x n row from an array of shape (n,) or (1, n).
    Matrix row(const std::string& key, std::uint64_t n) {
        const NpyArray& a = numeric(key);
        const bool ok = (a.shape.size() == 1 && a.shape[0] == n) || (a.shape.size() == 2 && a.shape[0] == 1 && a.shape[1] == n);
        if (!ok) throw bad("array '" + key + "' is " + a.shape_text() + ", expected (1, " + std::to_string(n) + ") or (" + std::to_string(n) + ",)");
        return matrix(key, a, 1, Eigen::Index(n), false);
    }
    // A scalar number from shape () or (1,).
    double scalar(const std::string& key) {
        const NpyArray& a = numeric(key);
        if (a.elements() != 1 || a.shape.size() > 1) throw bad("array '" + key + "' is " + a.shape_text() + ", expected a scalar");
        return a.values[0];
    }
    // A string from a scalar or 1-element string array.
    std::string text(const std::string& key) {
        const NpyArray* a = find(key);
        if (!a) return {};
        if (!a->is_string || a->elements() != 1 || a->shape.size() > 1) throw bad("array '" + key + "' must be one string");
        return a->strings[0];
    }
};

std::uint64_t vec_size(const NpyArray& a) {
    if (a.shape.size() == 1) return a.shape[0];
    if (a.shape.size() == 2 && a.shape[0] == 1) return a.shape[1];
    return 0;  // not a vector
}

}  // namespace

namespace {

// Appends a note when the caller asked for notes.
void add_note(std::vector<std::string>* notes, const std::string& s) {
    if (notes) notes->push_back(s);
}

// The (W, visible bias, hidden bias) array names per layer, after picking the naming scheme.
std::vector<std::array<std::string, 3>> layer_keys(const NpzArrays& arrays, Reader& r, bool& idbn_names) {
    // Which naming scheme, and how many layers.
    idbn_names = arrays.count("W1") > 0;
    const bool rbm_single = arrays.count("vishid") > 0;
    const bool rbm_numbered = arrays.count("vishid1") > 0;
    if (int(idbn_names) + int(rbm_single) + int(rbm_numbered) != 1) {
        if (!idbn_names && !rbm_single && !rbm_numbered)
            throw r.bad("no weights found: expected W1, a1, b1, ... (iDBN layout) or vishid, visbiases, hidbiases (RBM layout)");
        throw r.bad("the file mixes weight layouts (W1 and vishid); keep one");
    }
    std::vector<std::array<std::string, 3>> keys;  // W, visible bias, hidden bias per layer
    if (rbm_single) {
        keys.push_back({"vishid", "visbiases", "hidbiases"});
    } else {
        for (int l = 1; l <= kMaxModelLayers + 1; ++l) {
            const std::string s = std::to_string(l);
            std::array<std::string, 3> k = idbn_names ? std::array<std::string, 3>{"W" + s, "a" + s, "b" + s}
                                                      : std::array<std::string, 3>{"vishid" + s, "visbiases" + s, "hidbiases" + s};
            if (!arrays.count(k[0])) break;
            if (l > kMaxModelLayers) throw r.bad("more than " + std::to_string(kMaxModelLayers) + " layers");
            keys.push_back(k);
        }
    }
    return keys;
}

// Reads layer l (0-based) with the given array names, picks its orientation and appends it to m.
void read_layer(Reader& r, const std::array<std::string, 3>& k, std::size_t l, const NpzImportOptions& options,
                bool default_out_in, std::vector<std::string>* notes, Dbn& m) {
    const auto& [wk, ak, bk] = k;
    const NpyArray& w = r.numeric(wk);
    if (w.shape.size() != 2) throw r.bad("array '" + wk + "' is " + w.shape_text() + ", expected a 2-D weight matrix");
    const NpyArray* a = r.find(ak);
    const NpyArray* b = r.find(bk);
    if (!a || !b) throw r.bad("layer " + std::to_string(l + 1) + " has '" + wk + "' but lacks '" + (a ? bk : ak) + "'");
    const std::uint64_t rows = w.shape[0], cols = w.shape[1];
    const std::uint64_t na = vec_size(*a), nb = vec_size(*b);
    if (rows < 1 || cols < 1 || rows > std::uint64_t(kMaxLayerSize) || cols > std::uint64_t(kMaxLayerSize))
        throw r.bad("array '" + wk + "' is " + w.shape_text() + ": layer sizes must be 1.." + std::to_string(kMaxLayerSize));
    const bool fits_in_out = na == rows && nb == cols;
    const bool fits_out_in = na == cols && nb == rows;
    bool out_in = false;
    const std::string shapes = "'" + wk + "' " + w.shape_text() + ", '" + ak + "' " + a->shape_text() + ", '" + bk + "' " + b->shape_text();
    switch (options.orientation) {
        case WeightOrientation::OutIn:
            if (!fits_out_in) throw r.bad("shape mismatch in layer " + std::to_string(l + 1) + " for W[n_out, n_in]: " + shapes);
            out_in = true;
            break;
        case WeightOrientation::InOut:
            if (!fits_in_out) throw r.bad("shape mismatch in layer " + std::to_string(l + 1) + " for W[n_in, n_out]: " + shapes);
            out_in = false;
            break;
        case WeightOrientation::Auto:
            if (!fits_in_out && !fits_out_in)
                throw r.bad("shape mismatch in layer " + std::to_string(l + 1) + ": " + shapes +
                            " (the biases must match the weight matrix's sides)");
            out_in = fits_out_in && fits_in_out ? default_out_in : fits_out_in;
            break;
    }
    const std::uint64_t n_in = out_in ? cols : rows, n_out = out_in ? rows : cols;
    add_note(notes, "layer " + std::to_string(l + 1) + ": " + wk + " " + w.shape_text() + " read as " +
                        (out_in ? "W[n_out, n_in] (iDBN layout)" : "W[n_in, n_out] (RBM layout)") +
                        (fits_in_out && fits_out_in && options.orientation == WeightOrientation::Auto ? ", by its name (square layer)" : ""));
    if (l > 0 && std::int64_t(n_in) != m.layers.back().n_upper())
        throw r.bad("shape mismatch: layer " + std::to_string(l + 1) + " has " + std::to_string(n_in) +
                    " inputs but layer " + std::to_string(l) + " has " + std::to_string(m.layers.back().n_upper()) + " outputs");
    RbmLayer layer;
    layer.W = r.matrix(wk, w, Eigen::Index(n_in), Eigen::Index(n_out), out_in);
    layer.a = r.row(ak, n_in);
    layer.b = r.row(bk, n_out);
    m.layers.push_back(std::move(layer));
}

// Class names: from the file, the options, or the rows of M; also reads M (label biasing).
void read_classes(Reader& r, const std::string& name, const NpzImportOptions& options, int n_top, Dbn& m) {
    if (const NpyArray* c = r.find("class_names")) {
        if (c->shape.size() != 1) throw r.bad("array 'class_names' is " + c->shape_text() + ", expected one name per class");
        if (c->is_string) {
            m.class_names = c->strings;
        } else {
            for (double v : c->values) {
                if (!std::isfinite(v) || std::fabs(v) > 1e15) throw r.bad("array 'class_names' holds a non-finite number");
                m.class_names.push_back(std::to_string(static_cast<long long>(v)));
            }
        }
    } else if (!options.class_names.empty()) {
        m.class_names = options.class_names;
    }
    if (const NpyArray* mm = r.find("M")) {
        if (mm->is_string || mm->shape.size() != 2) throw r.bad("array 'M' must be a 2-D numeric matrix [C, n_top]");
        if (mm->shape[1] != std::uint64_t(n_top)) {
            const std::string hint = mm->shape[0] == std::uint64_t(n_top) ? " (transposed? save M.T)" : "";
            throw r.bad("shape mismatch: 'M' is " + mm->shape_text() + ", expected (C, " + std::to_string(n_top) + ")" + hint);
        }
        if (m.class_names.empty())
            for (std::uint64_t i = 0; i < mm->shape[0] && i <= std::uint64_t(kMaxClasses); ++i) m.class_names.push_back(std::to_string(i));
        if (mm->shape[0] != m.class_names.size())
            throw r.bad("shape mismatch: 'M' has " + std::to_string(mm->shape[0]) + " rows but there are " +
                        std::to_string(m.class_names.size()) + " class names");
        m.label_biasing = r.matrix("M", *mm, Eigen::Index(mm->shape[0]), n_top, false);
    }
    if (m.class_names.empty())
        throw ArgumentError(name + ": the file has no 'class_names' and no 'M': name its dataset (--dataset NAME) so the classes are known");
    if (m.class_names.size() > std::size_t(kMaxClasses)) throw r.bad("too many classes");
    for (const auto& c : m.class_names)
        if (c.size() > 200) throw r.bad("a class name is longer than 200 characters");
}

// The optional image shape, checked against the visible layer.
void read_image_shape(Reader& r, int n_vis, Dbn& m) {
    if (const NpyArray* s = r.find("image_shape")) {
        if (s->is_string || s->shape.size() != 1 || (s->shape[0] != 2 && s->shape[0] != 3))
            throw r.bad("array 'image_shape' must be (rows, cols) or (rows, cols, 1)");
        for (double v : s->values)
            if (!(v >= 1 && v <= kMaxLayerSize) || v != std::floor(v)) throw r.bad("array 'image_shape' must hold positive integers");
        if (s->shape[0] == 3 && s->values[2] != 1)
            throw r.bad("'image_shape' has " + std::to_string(int(s->values[2])) + " channels: TopDown models one-channel images");
        const int rows = int(s->values[0]), cols = int(s->values[1]);
        if (std::int64_t(rows) * cols != n_vis)
            throw r.bad("shape mismatch: 'image_shape' " + std::to_string(rows) + "x" + std::to_string(cols) + " does not match the " +
                        std::to_string(n_vis) + " visible units");
        m.image_rows = rows;
        m.image_cols = cols;
    }
}

// The optional scalars and metadata: k, readout accuracy, dataset, PCA basis, topdown_meta.
void read_extras(const NpzArrays& arrays, Reader& r, const NpzImportOptions& options, int n_top, Dbn& m) {
    if (arrays.count("k")) {
        const double k = r.scalar("k");
        if (!(k >= 0 && k <= n_top) || k != std::floor(k)) throw r.bad("'k' must be an integer in 0.." + std::to_string(n_top));
        m.k = int(k);
    }
    if (arrays.count("readout_accuracy")) {
        const double acc = r.scalar("readout_accuracy");
        if (!std::isfinite(acc) || acc > 1) throw r.bad("'readout_accuracy' must be a fraction (or -1 when unknown)");
        m.readout_accuracy = acc < 0 ? -1 : acc;
    }
    m.dataset = r.text("dataset");
    if (m.dataset.empty()) m.dataset = options.dataset;
    if (arrays.count("pca_components")) {
        const NpyArray& pc = r.numeric("pca_components");
        if (pc.shape.size() != 2 || pc.shape[0] < 1 || pc.shape[0] > 16 || pc.shape[1] < 1 || pc.shape[1] > std::uint64_t(kMaxModelLayers) * kMaxLayerSize)
            throw r.bad("array 'pca_components' is " + pc.shape_text() + ", expected (K <= 16, D)");
        m.pca.components = r.matrix("pca_components", pc, Eigen::Index(pc.shape[0]), Eigen::Index(pc.shape[1]), false);
        m.pca.mean = r.row("pca_mean", pc.shape[1]);
        m.pca.explained = r.row("pca_explained", pc.shape[0]);
    }
    if (arrays.count("topdown_meta")) {
        const std::string meta = r.text("topdown_meta");
        const auto j = nlohmann::json::parse(meta, nullptr, false);
        if (j.is_discarded() || !j.is_object()) throw r.bad("'topdown_meta' is not a JSON object");
        if (j.contains("training")) m.training = j["training"];
        if (j.contains("created") && j["created"].is_string()) m.created = j["created"].get<std::string>();
    }
}

}  // namespace

Dbn model_from_npz(const NpzArrays& arrays, const std::string& name, const NpzImportOptions& options,
                   std::vector<std::string>* notes) {
    Reader r{arrays, name, {}};
    Dbn m;
    bool idbn_names = false;
    const std::vector<std::array<std::string, 3>> keys = layer_keys(arrays, r, idbn_names);
    const bool default_out_in = idbn_names;
    for (std::size_t l = 0; l < keys.size(); ++l) read_layer(r, keys[l], l, options, default_out_in, notes, m);
    const int n_top = m.top_size();
    const int n_vis = m.layers.front().n_lower();

    read_classes(r, name, options, n_top, m);
    read_image_shape(r, n_vis, m);
    read_extras(arrays, r, options, n_top, m);
    for (const auto& [key, arr] : arrays)
        if (!r.used.count(key)) add_note(notes, "ignored array '" + key + "' " + arr.shape_text());
    // The same checks as a .tdm file (sizes, k, finite values): round-trip through the container's validator.
    return model_from_tensor_file(model_to_tensor_file(m), name);
}

Dbn import_npz_model(const std::string& path, const NpzImportOptions& options, std::vector<std::string>* notes) {
    return model_from_npz(read_npz(path), path, options, notes);
}

Dbn parse_npz_model(const unsigned char* data, std::size_t size, const std::string& name, const ZipLimits& limits) {
    NpzImportOptions o;
    o.class_names = {"0", "1"};
    return model_from_npz(parse_npz(data, size, name, limits), name, o);
}

std::string model_to_npz(const Dbn& m, bool compress) {
    std::map<std::string, std::string> out;
    auto f32 = [&](const std::string& key, const Matrix& a, bool transpose) {
        if (transpose) {
            const Matrix t = a.transpose();
            out[key] = encode_npy_f32({std::uint64_t(t.rows()), std::uint64_t(t.cols())}, t.data());
        } else {
            out[key] = encode_npy_f32({std::uint64_t(a.rows()), std::uint64_t(a.cols())}, a.data());
        }
    };
    for (std::size_t l = 0; l < m.layers.size(); ++l) {
        const std::string s = std::to_string(l + 1);
        f32("W" + s, m.layers[l].W, true);
        f32("a" + s, m.layers[l].a, false);
        f32("b" + s, m.layers[l].b, false);
    }
    if (m.label_biasing.size() > 0) f32("M", m.label_biasing, false);
    out["class_names"] = encode_npy_strings(m.class_names);
    if (m.image_rows > 0 && m.image_cols > 0) out["image_shape"] = encode_npy_i64({2}, {m.image_rows, m.image_cols});
    out["k"] = encode_npy_i64({}, {m.k});
    if (!m.dataset.empty()) out["dataset"] = encode_npy_strings({m.dataset}, true);
    if (m.readout_accuracy >= 0) out["readout_accuracy"] = encode_npy_f64({}, {m.readout_accuracy});
    if (!m.pca.empty()) {
        f32("pca_mean", m.pca.mean, false);
        f32("pca_components", m.pca.components, false);
        f32("pca_explained", m.pca.explained, false);
    }
    nlohmann::json meta = nlohmann::json::object();
    if (!m.training.is_null()) meta["training"] = m.training;
    if (!m.created.empty()) meta["created"] = m.created;
    if (!meta.empty()) out["topdown_meta"] = encode_npy_strings({meta.dump()}, true);
    return encode_npz(out, compress);
}

void export_npz_model(const Dbn& model, const std::string& path, bool compress) {
    write_file_atomic(path, model_to_npz(model, compress));
}

}  // namespace topdown
