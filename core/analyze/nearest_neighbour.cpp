// Exact nearest-neighbour search by blocked GEMM (docs/METHODS.md §15.2).
#include "analyze/nearest_neighbour.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "util/errors.hpp"

namespace topdown {

namespace {
constexpr Eigen::Index kQueryBlock = 256;
constexpr Eigen::Index kPointBlock = 4096;
constexpr int kCandidates = 4;  // re-measured exactly: float round-off cannot change the winner unless 4 tie

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

double exact_squared(const float* a, const float* b, Eigen::Index n) {
    double s = 0;
    for (Eigen::Index k = 0; k < n; ++k) {
        const double t = double(a[k]) - double(b[k]);
        s += t * t;
    }
    return s;
}
}  // namespace

NearestNeighbourIndex::NearestNeighbourIndex(Matrix points) : points_(std::move(points)) {
    squared_norms_ = points_.rowwise().squaredNorm();
}

std::vector<NeighbourMatch> NearestNeighbourIndex::query(const Matrix& q, const std::vector<int>& exclude) const {
    std::vector<NeighbourMatch> out(static_cast<std::size_t>(q.rows()));
    if (points_.rows() == 0 || q.rows() == 0) return out;
    if (q.cols() != points_.cols())
        throw ArgumentError("nearest-neighbour query of width " + std::to_string(q.cols()) + " on points of width " +
                            std::to_string(points_.cols()));
    if (!exclude.empty() && exclude.size() != out.size()) throw ArgumentError("exclude must have one entry per query");
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
                const double d = exact_squared(q.row(q0 + a).data(), points_.row(idx).data(), q.cols());
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
