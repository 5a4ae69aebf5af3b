// The attractor census of one study condition (docs/METHODS.md §16.3): every run of every chain matched to
// the training set, the run's last visible state as its representative.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analyze/attractor_census.hpp"
#include "experiment/study.hpp"

namespace topdown {

// The census index of a model's training set (the model's dataset, training split, from `data_dir`), thresholds
// from `sample` training images seeded with `seed`; its queries run on `threads` threads (0: all cores).
// Throws DataError when the dataset is missing.
CensusIndex model_census_index(const Dbn& model, const std::string& data_dir, std::uint64_t seed, int sample = 1000,
                               int threads = 1);

// The census of `r`'s runs; `visible` holds the condition's visible states step-major (row s * chains + c).
std::vector<RunCensus> condition_census(const CensusIndex& index, const Dbn& model, const ConditionResult& r, const Matrix& visible);

}  // namespace topdown
