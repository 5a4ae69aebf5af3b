#include "model/model_file.hpp"

#include <set>

#include "util/errors.hpp"

namespace topdown {

namespace {
std::string layer_key(const char* what, std::size_t l) { return std::string(what) + std::to_string(l + 1); }
}  // namespace

nlohmann::json model_summary(const Dbn& m) {
    nlohmann::json h;
    h["kind"] = "model";
    h["architecture"] = m.architecture();
    h["dataset"] = m.dataset;
    h["class_names"] = m.class_names;
    h["k"] = m.k;
    h["readout_accuracy"] = m.readout_accuracy;
    h["training"] = m.training.is_null() ? nlohmann::json::object() : m.training;
    h["created"] = m.created;
    h["has_label_biasing"] = m.label_biasing.size() > 0;
    h["has_pca"] = !m.pca.empty();
    if (m.image_rows > 0 && m.image_cols > 0) h["image_shape"] = {m.image_rows, m.image_cols};
    return h;
}

TensorFile model_to_tensor_file(const Dbn& m) {
    TensorFile f;
    f.header = model_summary(m);
    for (std::size_t l = 0; l < m.layers.size(); ++l) {
        f.add(layer_key("W", l), m.layers[l].W);
        f.add(layer_key("a", l), m.layers[l].a);
        f.add(layer_key("b", l), m.layers[l].b);
    }
    if (m.label_biasing.size() > 0) f.add("M", m.label_biasing);
    if (!m.pca.empty()) {
        f.add("pca_mean", m.pca.mean);
        f.add("pca_components", m.pca.components);
        f.add("pca_explained", m.pca.explained);
    }
    return f;
}

namespace {
Dbn model_from_tensor_file_unchecked(const TensorFile& f, const std::string& name) {
    auto bad = [&](const std::string& why) { return FileFormatError(name + ": " + why); };
    const auto& h = f.header;
    Dbn m;
    if (!h.contains("architecture") || !h["architecture"].is_array()) throw bad("header lacks 'architecture'");
    std::vector<int> arch;
    for (const auto& v : h["architecture"]) {
        if (!v.is_number_integer()) throw bad("architecture sizes must be integers");
        const auto s = v.get<long long>();
        if (s < 1 || s > kMaxLayerSize) throw bad("a layer size is out of range (1.." + std::to_string(kMaxLayerSize) + ")");
        arch.push_back(static_cast<int>(s));
    }
    if (arch.size() < 2 || arch.size() > std::size_t(kMaxModelLayers) + 1)
        throw bad("architecture must have 2 to " + std::to_string(kMaxModelLayers + 1) + " layer sizes");
    if (!h.contains("class_names") || !h["class_names"].is_array()) throw bad("header lacks 'class_names'");
    for (const auto& c : h["class_names"]) {
        if (!c.is_string()) throw bad("class names must be strings");
        m.class_names.push_back(c.get<std::string>());
    }
    if (m.class_names.empty() || m.class_names.size() > std::size_t(kMaxClasses)) throw bad("class count out of range");
    m.dataset = h.value("dataset", std::string());
    if (h.contains("k") && !h["k"].is_number_integer()) throw bad("'k' must be an integer");
    m.k = h.value("k", 0);
    if (h.contains("readout_accuracy") && !h["readout_accuracy"].is_number()) throw bad("'readout_accuracy' must be a number");
    m.readout_accuracy = h.value("readout_accuracy", -1.0);
    if (h.contains("training")) m.training = h["training"];
    if (h.contains("created") && h["created"].is_string()) m.created = h["created"].get<std::string>();

    if (h.contains("image_shape")) {
        const auto& s = h["image_shape"];
        if (!s.is_array() || s.size() != 2 || !s[0].is_number_integer() || !s[1].is_number_integer())
            throw bad("'image_shape' must be [rows, cols]");
        const auto r = s[0].get<long long>(), c = s[1].get<long long>();
        if (r < 1 || c < 1 || r > kMaxLayerSize || c > kMaxLayerSize || r * c != arch[0])
            throw bad("'image_shape' " + std::to_string(r) + "x" + std::to_string(c) + " does not match the " +
                      std::to_string(arch[0]) + " visible units");
        m.image_rows = static_cast<int>(r);
        m.image_cols = static_cast<int>(c);
    }

    std::set<std::string> expected;
    auto need = [&](const std::string& key, Eigen::Index rows, Eigen::Index cols) -> const Matrix& {
        expected.insert(key);
        const Matrix* a = f.find(key);
        if (!a) throw bad("array '" + key + "' is missing");
        if (a->rows() != rows || a->cols() != cols)
            throw bad("array '" + key + "' is " + std::to_string(a->rows()) + "x" + std::to_string(a->cols()) +
                      ", expected " + std::to_string(rows) + "x" + std::to_string(cols) +
                      " for architecture " + architecture_text(arch));
        return *a;
    };
    for (std::size_t l = 0; l + 1 < arch.size(); ++l) {
        RbmLayer layer;
        layer.W = need(layer_key("W", l), arch[l], arch[l + 1]);
        layer.a = need(layer_key("a", l), 1, arch[l]);
        layer.b = need(layer_key("b", l), 1, arch[l + 1]);
        m.layers.push_back(std::move(layer));
    }
    const int C = static_cast<int>(m.class_names.size());
    if (f.find("M")) m.label_biasing = need("M", C, arch.back());
    if (m.k < 0 || m.k > arch.back()) throw bad("'k' is out of range for the top layer");
    if (f.find("pca_components")) {
        const Matrix& comps = *f.find("pca_components");
        m.pca.components = need("pca_components", comps.rows(), comps.cols());
        if (comps.rows() > 16) throw bad("PCA basis has too many components");
        m.pca.mean = need("pca_mean", 1, comps.cols());
        m.pca.explained = need("pca_explained", 1, comps.rows());
    }
    for (const auto& [key, arr] : f.arrays)
        if (!expected.count(key)) throw bad("unexpected array '" + key + "' (file from another program or version?)");
    return m;
}
}  // namespace

Dbn model_from_tensor_file(const TensorFile& f, const std::string& name) {
    try {
        return model_from_tensor_file_unchecked(f, name);
    } catch (const nlohmann::json::exception&) {
        throw FileFormatError(name + ": a header field has the wrong type");
    }
}

void save_model(const Dbn& model, const std::string& path) { write_tensor_file(path, model_to_tensor_file(model)); }

Dbn load_model(const std::string& path) { return model_from_tensor_file(read_tensor_file(path, "model"), path); }

Dbn parse_model(const unsigned char* data, std::size_t size, const std::string& name) {
    return model_from_tensor_file(decode_tensor_file(data, size, name, "model"), name);
}

}  // namespace topdown
