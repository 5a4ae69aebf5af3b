// "Concatenated hidden means": the mean over an ensemble's chains of every hidden layer's state, layer 1
// first, as one row. The studies store it per step, the PCA basis is fitted on it (label trajectories), and
// the app projects it live.
#pragma once
#include "generate/chain_batch.hpp"
#include "generate/generation_model.hpp"
#include "math/matrix.hpp"
#include "model/dbn.hpp"

namespace topdown {

// Number of hidden units of all layers together (n_1 + ... + n_L).
int hidden_unit_count(const GenerationModel& model);
// The same for a model file's stack.
int hidden_unit_count(const Dbn& model);

// 1 x (n_1 + ... + n_L): the chain-mean of each hidden layer's current state, layers 1..L concatenated.
Matrix concatenated_hidden_means(const ChainBatch& batch);

}  // namespace topdown
