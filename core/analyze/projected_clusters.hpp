// The pruned part of the exact nearest-neighbour search (docs/METHODS.md §16.2): points projected on their
// leading principal components and grouped by k-means into small leaves (balls in the projected space). A
// query visits the leaf of the nearest centre first, then skips every leaf whose ball lies farther than the
// best distance found so far, and inside a leaf measures exactly only the points whose projected distance (a
// lower bound of the true distance) does not exclude them. Every bound is lowered by a
// margin for float round-off, so the answer is the exact nearest point; only the time depends on the groups.
#pragma once
#include <cstddef>
#include <vector>

#include "math/matrix.hpp"

namespace topdown {

// The nearest point of one query.
struct NeighbourMatch {
    int index = -1;       // row of the indexed points (-1 when the index is empty)
    double distance = 0;  // Euclidean distance
};

class ProjectedClusters {
public:
    // Per-thread working memory of queries.
    struct Scratch {
        Eigen::ArrayXf squared;            // per leaf: squared distance of the projected query from the centre
        Eigen::ArrayXd keys;               // per leaf: lower bound of a member's squared distance minus margins
        std::vector<float> query;          // the projected query, padded with zeros
    };

    ProjectedClusters() = default;
    // Groups the rows of `projected` (n x k, the projections of the indexed points, in the same row order).
    explicit ProjectedClusters(const Matrix& projected);
    // The nearest row of `points` (the indexed points, n x d) to `query` (d floats), whose projection is
    // `projected` (k floats, computed as the indexed points' were); `products` holds the products of the
    // projection with the leaf centres (leaves() floats, a row of projected queries x centres()^T). Row `skip`
    // is left out (-1: none). Ties go to the lower row.
    NeighbourMatch nearest(const Matrix& points, const float* query, const float* projected, const float* products, int skip,
                           Scratch& scratch) const;
    // Leaf centres (leaves x k).
    const Matrix& centres() const { return centres_; }
    // Number of leaves.
    int leaves() const { return static_cast<int>(centres_.rows()); }

private:
    struct Search;
    void build_blocks(const Matrix& projected, const std::vector<std::vector<int>>& leaves);
    void scan_leaf(Search& s, int leaf) const;
    void finish_block(Search& s, std::size_t block, const float* head) const;
    int dims_ = 0;                        // k
    int tail_chunks_ = 0;                 // coordinate chunks of kChunkDims after the head (the last padded with zeros)
    Matrix centres_;                      // leaves x k: the mean of each leaf's points
    Eigen::ArrayXf centre_norms_;         // their squared norms
    Eigen::ArrayXd radius_;               // largest distance of a member from its centre (raised for round-off)
    Eigen::ArrayXd max_norm_;             // largest squared norm of a member
    std::vector<int> first_block_;        // leaves + 1 offsets into the blocks
    // A leaf's points in blocks of kLanes, padded with far-away points of row -1. The first kHeadDims
    // coordinates of a block lie together (head_[(b * kHeadDims + j) * kLanes + lane]): they rule out most
    // points. The rest follow in chunks of kChunkDims (tail_[((b * tail_chunks_ + ch) * kChunkDims + j) *
    // kLanes + lane]), zeros beyond k.
    std::vector<float> head_;
    std::vector<float> tail_;
    std::vector<float> block_margin_;     // per point: 1e-4 * squared norm + 1e-6 (round-off margin)
    std::vector<int> block_rows_;         // per point: indexed row (-1: padding)
};

}  // namespace topdown
