#include "session/analysis_hooks.hpp"

#include "analyze/hidden_means.hpp"
#include "analyze/pca.hpp"
#include "analyze/statistics.hpp"

#include <cmath>

namespace topdown {

bool AnalysisContext::has_pca() const {
    if (!model || !pca || pca->empty()) return false;
    const Eigen::Index hidden = hidden_unit_count(*model);
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

std::vector<int> verdict_states(const std::vector<StateVerdict>& verdicts) {
    std::vector<int> s(verdicts.size());
    for (std::size_t i = 0; i < verdicts.size(); ++i) s[i] = verdicts[i].state;
    return s;
}

MetricsSummary metrics_summary(const EnsembleMetrics& metrics) {
    MetricsSummary m;
    if (metrics.chains() == 0) return m;
    const MeanSem v = metrics.visited(), t = metrics.transitions();
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
