// Exact nearest-neighbour search (Euclidean) over a fixed set of points, e.g. a training set: squared norms
// precomputed once, distances of a block of queries to a block of points by one GEMM, the best candidates
// re-measured exactly in double precision. Optionally the points are also kept projected on their leading
// principal components: projected distances are lower bounds of the true ones, so a first pass finds a
// candidate and a second pass measures only the points whose bound is below it (still exact, far fewer
// flops; docs/METHODS.md §16.2).
#pragma once
#include <vector>

#include "math/matrix.hpp"

namespace topdown {

// The nearest point of one query.
struct NeighbourMatch {
    int index = -1;       // row of the indexed points (-1 when the index is empty)
    double distance = 0;  // Euclidean distance
};

class NearestNeighbourIndex {
public:
    NearestNeighbourIndex() = default;
    // Indexes the rows of `points` (n x d); projected_dims > 0 (and < d, with n > d) adds the pruning by
    // lower bounds on that many principal components (fitted on at most 5,000 evenly spaced rows).
    explicit NearestNeighbourIndex(Matrix points, int projected_dims = 0);
    // The nearest indexed row of every row of `queries` (m x d); exclude[i] >= 0 skips that row for query i
    // (leave-one-out). Ties go to the lower index. Throws ArgumentError on a width mismatch.
    std::vector<NeighbourMatch> query(const Matrix& queries, const std::vector<int>& exclude = {}) const;
    // Number of indexed points.
    int size() const { return static_cast<int>(points_.rows()); }
    // Width of a point.
    int dims() const { return static_cast<int>(points_.cols()); }
    // The indexed points.
    const Matrix& points() const { return points_; }
    // True when queries are pruned by projected lower bounds.
    bool pruned() const { return basis_.rows() > 0; }

private:
    std::vector<NeighbourMatch> query_full(const Matrix& queries, const std::vector<int>& exclude) const;
    std::vector<NeighbourMatch> query_pruned(const Matrix& queries, const std::vector<int>& exclude) const;
    Matrix points_;
    Eigen::VectorXf squared_norms_;
    Matrix basis_;       // k x d orthonormal rows (empty: no pruning)
    Vector mean_;        // 1 x d
    Matrix projected_;   // n x k
    Eigen::VectorXf projected_norms_;
};

}  // namespace topdown
