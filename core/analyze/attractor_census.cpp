// Attractor census: nearest training images and verdicts of visited states (docs/METHODS.md §16.2-15.3).
#include "analyze/attractor_census.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "math/random.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
constexpr int kProjectedDims = 48;  // principal components of the lower-bound pruning (§16.2)

// The q-quantile of sorted values (linear interpolation between order statistics).
double quantile_sorted(const std::vector<double>& v, double q) {
    if (v.empty()) return 0;
    const double pos = q * double(v.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
}
}  // namespace

CensusThresholds census_thresholds(const NearestNeighbourIndex& training, int sample, std::uint64_t seed, double q_low,
                                   double q_high, int threads) {
    if (!(q_low >= 0 && q_low <= q_high && q_high <= 1)) throw ArgumentError("census quantiles must satisfy 0 <= low <= high <= 1");
    const int n = training.size();
    if (n < 2) throw ArgumentError("the census needs at least 2 training images");
    // Partial Fisher-Yates shuffle with the seeded stream: `m` distinct rows.
    const int m = std::max(1, std::min(sample, n));
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    CounterRng rng(seed, 0);
    for (int i = 0; i < m; ++i) {
        const int j = i + static_cast<int>(rng.below(static_cast<std::uint64_t>(n - i)));
        std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    }
    order.resize(static_cast<std::size_t>(m));
    Matrix q(m, training.dims());
    for (int i = 0; i < m; ++i) q.row(i) = training.points().row(order[static_cast<std::size_t>(i)]);
    const auto nn = training.query(q, order, threads);
    std::vector<double> d;
    d.reserve(nn.size());
    for (const auto& x : nn) d.push_back(x.distance);
    std::sort(d.begin(), d.end());
    CensusThresholds t;
    t.q_low = q_low;
    t.q_high = q_high;
    t.sample = m;
    t.memorised = quantile_sorted(d, q_low);
    t.spurious = quantile_sorted(d, q_high);
    return t;
}

CensusIndex build_census_index(const Dbn& model, Matrix images, const std::vector<int>& labels, std::uint64_t seed, int sample,
                               int threads) {
    const int D = model.layers.empty() ? 0 : model.architecture().front();
    if (images.cols() != D)
        throw ArgumentError("training images have " + std::to_string(images.cols()) + " pixels but the model's visible layer has " +
                            std::to_string(D));
    if (labels.size() != static_cast<std::size_t>(images.rows())) throw ArgumentError("one label per training image is needed");
    CensusIndex ix;
    Matrix top = model.propagate_up(images);
    ix.top = NearestNeighbourIndex(std::move(top), kProjectedDims);
    ix.visible = NearestNeighbourIndex(std::move(images), kProjectedDims);
    ix.labels = labels;
    ix.threads = threads;
    ix.thresholds = census_thresholds(ix.visible, sample, seed, 0.05, 0.99, threads);
    return ix;
}

const char* to_string(CensusVerdict v) {
    switch (v) {
        case CensusVerdict::Memorised: return "memorised";
        case CensusVerdict::Novel: return "novel";
        case CensusVerdict::Spurious: return "spurious";
    }
    return "?";
}

CensusVerdict census_verdict(int state, int C, double d, const CensusThresholds& t) {
    if (state >= C || state < 0) return CensusVerdict::Spurious;
    if (d <= t.memorised) return CensusVerdict::Memorised;
    if (d > t.spurious) return CensusVerdict::Spurious;
    return CensusVerdict::Novel;
}

std::vector<RunCensus> attractor_census(const CensusIndex& ix, const Dbn& model, const std::vector<ChainRun>& runs,
                                        const Matrix& reps, int C) {
    if (reps.rows() != static_cast<Eigen::Index>(runs.size()))
        throw ArgumentError("the census needs one representative visible state per run");
    std::vector<RunCensus> out(runs.size());
    if (runs.empty() || ix.empty()) {
        for (std::size_t i = 0; i < runs.size(); ++i) out[i].run = runs[i];
        return out;
    }
    const auto nv = ix.visible.query(reps, {}, ix.threads);
    const auto nt = ix.top.query(model.propagate_up(reps), {}, ix.threads);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        RunCensus& r = out[i];
        r.run = runs[i];
        r.nearest = nv[i].index;
        r.nearest_label = r.nearest >= 0 ? ix.labels[static_cast<std::size_t>(r.nearest)] : -1;
        r.visible_distance = nv[i].distance;
        r.nearest_top = nt[i].index;
        r.top_distance = nt[i].distance;
        r.verdict = census_verdict(runs[i].run.label, C, r.visible_distance, ix.thresholds);
    }
    return out;
}

std::vector<std::array<double, 3>> verdict_time_fractions(const std::vector<RunCensus>& census, int chains) {
    std::vector<std::array<double, 3>> f(static_cast<std::size_t>(std::max(0, chains)), {0.0, 0.0, 0.0});
    std::vector<double> steps(f.size(), 0.0);
    for (const RunCensus& r : census) {
        const int c = r.run.chain;
        if (c < 0 || c >= chains) throw ArgumentError("census run of chain " + std::to_string(c) + " outside 0.." + std::to_string(chains - 1));
        f[static_cast<std::size_t>(c)][static_cast<std::size_t>(r.verdict)] += r.run.run.length;
        steps[static_cast<std::size_t>(c)] += r.run.run.length;
    }
    for (std::size_t c = 0; c < f.size(); ++c)
        if (steps[c] > 0)
            for (double& x : f[c]) x /= steps[c];
    return f;
}

}  // namespace topdown
