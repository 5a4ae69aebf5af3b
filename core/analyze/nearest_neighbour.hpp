// Exact nearest-neighbour search (Euclidean) over a fixed set of points, e.g. a training set: squared norms
// precomputed once, distances of a block of queries to a block of points by one GEMM, the best candidates
// re-measured exactly in double precision (docs/METHODS.md §15.2).
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
    // Indexes the rows of `points` (n x d).
    explicit NearestNeighbourIndex(Matrix points);
    // The nearest indexed row of every row of `queries` (m x d); exclude[i] >= 0 skips that row for query i
    // (leave-one-out). Ties go to the lower index. Throws ArgumentError on a width mismatch.
    std::vector<NeighbourMatch> query(const Matrix& queries, const std::vector<int>& exclude = {}) const;
    // Number of indexed points.
    int size() const { return static_cast<int>(points_.rows()); }
    // Width of a point.
    int dims() const { return static_cast<int>(points_.cols()); }
    // The indexed points.
    const Matrix& points() const { return points_; }

private:
    Matrix points_;
    Eigen::VectorXf squared_norms_;
};

}  // namespace topdown
