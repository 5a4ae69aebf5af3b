// Groups and leaves of projected points for the exact nearest-neighbour search (docs/METHODS.md §16.2).
//
// Why the answer is exact: for orthonormal projection rows P, |P(q - p)| <= |q - p|. The projections are
// computed in float, so the code (as the GEMM-based search before it) treats |Pq - Pp|^2 - m(q, p) as the
// lower bound of |q - p|^2, with the margin m(q, p) = 1e-4 (|Pq|^2 + |Pp|^2) + 1e-6, far above the float
// round-off of projections and sums. A point is measured exactly unless its bound exceeds the best squared
// distance found so far; a leaf (a ball of centre c and radius R in the projected space) is skipped
// only when (|Pq - c| - R)^2, lowered for round-off, minus the largest margin of its members exceeds it, as
// |Pq - Pp| >= |Pq - c| - R for every member. A float distance filters the exact measurements (relative
// error < 1e-5 against a 1e-4 allowance). Points at exactly the best distance are never skipped, so ties go
// to the lower row as in a full scan.
#include "analyze/projected_clusters.hpp"

#include <immintrin.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "analyze/squared_distance.hpp"

namespace topdown {

namespace {
constexpr std::size_t kLanes = 8;          // points per block (one AVX register)
constexpr std::size_t kHeadDims = 16;      // coordinates every point of a visited leaf is measured on
constexpr std::size_t kChunkDims = 8;      // coordinates per later chunk: the bound is checked after each
constexpr Eigen::Index kGroupPoints = 256; // k-means in two stages: groups of about this many points,
constexpr Eigen::Index kMaxGroups = 256;   // at most this many,
constexpr Eigen::Index kLeafPoints = 24;   // then leaves of about this many points (3 blocks)
constexpr int kKmeansIterations = 6;
constexpr float kFarAway = 1e15f;          // coordinate of padding points: never within reach
constexpr Eigen::Index kAssignBlock = 4096;

// Lloyd's k-means on the rows of x with `clusters` centres started at evenly spaced rows: the members of each
// non-empty cluster, in row order. Only the speed of the search depends on it.
std::vector<std::vector<int>> kmeans(const Matrix& x, int clusters) {
    const Eigen::Index n = x.rows();
    Matrix centres(clusters, x.cols());
    for (int c = 0; c < clusters; ++c) centres.row(c) = x.row(Eigen::Index(c) * n / clusters);
    std::vector<int> assign(static_cast<std::size_t>(n), 0);
    for (int it = 0; it < kKmeansIterations; ++it) {
        const Eigen::VectorXf cn = centres.rowwise().squaredNorm();
        for (Eigen::Index r0 = 0; r0 < n; r0 += kAssignBlock) {
            const Eigen::Index rb = std::min(kAssignBlock, n - r0);
            const Eigen::MatrixXf g = x.middleRows(r0, rb) * centres.transpose();
            for (Eigen::Index i = 0; i < rb; ++i) {
                Eigen::Index best;
                (cn.transpose() - 2.0f * g.row(i)).minCoeff(&best);
                assign[static_cast<std::size_t>(r0 + i)] = static_cast<int>(best);
            }
        }
        Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(clusters, x.cols());
        std::vector<int> count(static_cast<std::size_t>(clusters), 0);
        for (Eigen::Index i = 0; i < n; ++i) {
            sum.row(assign[static_cast<std::size_t>(i)]) += x.row(i).cast<double>();
            ++count[static_cast<std::size_t>(assign[static_cast<std::size_t>(i)])];
        }
        for (int c = 0; c < clusters; ++c)
            if (count[static_cast<std::size_t>(c)] > 0)
                centres.row(c) = (sum.row(c) / double(count[static_cast<std::size_t>(c)])).cast<float>();
    }
    std::vector<std::vector<int>> members(static_cast<std::size_t>(clusters));
    for (Eigen::Index i = 0; i < n; ++i) members[static_cast<std::size_t>(assign[static_cast<std::size_t>(i)])].push_back(int(i));
    members.erase(std::remove_if(members.begin(), members.end(), [](const auto& m) { return m.empty(); }), members.end());
    return members;
}

// Centre (float, the mean of the members), radius (largest distance of a member from the float centre, in
// double, raised for round-off) and largest squared member norm of the rows `members` of x.
struct Ball {
    Vector centre;
    double radius = 0, max_norm = 0;
};
Ball ball_of(const Matrix& x, const std::vector<int>& members) {
    Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(x.cols());
    for (int i : members) sum += x.row(i).cast<double>();
    Ball b;
    b.centre = (sum / double(members.size())).cast<float>();
    for (int i : members) {
        b.radius = std::max(b.radius, (x.row(i).cast<double>() - b.centre.cast<double>()).norm());
        b.max_norm = std::max(b.max_norm, x.row(i).cast<double>().squaredNorm());
    }
    b.radius = b.radius * (1 + 1e-9) + 1e-12;
    return b;
}

}  // namespace

// The state of one query.
struct ProjectedClusters::Search {
    const Matrix& points;
    const float* q;     // the query (d)
    const float* qp;    // its projection, padded with zeros to kHeadDims + tail_chunks_ * kChunkDims
    int skip;           // excluded row (-1: none)
    double qn;          // squared norm of the projection
    double best = std::numeric_limits<double>::infinity();
    int best_row = -1;
};

ProjectedClusters::ProjectedClusters(const Matrix& projected) {
    const Eigen::Index n = projected.rows();
    dims_ = static_cast<int>(projected.cols());
    tail_chunks_ = static_cast<int>((std::max<std::size_t>(static_cast<std::size_t>(dims_), kHeadDims) - kHeadDims + kChunkDims - 1) / kChunkDims);
    if (n == 0) return;
    // Leaves: k-means on the points, then k-means inside each of its clusters (two cheap stages).
    std::vector<std::vector<int>> leaves;
    for (const auto& members : kmeans(projected, static_cast<int>(std::clamp<Eigen::Index>(n / kGroupPoints, 1, kMaxGroups)))) {
        Matrix x(static_cast<Eigen::Index>(members.size()), projected.cols());
        for (std::size_t i = 0; i < members.size(); ++i) x.row(static_cast<Eigen::Index>(i)) = projected.row(members[i]);
        for (auto& leaf : kmeans(x, static_cast<int>((x.rows() + kLeafPoints - 1) / kLeafPoints))) {
            for (int& i : leaf) i = members[static_cast<std::size_t>(i)];
            leaves.push_back(std::move(leaf));
        }
    }
    const auto L = static_cast<Eigen::Index>(leaves.size());
    centres_.resize(L, dims_);
    radius_.resize(L);
    max_norm_.resize(L);
    for (Eigen::Index l = 0; l < L; ++l) {
        const Ball b = ball_of(projected, leaves[static_cast<std::size_t>(l)]);
        centres_.row(l) = b.centre;
        radius_(l) = b.radius;
        max_norm_(l) = b.max_norm;
    }
    centre_norms_ = centres_.rowwise().squaredNorm();
    build_blocks(projected, leaves);
}

void ProjectedClusters::build_blocks(const Matrix& projected, const std::vector<std::vector<int>>& leaves) {
    first_block_.assign(1, 0);
    for (const auto& leaf : leaves) first_block_.push_back(first_block_.back() + static_cast<int>((leaf.size() + kLanes - 1) / kLanes));
    const std::size_t blocks = static_cast<std::size_t>(first_block_.back()), tail_dims = std::size_t(tail_chunks_) * kChunkDims;
    head_.assign(blocks * kHeadDims * kLanes, kFarAway);
    tail_.assign(blocks * tail_dims * kLanes, kFarAway);
    block_margin_.assign(blocks * kLanes, 1e-6f);
    block_rows_.assign(blocks * kLanes, -1);
    for (std::size_t l = 0; l < leaves.size(); ++l)
        for (std::size_t j = 0; j < leaves[l].size(); ++j) {
            const std::size_t b = static_cast<std::size_t>(first_block_[l]) + j / kLanes, lane = j % kLanes;
            const auto p = projected.row(leaves[l][j]);
            auto coordinate = [&](std::size_t t) { return t < static_cast<std::size_t>(dims_) ? p(Eigen::Index(t)) : 0.0f; };
            for (std::size_t t = 0; t < kHeadDims; ++t) head_[(b * kHeadDims + t) * kLanes + lane] = coordinate(t);
            for (std::size_t t = 0; t < tail_dims; ++t) tail_[(b * tail_dims + t) * kLanes + lane] = coordinate(kHeadDims + t);
            block_margin_[b * kLanes + lane] = static_cast<float>(1e-4 * p.cast<double>().squaredNorm() + 1e-6);
            block_rows_[b * kLanes + lane] = leaves[l][j];
        }
}

NeighbourMatch ProjectedClusters::nearest(const Matrix& points, const float* query, const float* projected,
                                          const float* products, int skip, Scratch& sc) const {
    sc.query.assign(kHeadDims + std::size_t(tail_chunks_) * kChunkDims, 0.0f);
    std::copy(projected, projected + dims_, sc.query.begin());
    Search s{points, query, sc.query.data(), skip, Eigen::Map<const Eigen::RowVectorXf>(projected, dims_).cast<double>().squaredNorm()};
    // Per leaf, the squared centre distance |Pq|^2 + |c|^2 - 2 Pq.c from the float product, lowered by
    // 1e-5 (|Pq|^2 + |c|^2) (above its round-off); the leaf cannot hold a point within `best` when
    // (|Pq - c| - R)^2 minus the largest margin of its members exceeds it.
    const Eigen::Map<const Eigen::ArrayXf> prod(products, leaves());
    sc.squared = (static_cast<float>(s.qn) + centre_norms_.array()) - 2.0f * prod;
    sc.keys = ((sc.squared.cast<double>() - 1e-5 * (s.qn + centre_norms_.array().cast<double>())).max(0.0).sqrt() - radius_.array())
                  .max(0.0)
                  .square() -
              (1e-4 * (s.qn + max_norm_.array()) + 1e-6);
    // The leaf of the nearest centre first (the best distance falls at once), then every leaf in order.
    Eigen::Index first;
    sc.squared.minCoeff(&first);
    scan_leaf(s, static_cast<int>(first));
    for (Eigen::Index l = 0; l < leaves(); ++l)
        if (l != first && !(sc.keys(l) > s.best)) scan_leaf(s, static_cast<int>(l));
    NeighbourMatch m;
    m.index = s.best_row;
    m.distance = m.index >= 0 ? std::sqrt(s.best) : 0.0;
    return m;
}

void ProjectedClusters::scan_leaf(Search& s, int l) const {
    const std::size_t b0 = static_cast<std::size_t>(first_block_[static_cast<std::size_t>(l)]);
    const std::size_t b1 = static_cast<std::size_t>(first_block_[static_cast<std::size_t>(l) + 1]);
    // The head coordinates rule out most points; two blocks at a time keep two independent sums.
    alignas(32) float head[2][kLanes];
    std::size_t b = b0;
    for (; b + 2 <= b1; b += 2) {
        const float* blk = head_.data() + b * kHeadDims * kLanes;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
        for (std::size_t j = 0; j < kHeadDims; ++j) {
            const __m256 q = _mm256_broadcast_ss(s.qp + j);
            const __m256 t0 = _mm256_sub_ps(q, _mm256_loadu_ps(blk + j * kLanes));
            const __m256 t1 = _mm256_sub_ps(q, _mm256_loadu_ps(blk + (kHeadDims + j) * kLanes));
            a0 = _mm256_fmadd_ps(t0, t0, a0);
            a1 = _mm256_fmadd_ps(t1, t1, a1);
        }
        _mm256_store_ps(head[0], a0);
        _mm256_store_ps(head[1], a1);
        finish_block(s, b, head[0]);
        finish_block(s, b + 1, head[1]);
    }
    if (b < b1) {
        const float* blk = head_.data() + b * kHeadDims * kLanes;
        __m256 a0 = _mm256_setzero_ps();
        for (std::size_t j = 0; j < kHeadDims; ++j) {
            const __m256 t0 = _mm256_sub_ps(_mm256_broadcast_ss(s.qp + j), _mm256_loadu_ps(blk + j * kLanes));
            a0 = _mm256_fmadd_ps(t0, t0, a0);
        }
        _mm256_store_ps(head[0], a0);
        finish_block(s, b, head[0]);
    }
}

void ProjectedClusters::finish_block(Search& s, std::size_t b, const float* head) const {
    // Points whose projected distance minus their margin exceeds the best cannot win: never measured.
    const __m256 thr = _mm256_add_ps(_mm256_set1_ps(static_cast<float>(s.best * (1 + 1e-6)) + static_cast<float>(1e-4 * s.qn)),
                                     _mm256_loadu_ps(block_margin_.data() + b * kLanes));
    __m256 acc = _mm256_load_ps(head);
    int alive = _mm256_movemask_ps(_mm256_cmp_ps(acc, thr, _CMP_LE_OQ));
    for (std::size_t ch = 0; alive && ch < static_cast<std::size_t>(tail_chunks_); ++ch) {
        const float* blk = tail_.data() + ((b * std::size_t(tail_chunks_) + ch) * kChunkDims) * kLanes;
        const float* qc = s.qp + kHeadDims + ch * kChunkDims;
        __m256 part = _mm256_setzero_ps();
        for (std::size_t j = 0; j < kChunkDims; ++j) {
            const __m256 t = _mm256_sub_ps(_mm256_set1_ps(qc[j]), _mm256_loadu_ps(blk + j * kLanes));
            part = _mm256_fmadd_ps(t, t, part);
        }
        acc = _mm256_add_ps(acc, part);
        alive = _mm256_movemask_ps(_mm256_cmp_ps(acc, thr, _CMP_LE_OQ));
    }
    const Eigen::Index d = s.points.cols();
    for (; alive; alive &= alive - 1) {
        const int row = block_rows_[b * kLanes + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(alive)))];
        if (row < 0 || row == s.skip) continue;
        const float* p = s.points.row(row).data();
        // The float distance first: only points that can tie or win are measured in double.
        if (double(float_squared_distance(s.q, p, d)) * (1 - 1e-4) - 1e-6 > s.best) continue;
        const double e = exact_squared_distance(s.q, p, d);
        if (e < s.best || (e == s.best && row < s.best_row)) s.best = e, s.best_row = row;
    }
}

}  // namespace topdown
