#include "session/analysis_hooks.hpp"

#include "analyze/pca.hpp"

#include <bit>
#include <cmath>

namespace topdown {

void MetricsAccumulator::reset(int chains) {
    const auto n = static_cast<std::size_t>(chains < 0 ? 0 : chains);
    visited_mask.assign(n, 0);
    transitions.assign(n, 0);
    last_state.assign(n, -1);
}

bool AnalysisContext::has_pca() const {
    if (!model || !pca || pca->empty()) return false;
    Eigen::Index hidden = 0;
    for (const auto& l : model->layers) hidden += l.n_upper();
    return pca->components.cols() == hidden && pca->components.rows() >= 2 && pca->mean.cols() == hidden;
}

std::vector<StateVerdict> classify_states(const AnalysisContext& ctx, const Matrix& visibles) {
    std::vector<StateVerdict> out(static_cast<std::size_t>(visibles.rows()));
    if (!ctx.has_classifier() || visibles.cols() != ctx.classifier->network().shape().side * ctx.classifier->network().shape().side)
        return out;
    const auto c = ctx.classifier->classify(visibles, 1);  // the worker keeps to its one core
    for (std::size_t i = 0; i < c.size(); ++i) out[i] = {c[i].state, c[i].probability, c[i].entropy};
    return out;
}

void accumulate_transitions(const std::vector<StateVerdict>& prev, const std::vector<StateVerdict>& cur,
                            Eigen::MatrixXi& counts) {
    const std::size_t n = std::min(prev.size(), cur.size());
    for (std::size_t i = 0; i < n; ++i) {
        const int a = prev[i].state, b = cur[i].state;
        if (a < 0 || b < 0 || a >= counts.rows() || b >= counts.cols()) continue;
        ++counts(a, b);
    }
}

MetricsSummary update_metrics(MetricsAccumulator& acc, const std::vector<StateVerdict>& cur) {
    // SPEC §7 as core/analyze/chain_metrics.cpp, incrementally: visited classes (non-class excluded) and
    // runs of equal classes after removing non-class steps.
    MetricsSummary m;
    const std::size_t n = std::min(cur.size(), acc.last_state.size());
    std::size_t known = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const int s = cur[i].state;
        if (s < 0 || s >= 64) continue;
        ++known;
        if (s == acc.non_class) continue;
        acc.visited_mask[i] |= std::uint64_t{1} << s;
        if (acc.last_state[i] != s) ++acc.transitions[i];
        acc.last_state[i] = s;
    }
    if (known == 0 || n == 0) return m;
    double sv = 0, sv2 = 0, st = 0, st2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = std::popcount(acc.visited_mask[i]), t = acc.transitions[i];
        sv += v, sv2 += v * v, st += t, st2 += t * t;
    }
    const double dn = static_cast<double>(n);
    auto sem = [dn](double s, double s2) {
        if (dn < 2) return 0.0;
        const double var = std::max(0.0, (s2 - s * s / dn) / (dn - 1));
        return std::sqrt(var / dn);
    };
    m.available = true;
    m.visited_mean = static_cast<float>(sv / dn);
    m.visited_sem = static_cast<float>(sem(sv, sv2));
    m.transitions_mean = static_cast<float>(st / dn);
    m.transitions_sem = static_cast<float>(sem(st, st2));
    return m;
}

std::vector<PcaPoint> project_pca(const AnalysisContext& ctx, const std::vector<const Matrix*>& hidden_layers) {
    if (!ctx.has_pca() || hidden_layers.empty() || !hidden_layers[0]) return {};
    const PcaBasis& b = *ctx.pca;
    const Eigen::Index rows = hidden_layers[0]->rows();
    Matrix all(rows, b.components.cols());
    Eigen::Index off = 0;
    for (const Matrix* h : hidden_layers) {
        if (!h || h->rows() != rows || off + h->cols() > all.cols()) return {};
        all.middleCols(off, h->cols()) = *h;
        off += h->cols();
    }
    if (off != all.cols()) return {};
    const Matrix p = pca_project(b, all);
    std::vector<PcaPoint> out(static_cast<std::size_t>(rows));
    for (Eigen::Index i = 0; i < rows; ++i) out[std::size_t(i)] = {p(i, 0), p(i, 1)};
    return out;
}

}  // namespace topdown
