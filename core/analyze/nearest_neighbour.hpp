// Exact nearest-neighbour search (Euclidean) over a fixed set of points, e.g. a training set. Without
// pruning: squared norms precomputed once, distances of a block of queries to a block of points by one GEMM,
// the best candidates re-measured exactly in double precision. With pruning, the points are also kept
// projected on their leading principal components, grouped into balls (ProjectedClusters): projected
// distances are lower bounds of the true ones, so a query measures exactly only the few points those bounds
// do not exclude (still exact, far fewer flops; docs/METHODS.md §16.2).
#pragma once
#include <vector>

#include "analyze/projected_clusters.hpp"
#include "math/matrix.hpp"

namespace topdown {

class NearestNeighbourIndex {
public:
    NearestNeighbourIndex() = default;
    // Indexes the rows of `points` (n x d); projected_dims > 0 (and < d, with n > d) adds the pruning by
    // lower bounds on that many principal components (fitted on at most 5,000 evenly spaced rows).
    explicit NearestNeighbourIndex(Matrix points, int projected_dims = 0);
    // The nearest indexed row of every row of `queries` (m x d); exclude[i] >= 0 skips that row for query i
    // (leave-one-out). Ties go to the lower index. The pruned search runs on `threads` OpenMP threads (0: all
    // cores); the answers do not depend on it. Throws ArgumentError on a width mismatch.
    std::vector<NeighbourMatch> query(const Matrix& queries, const std::vector<int>& exclude = {}, int threads = 1) const;
    // Number of indexed points.
    int size() const { return static_cast<int>(points_.rows()); }
    // Width of a point.
    int dims() const { return static_cast<int>(points_.cols()); }
    // The indexed points.
    const Matrix& points() const { return points_; }
    // True when queries are pruned by projected lower bounds.
    bool pruned() const { return basis_.rows() > 0; }
    // The groups and leaves of the pruned search (empty without pruning).
    const ProjectedClusters& clusters() const { return clusters_; }

private:
    std::vector<NeighbourMatch> query_full(const Matrix& queries, const std::vector<int>& exclude) const;
    std::vector<NeighbourMatch> query_pruned(const Matrix& queries, const std::vector<int>& exclude, int threads) const;
    Matrix points_;
    Eigen::VectorXf squared_norms_;
    Matrix basis_;       // k x d orthonormal rows (empty: no pruning)
    Vector mean_;        // 1 x d
    ProjectedClusters clusters_;
};

}  // namespace topdown
