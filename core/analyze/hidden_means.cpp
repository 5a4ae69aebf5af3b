#include "analyze/hidden_means.hpp"

namespace topdown {

int hidden_unit_count(const GenerationModel& g) {
    int n = 0;
    for (int l = 1; l <= g.depth(); ++l) n += g.sizes[static_cast<std::size_t>(l)];
    return n;
}

int hidden_unit_count(const Dbn& m) {
    Eigen::Index n = 0;
    for (const auto& l : m.layers) n += l.n_upper();
    return static_cast<int>(n);
}

Matrix concatenated_hidden_means(const ChainBatch& b) {
    const GenerationModel& g = b.model();
    Matrix out(1, hidden_unit_count(g));
    Eigen::Index off = 0;
    for (int l = 1; l <= b.depth(); ++l) {
        const int n = g.sizes[static_cast<std::size_t>(l)];
        out.block(0, off, 1, n) = b.state(l).colwise().mean();
        off += n;
    }
    return out;
}

}  // namespace topdown
