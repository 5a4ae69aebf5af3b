// Exact nearest-neighbour search: blocked GEMM, or projected lower bounds (docs/METHODS.md §16.2).
#include "analyze/nearest_neighbour.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>

#include "analyze/pca.hpp"
#include "analyze/squared_distance.hpp"
#include "util/errors.hpp"
#include "util/parallel_parts.hpp"
#include "util/threads.hpp"

namespace topdown {

namespace {
constexpr Eigen::Index kQueryBlock = 256;
constexpr Eigen::Index kPointBlock = 4096;
constexpr int kCandidates = 4;  // re-measured exactly: float round-off cannot change the winner unless 4 tie
constexpr Eigen::Index kQueryChunk = 8;  // queries a thread takes at a time in the pruned search

// The best kCandidates (approximate squared distance, index) of one query, kept sorted.
struct Candidates {
    std::array<float, kCandidates> d;
    std::array<int, kCandidates> i;
    Candidates() {
        d.fill(std::numeric_limits<float>::infinity());
        i.fill(-1);
    }
    void offer(float dist, int index) {
        if (!(dist < d[kCandidates - 1])) return;
        int k = kCandidates - 1;
        while (k > 0 && dist < d[static_cast<std::size_t>(k - 1)]) {
            d[static_cast<std::size_t>(k)] = d[static_cast<std::size_t>(k - 1)];
            i[static_cast<std::size_t>(k)] = i[static_cast<std::size_t>(k - 1)];
            --k;
        }
        d[static_cast<std::size_t>(k)] = dist;
        i[static_cast<std::size_t>(k)] = index;
    }
};

}  // namespace

NearestNeighbourIndex::NearestNeighbourIndex(Matrix points, int k) : points_(std::move(points)) {
    squared_norms_ = points_.rowwise().squaredNorm();
    const Eigen::Index n = points_.rows(), d = points_.cols();
    if (k <= 0 || k >= d || n <= d) return;
    const Eigen::Index m = std::min<Eigen::Index>(n, 5000), stride = n / m;
    Matrix sample(m, d);
    for (Eigen::Index i = 0; i < m; ++i) sample.row(i) = points_.row(i * stride);
    const PcaBasis b = fit_pca(sample, k);
    basis_ = b.components;
    for (Eigen::Index i = 0; i < basis_.rows(); ++i) basis_.row(i).normalize();
    mean_ = b.mean;
    Matrix projected(n, basis_.rows());
    for (Eigen::Index r0 = 0; r0 < n; r0 += kPointBlock) {  // in blocks: no n x d temporary
        const Eigen::Index rb = std::min(kPointBlock, n - r0);
        projected.middleRows(r0, rb) = (points_.middleRows(r0, rb).rowwise() - mean_) * basis_.transpose();
    }
    clusters_ = ProjectedClusters(projected);
}

std::vector<NeighbourMatch> NearestNeighbourIndex::query(const Matrix& q, const std::vector<int>& exclude, int threads) const {
    if (q.rows() > 0 && points_.rows() > 0 && q.cols() != points_.cols())
        throw ArgumentError("nearest-neighbour query of width " + std::to_string(q.cols()) + " on points of width " +
                            std::to_string(points_.cols()));
    if (!exclude.empty() && exclude.size() != static_cast<std::size_t>(q.rows()))
        throw ArgumentError("exclude must have one entry per query");
    if (points_.rows() == 0 || q.rows() == 0) return std::vector<NeighbourMatch>(static_cast<std::size_t>(q.rows()));
    return pruned() ? query_pruned(q, exclude, threads) : query_full(q, exclude);
}

std::vector<NeighbourMatch> NearestNeighbourIndex::query_pruned(const Matrix& q, const std::vector<int>& exclude, int threads) const {
    std::vector<NeighbourMatch> out(static_cast<std::size_t>(q.rows()));
    const Matrix qp = (q.rowwise() - mean_) * basis_.transpose();
    const Matrix products = qp * clusters_.centres().transpose();  // queries x groups
    // Queries are independent: each thread takes the next chunk of queries; the answers do not depend on who.
    const Eigen::Index chunks = (q.rows() + kQueryChunk - 1) / kQueryChunk;
    const int parts = static_cast<int>(std::min<Eigen::Index>(chunks, threads > 0 ? threads : max_threads()));
    std::atomic<Eigen::Index> next{0};
    run_parts(static_cast<std::size_t>(std::max(1, parts)), [&](std::size_t) {
        ProjectedClusters::Scratch scratch;
        for (Eigen::Index c = next++; c < chunks; c = next++)
            for (Eigen::Index i = c * kQueryChunk; i < std::min(q.rows(), (c + 1) * kQueryChunk); ++i)
                out[static_cast<std::size_t>(i)] =
                    clusters_.nearest(points_, q.row(i).data(), qp.row(i).data(), products.row(i).data(),
                                      exclude.empty() ? -1 : exclude[static_cast<std::size_t>(i)], scratch);
    });
    return out;
}

std::vector<NeighbourMatch> NearestNeighbourIndex::query_full(const Matrix& q, const std::vector<int>& exclude) const {
    std::vector<NeighbourMatch> out(static_cast<std::size_t>(q.rows()));
    const Eigen::VectorXf qn = q.rowwise().squaredNorm();
    for (Eigen::Index q0 = 0; q0 < q.rows(); q0 += kQueryBlock) {
        const Eigen::Index qb = std::min(kQueryBlock, q.rows() - q0);
        std::vector<Candidates> cand(static_cast<std::size_t>(qb));
        for (Eigen::Index p0 = 0; p0 < points_.rows(); p0 += kPointBlock) {
            const Eigen::Index pb = std::min(kPointBlock, points_.rows() - p0);
            const Eigen::MatrixXf g = q.middleRows(q0, qb) * points_.middleRows(p0, pb).transpose();
            for (Eigen::Index a = 0; a < qb; ++a) {
                const int skip = exclude.empty() ? -1 : exclude[static_cast<std::size_t>(q0 + a)];
                Candidates& c = cand[static_cast<std::size_t>(a)];
                for (Eigen::Index b = 0; b < pb; ++b) {
                    if (int(p0 + b) == skip) continue;
                    c.offer(qn(q0 + a) + squared_norms_(p0 + b) - 2.0f * g(a, b), int(p0 + b));
                }
            }
        }
        for (Eigen::Index a = 0; a < qb; ++a) {
            NeighbourMatch best;
            double best_d = std::numeric_limits<double>::infinity();
            for (int k = 0; k < kCandidates; ++k) {
                const int idx = cand[static_cast<std::size_t>(a)].i[static_cast<std::size_t>(k)];
                if (idx < 0) continue;
                const double d = exact_squared_distance(q.row(q0 + a).data(), points_.row(idx).data(), q.cols());
                if (d < best_d || (d == best_d && idx < best.index)) {
                    best_d = d;
                    best.index = idx;
                }
            }
            best.distance = best.index >= 0 ? std::sqrt(best_d) : 0.0;
            out[static_cast<std::size_t>(q0 + a)] = best;
        }
    }
    return out;
}

}  // namespace topdown
