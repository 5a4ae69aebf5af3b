#include "generate/biasing.hpp"

#include <cmath>
#include <algorithm>
#include <numeric>

#include "generate/clamp_mask.hpp"
#include "math/random.hpp"
#include "util/errors.hpp"

namespace topdown {

const std::vector<BiasMethodTraits>& bias_method_table() {
    //                                              method                    name            classes pair   k      label
    static const std::vector<BiasMethodTraits> t{{BiasMethod::Label, "label", true, false, false, "label"},
                                                 {BiasMethod::DoubleLabel, "double", true, true, true, "double-label chimera"},
                                                 {BiasMethod::Intersection, "intersection", true, true, true, "intersection chimera"},
                                                 {BiasMethod::Random, "random", false, false, true, "random"},
                                                 {BiasMethod::Sample, "sample", false, false, false, "from a data sample"},
                                                 {BiasMethod::Tempering, "tempering", true, false, false, "parallel tempering"},
                                                 {BiasMethod::Image, "image", false, false, false, "from a drawn image"}};
    return t;
}

const BiasMethodTraits& traits(BiasMethod m) {
    for (const auto& t : bias_method_table())
        if (t.method == m) return t;
    throw ArgumentError("unknown biasing method " + std::to_string(static_cast<int>(m)));
}

BiasMethod parse_bias_method(const std::string& t) {
    for (const auto& row : bias_method_table())
        if (t == row.name) return row.method;
    throw ArgumentError("unknown biasing method '" + t + "' (known: label, double, intersection, random, sample, tempering, image)");
}

std::string to_string(BiasMethod m) { return traits(m).name; }

const char* method_label(const BiasMethodTraits& t) { return t.label ? t.label : t.name; }

namespace {
void check_class(const Dbn& m, int c) {
    if (m.label_biasing.rows() == 0)
        throw ArgumentError("this model has no label-biasing matrix (train it with topdown-cli train)");
    if (c < 0 || c >= m.label_biasing.rows())
        throw ArgumentError("class " + std::to_string(c) + " is out of range (the model has " +
                            std::to_string(m.label_biasing.rows()) + " classes)");
}
std::vector<int> top_k_indices(const Vector& h, int k) {
    std::vector<int> idx(static_cast<std::size_t>(h.size()));
    std::iota(idx.begin(), idx.end(), 0);
    std::partial_sort(idx.begin(), idx.begin() + k, idx.end(), [&](int a, int b) {
        return h(a) > h(b) || (h(a) == h(b) && a < b);
    });
    idx.resize(static_cast<std::size_t>(k));
    return idx;
}
}  // namespace

BiasSpec bias_spec(BiasMethod method, int class_a, int class_b, int k) {
    BiasSpec s;
    s.method = method;
    s.class_a = class_a;
    s.class_b = class_b;
    s.k = k;
    return s;
}

int resolve_k(const Dbn& m, int k) {
    const int kk = k > 0 ? k : m.k;
    if (kk <= 0 || kk > m.top_size())
        throw ArgumentError("k = " + std::to_string(kk) + " is out of range: it must be between 1 and the top layer size " +
                            std::to_string(m.top_size()));
    return kk;
}

Vector label_biasing(const Dbn& m, int c) {
    check_class(m, c);
    return m.label_biasing.row(c);
}

Vector top_k_binarize(const Vector& h, int k) {
    if (k <= 0 || k > h.size()) throw ArgumentError("top-k: k = " + std::to_string(k) + " is out of range");
    Vector out = Vector::Zero(h.size());
    for (int i : top_k_indices(h, k)) out(i) = 1.0f;
    return out;
}

Vector double_label_chimera(const Dbn& m, int c1, int c2, int k) {
    check_class(m, c1);
    check_class(m, c2);
    const Vector h = m.label_biasing.row(c1) + m.label_biasing.row(c2);
    return top_k_binarize(h, resolve_k(m, k));
}

Vector intersection_chimera(const Dbn& m, int c1, int c2, int k) {
    check_class(m, c1);
    check_class(m, c2);
    const int kk = resolve_k(m, k);
    return top_k_binarize(m.label_biasing.row(c1), kk).cwiseProduct(top_k_binarize(m.label_biasing.row(c2), kk));
}

Vector random_init(int n, int k, std::uint64_t seed, std::uint64_t chain_index) {
    if (k <= 0 || k > n) throw ArgumentError("random init: k = " + std::to_string(k) + " is out of range 1.." + std::to_string(n));
    // A separate stream from the chain's sampling stream (same index, tagged seed).
    CounterRng rng(seed ^ 0x52414E44494E4954ULL, chain_index);
    std::vector<std::uint32_t> idx(static_cast<std::size_t>(n));
    std::iota(idx.begin(), idx.end(), 0u);
    for (int i = 0; i < k; ++i) {  // partial Fisher-Yates: the first k are a uniform k-subset
        const std::size_t j = static_cast<std::size_t>(i) + rng.below(static_cast<std::uint64_t>(n - i));
        std::swap(idx[static_cast<std::size_t>(i)], idx[j]);
    }
    Vector out = Vector::Zero(n);
    for (int i = 0; i < k; ++i) out(idx[static_cast<std::size_t>(i)]) = 1.0f;
    return out;
}

Vector sample_init(const Dbn& m, const Matrix& image) {
    if (image.rows() != 1 || image.cols() != m.architecture().front())
        throw ArgumentError("the start image must have " + std::to_string(m.architecture().front()) + " pixels");
    if (!all_finite(image.data(), static_cast<std::size_t>(image.size())) || image.minCoeff() < 0 || image.maxCoeff() > 1)
        throw ArgumentError("the start image must have pixel values in [0, 1]");
    return m.propagate_up(image);
}

Eigen::MatrixXi intersection_size_matrix(const Dbn& m, int k) {
    const int C = static_cast<int>(m.label_biasing.rows());
    const int kk = resolve_k(m, k);
    std::vector<Vector> sets;
    for (int c = 0; c < C; ++c) sets.push_back(top_k_binarize(m.label_biasing.row(c), kk));
    Eigen::MatrixXi out(C, C);
    for (int i = 0; i < C; ++i)
        for (int j = 0; j < C; ++j)
            out(i, j) = static_cast<int>(std::lround(sets[std::size_t(i)].cwiseProduct(sets[std::size_t(j)]).sum()));
    return out;
}

int intersection_size(const Dbn& m, int c1, int c2, int k) {
    return static_cast<int>(std::lround(intersection_chimera(m, c1, c2, k).sum()));
}

std::vector<int> parse_class_list(const Dbn& m, const std::string& text) {
    const int C = m.num_classes();
    std::vector<int> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        const std::string part = text.substr(start, end - start);
        int idx = -1;
        for (int i = 0; i < C && i < static_cast<int>(m.class_names.size()); ++i)
            if (m.class_names[std::size_t(i)] == part) idx = i;
        if (idx < 0 && !part.empty() && part.size() < 10 && part.find_first_not_of("0123456789") == std::string::npos)
            idx = std::stoi(part);
        if (idx < 0 || idx >= C)
            throw ArgumentError("'" + part + "' in the class list '" + text + "' is not a class of this model (0.." +
                                std::to_string(C - 1) + " or a class name)");
        out.push_back(idx);
        start = end + 1;
    }
    return out;
}

InitialState make_initial_state(const Dbn& m, const BiasSpec& s, std::uint64_t seed, std::uint64_t chain_index) {
    InitialState st;
    const auto& names = m.class_names;
    auto name = [&](int c) { return c >= 0 && c < int(names.size()) ? names[std::size_t(c)] : std::to_string(c); };
    switch (s.method) {
        case BiasMethod::Label:
            st.top = label_biasing(m, s.class_a);
            st.description = "label biasing '" + name(s.class_a) + "'";
            break;
        case BiasMethod::DoubleLabel:
            st.top = double_label_chimera(m, s.class_a, s.class_b, s.k);
            st.description = "double-label chimera {" + name(s.class_a) + ", " + name(s.class_b) + "}, k = " +
                             std::to_string(resolve_k(m, s.k));
            break;
        case BiasMethod::Intersection:
            st.top = intersection_chimera(m, s.class_a, s.class_b, s.k);
            st.description = "intersection chimera {" + name(s.class_a) + ", " + name(s.class_b) + "}, k = " +
                             std::to_string(resolve_k(m, s.k));
            break;
        case BiasMethod::Random:
            st.top = random_init(m.top_size(), resolve_k(m, s.k), seed, chain_index);
            st.description = "random init, k = " + std::to_string(resolve_k(m, s.k));
            break;
        case BiasMethod::Sample:
            st.top = sample_init(m, s.image);
            st.description = "bottom-up from an image";
            break;
        case BiasMethod::Tempering:  // §6.5: the replicas start from label biasing; the ladder is the run's
            st.top = label_biasing(m, s.class_a);
            st.description = "parallel tempering from label biasing '" + name(s.class_a) + "'";
            break;
        case BiasMethod::Image: {
            st.top = sample_init(m, s.image);
            const int clamped = visible_clamp(s).size();  // validates the mask against the image
            st.description = "bottom-up from a start image" +
                             (clamped > 0 ? ", " + std::to_string(clamped) + " pixels clamped" : std::string());
            break;
        }
    }
    st.active_units = static_cast<int>(std::lround(st.top.sum()));
    st.empty = st.top.cwiseAbs().sum() == 0.0f;
    if (s.method == BiasMethod::Intersection)
        st.description += ": " + std::to_string(st.active_units) + " shared units" + (st.empty ? " (EMPTY)" : "");
    return st;
}

}  // namespace topdown
