// Per-step statistics of an ensemble of chains (docs/METHODS.md §8.7): for every layer, the mean ± SEM of the chains'
// energies and the mean fraction of active units. The batch studies and the app's live ensemble both use
// this, so their curves agree to the last bit.
#pragma once
#include <vector>

#include "analyze/statistics.hpp"
#include "generate/chain_batch.hpp"

namespace topdown {

struct StepStatistics {
    std::vector<MeanSem> energy;     // per layer 1..L (index l-1): mean ± SEM over the chains
    std::vector<float> active_mean;  // per layer 1..L: mean over the chains of the fraction of active units
    Eigen::VectorXf top_active;      // per chain: the fraction of active top-layer units (mixing, METHODS §16.5)
};

// The statistics of the batch's last step (mean_sem over the rows of every energy column).
StepStatistics step_statistics(const ChainBatch& batch);

// Mean ± SEM of column `col` of a matrix (the rows are the samples), with mean_sem's formula.
MeanSem column_mean_sem(const Matrix& values, Eigen::Index col);

}  // namespace topdown
