// Attractor census (docs/METHODS.md §16.2-15.3): every visited state of a chain (a run of one label) matched
// to its nearest training image in visible space and in top-layer space, with a verdict (memorised, novel,
// spurious) against thresholds taken from the training set's own leave-one-out nearest-neighbour distances.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analyze/label_runs.hpp"
#include "analyze/nearest_neighbour.hpp"
#include "math/matrix.hpp"
#include "model/dbn.hpp"

namespace topdown {

// Distance thresholds of the verdicts: quantiles of the leave-one-out nearest-neighbour distances of a sample
// of training images (visible space).
struct CensusThresholds {
    double memorised = 0;         // at or below: memorised (the q_low quantile)
    double spurious = 0;          // above: spurious, far from every training image (the q_high quantile)
    double q_low = 0.05, q_high = 0.99;
    int sample = 0;               // training images in the sample
};

// The training set of a model prepared for the census: built once per model, then shared.
struct CensusIndex {
    NearestNeighbourIndex visible;  // training images
    NearestNeighbourIndex top;      // their top-layer codes (bottom-up probabilities through every layer)
    std::vector<int> labels;        // training labels
    CensusThresholds thresholds;
    int threads = 1;                // threads of the nearest-neighbour queries (0: all cores; same answers)
    // True when there is no training image.
    bool empty() const { return visible.size() == 0; }
};

// The thresholds from `sample` training images drawn without replacement with CounterRng(seed, 0) (all when
// fewer), each matched to its nearest other training image (on `threads` threads, 0: all cores). Throws
// ArgumentError for quantiles outside 0 <= q_low <= q_high <= 1 or fewer than 2 points.
CensusThresholds census_thresholds(const NearestNeighbourIndex& training, int sample, std::uint64_t seed, double q_low = 0.05,
                                   double q_high = 0.99, int threads = 1);

// Indexes `images` (N x D, labels N) of `model`'s training set: visible points, top-layer codes, thresholds;
// its queries run on `threads` threads (0: all cores; the answers do not depend on it). Throws ArgumentError
// when the widths or the label count do not match.
CensusIndex build_census_index(const Dbn& model, Matrix images, const std::vector<int>& labels, std::uint64_t seed,
                               int sample = 1000, int threads = 1);

enum class CensusVerdict { Memorised, Novel, Spurious };

// "memorised", "novel" or "spurious".
const char* to_string(CensusVerdict v);

// The verdict of a state: non-class (state == C) → spurious; distance <= memorised threshold → memorised;
// distance > spurious threshold → spurious; otherwise novel (docs/METHODS.md §16.3).
CensusVerdict census_verdict(int state, int num_classes, double visible_distance, const CensusThresholds& t);

// The census of one run.
struct RunCensus {
    ChainRun run;
    int nearest = -1;             // nearest training image in visible space
    int nearest_label = -1;       // its label
    double visible_distance = 0;  // Euclidean, visible space
    int nearest_top = -1;         // nearest training image in top-layer space
    double top_distance = 0;      // Euclidean, top-layer space
    CensusVerdict verdict = CensusVerdict::Spurious;
};

// The census of `runs`, one representative visible state per run in `representatives` (same order, e.g. the
// run's last step). Throws ArgumentError on a size mismatch.
std::vector<RunCensus> attractor_census(const CensusIndex& index, const Dbn& model, const std::vector<ChainRun>& runs,
                                        const Matrix& representatives, int num_classes);

// Per chain, the fraction of its steps in runs of each verdict (indexed by CensusVerdict): chains x 3.
std::vector<std::array<double, 3>> verdict_time_fractions(const std::vector<RunCensus>& census, int chains);

}  // namespace topdown
