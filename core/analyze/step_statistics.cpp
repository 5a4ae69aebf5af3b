#include "analyze/step_statistics.hpp"

namespace topdown {

MeanSem column_mean_sem(const Matrix& values, Eigen::Index col) {
    std::vector<double> v(static_cast<std::size_t>(values.rows()));
    for (Eigen::Index i = 0; i < values.rows(); ++i) v[static_cast<std::size_t>(i)] = values(i, col);
    return mean_sem(v);
}

StepStatistics step_statistics(const ChainBatch& b) {
    StepStatistics s;
    const int L = b.depth();
    s.energy.reserve(static_cast<std::size_t>(L));
    s.active_mean.reserve(static_cast<std::size_t>(L));
    for (int l = 0; l < L; ++l) {
        s.energy.push_back(column_mean_sem(b.energies(), l));
        Eigen::VectorXf active = b.active_fraction(l + 1);
        s.active_mean.push_back(active.mean());
        if (l == L - 1) s.top_active = std::move(active);
    }
    return s;
}

}  // namespace topdown
