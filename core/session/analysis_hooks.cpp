#include "session/analysis_hooks.hpp"

#include "analyze/pca.hpp"
#include "analyze/statistics.hpp"

#include <cmath>

namespace topdown {

void MetricsAccumulator::reset(int n, int num_classes) {
    non_class = num_classes;
    chains.assign(static_cast<std::size_t>(n < 0 ? 0 : n), ChainMetricsCounter(num_classes < 0 ? 0 : num_classes));
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
    // docs/METHODS.md §8.1-8.2 with the batch code itself: chain_metrics' counter per chain, mean_sem over the chains.
    MetricsSummary m;
    const std::size_t n = std::min(cur.size(), acc.chains.size());
    std::size_t known = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const int s = cur[i].state;
        if (s < 0 || s > acc.non_class) continue;  // unknown (no classifier)
        ++known;
        acc.chains[i].add(s);
    }
    if (known == 0 || n == 0) return m;
    std::vector<double> visited(n), runs(n);
    for (std::size_t i = 0; i < n; ++i) {
        visited[i] = acc.chains[i].metrics().visited_states;
        runs[i] = acc.chains[i].metrics().transitions;
    }
    const MeanSem v = mean_sem(visited), t = mean_sem(runs);
    m.available = true;
    m.visited_mean = v.mean;
    m.visited_sem = v.sem;
    m.transitions_mean = t.mean;
    m.transitions_sem = t.sem;
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
