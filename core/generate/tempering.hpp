// Parallel tempering of generation chains (docs/METHODS.md §6.5): beside every chain, replicas at a ladder
// of hotter temperatures run the normal step; after every S-th step adjacent replicas propose to exchange
// their network states, accepted with the Metropolis rule on the joint energy. Replica 0 (the chain's own
// temperature) is the recorded chain: it is the ChainBatch that owns the replicas.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "generate/tempering_spec.hpp"
#include "math/matrix.hpp"
#include "math/random.hpp"

namespace topdown {

class ChainBatch;
struct GenerationModel;

// Geometric ladder T_k = t_min·(t_max/t_min)^(k/(K−1)), k = 0..K−1 (T_0 = t_min, T_{K−1} = t_max).
std::vector<float> tempering_ladder(float t_min, float t_max, int replicas);

// Seed of the streams of hot replica k (1..K−1): splitmix64(seed ^ (0x74656d7065720000 + k)) ("temper" + k).
std::uint64_t tempering_replica_seed(std::uint64_t seed, int k);
// Seed of the swap draws: splitmix64(seed ^ 0x7377617073776170) ("swapswap"); chain i draws from stream i.
std::uint64_t tempering_swap_seed(std::uint64_t seed);

// Probability of accepting the exchange of the states of replicas i and j (inverse temperatures beta, joint
// energies e): min(1, exp((beta_i − beta_j)(e_i − e_j))).
double swap_acceptance(double beta_i, double beta_j, double e_i, double e_j);

// The Metropolis decision for a uniform draw u in [0, 1): accept when u < swap_acceptance(...).
bool swap_accepted(double beta_i, double beta_j, double e_i, double e_j, double u);

// Proposed and accepted exchanges per adjacent pair (k, k+1), summed over chains.
struct SwapStats {
    std::vector<std::int64_t> attempted, accepted;
    // accepted / attempted of pair k (0 before any attempt).
    double rate(int pair) const;
};

// The hot replicas of a ChainBatch and the swap moves.
class TemperingReplicas {
public:
    // Replicas 1..K−1 of the chains (seed, chain_indices) start from `initial_top` like the chain; replica k
    // uses the streams (seed_k, chain index) with seed_k = splitmix64(seed ^ tag_k), the swaps draw from
    // (seed_swap, chain index), so a chain's run does not depend on the other chains of the batch.
    TemperingReplicas(std::shared_ptr<const GenerationModel> model, const Matrix& initial_top, std::uint64_t seed,
                      const std::vector<std::uint64_t>& chain_indices, float t_chain, const TemperingSpec& spec);
    ~TemperingReplicas();

    // Called by the chain batch after its own step: steps every hot replica, then (every S-th step) proposes
    // the exchanges (0,1), (1,2), ..., (K−2,K−1) in turn for every chain.
    void after_step(ChainBatch& chain, int threads);
    // The temperatures T_0..T_{K−1}.
    const std::vector<float>& ladder() const { return ladder_; }
    // Swap counts so far.
    const SwapStats& stats() const { return stats_; }
    // Hot replica k (1..K−1).
    const ChainBatch& replica(int k) const;

private:
    std::vector<float> ladder_;
    int swap_every_;
    std::vector<std::unique_ptr<ChainBatch>> hot_;
    std::vector<CounterRng> swap_rng_;
    SwapStats stats_;
};

}  // namespace topdown
