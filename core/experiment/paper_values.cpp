#include "experiment/paper_values.hpp"

#include <array>

namespace topdown {

namespace {
// clang-format off
constexpr std::array<PaperValue, 15> kPaperValues{{
    {"label biasing: visited states", "(2025 Fig. 4a, iDBN > RBM)", "1.779 ± 0.211 (RBM 2023)"},
    {"label biasing: transitions (runs)", "-", "2.903 ± 0.538 (RBM 2023)"},
    {"label biasing: distance of T to identity", "0.811 (iDBN 2025)", "0.526 (RBM 2025)"},
    {"label biasing: between-class transition p", "0.016 (iDBN 2025)", "0.010 (RBM 2025)"},
    {"label biasing: within-class p (diag mean, classes)", "-", "0.870 (RBM 2023)"},
    {"label biasing: non-class steps per chain", "-", "76.1 ± 4.2 (digits 1-9, RBM 2023)"},
    {"label biasing: classifier accuracy at last step", "-", "11.2% (RBM 2023)"},
    {"label biasing: active top units, first -> last step", "-", "15% -> 22% (RBM 2023)"},
    {"intersection chimeras: visited states", "highest of all methods (2025)", "2.951 ± 0.099 (RBM 2023)"},
    {"double-label chimeras: visited states", "between label and intersection (2025)", "2.104 ± 0.122 (RBM 2023)"},
    {"intersection: non-class steps", "-", "12.2 (RBM 2023)"},
    {"double-label: non-class steps", "-", "25.0 (RBM 2023)"},
    {"Mann-Whitney (one-sided) intersection > label", "significant (2025)", "6.7e-5 (RBM 2023)"},
    {"Mann-Whitney (one-sided) double > label", "-", "0.139 (RBM 2023)"},
    {"PCA variance explained, 2 / 3 components", "69.8% / 84.0% (iDBN 2025)", "-"},
}};
// clang-format on
}  // namespace

std::string paper_value(const std::string& quantity, bool deep) {
    for (const auto& v : kPaperValues)
        if (quantity == v.quantity) return deep ? v.deep : v.rbm;
    return "-";
}

}  // namespace topdown
