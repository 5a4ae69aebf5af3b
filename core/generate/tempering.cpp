#include "generate/tempering.hpp"

#include <cmath>

#include "generate/chain_batch.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
constexpr std::uint64_t kReplicaTag = 0x74656d7065720000ULL;  // "temper" + replica index
constexpr std::uint64_t kSwapTag = 0x7377617073776170ULL;     // "swapswap"

double joint_energy(const ChainBatch& b, int row) {
    double e = 0;
    for (int l = 0; l < b.depth(); ++l) e += double(b.energies()(row, l));
    return e;
}
}  // namespace

std::uint64_t tempering_replica_seed(std::uint64_t seed, int k) { return splitmix64(seed ^ (kReplicaTag + std::uint64_t(k))); }
std::uint64_t tempering_swap_seed(std::uint64_t seed) { return splitmix64(seed ^ kSwapTag); }

std::vector<float> tempering_ladder(float t_min, float t_max, int replicas) {
    if (replicas < 2) throw ArgumentError("a tempering ladder needs at least 2 temperatures");
    std::vector<float> t(static_cast<std::size_t>(replicas));
    for (int k = 0; k < replicas; ++k)
        t[std::size_t(k)] = static_cast<float>(double(t_min) * std::pow(double(t_max) / double(t_min), double(k) / (replicas - 1)));
    t.back() = t_max;
    return t;
}

double swap_acceptance(double beta_i, double beta_j, double e_i, double e_j) {
    const double x = (beta_i - beta_j) * (e_i - e_j);
    return x >= 0 ? 1.0 : std::exp(x);
}

bool swap_accepted(double beta_i, double beta_j, double e_i, double e_j, double u) {
    return u < swap_acceptance(beta_i, beta_j, e_i, e_j);
}

double SwapStats::rate(int pair) const {
    const auto p = static_cast<std::size_t>(pair);
    return p < attempted.size() && attempted[p] > 0 ? double(accepted[p]) / double(attempted[p]) : 0.0;
}

TemperingReplicas::TemperingReplicas(std::shared_ptr<const GenerationModel> model, const Matrix& initial_top,
                                     std::uint64_t seed, const std::vector<std::uint64_t>& chain_indices, float t_chain,
                                     const TemperingSpec& spec)
    : ladder_(tempering_ladder(t_chain, spec.t_max, spec.replicas)), swap_every_(spec.swap_every) {
    for (int k = 1; k < spec.replicas; ++k) {
        TemperatureSchedule t;
        t.constant = ladder_[std::size_t(k)];
        hot_.push_back(std::make_unique<ChainBatch>(model, initial_top, tempering_replica_seed(seed, k),
                                                    chain_indices, t));
    }
    for (auto i : chain_indices) swap_rng_.emplace_back(tempering_swap_seed(seed), i);
    stats_.attempted.assign(std::size_t(spec.replicas - 1), 0);
    stats_.accepted.assign(std::size_t(spec.replicas - 1), 0);
}

TemperingReplicas::~TemperingReplicas() = default;

const ChainBatch& TemperingReplicas::replica(int k) const {
    if (k < 1 || k > static_cast<int>(hot_.size())) throw ArgumentError("tempering: replica out of range");
    return *hot_[std::size_t(k - 1)];
}

void TemperingReplicas::after_step(ChainBatch& chain, int threads) {
    for (auto& h : hot_) h->step(threads);
    if (chain.steps_done() % swap_every_ != 0) return;
    const int K = static_cast<int>(ladder_.size());
    auto batch = [&](int k) -> ChainBatch& { return k == 0 ? chain : *hot_[std::size_t(k - 1)]; };
    for (int r = 0; r < chain.size(); ++r)
        for (int k = 0; k + 1 < K; ++k) {
            ChainBatch& lo = batch(k);
            ChainBatch& hi = batch(k + 1);
            float u = 0;
            swap_rng_[std::size_t(r)].uniform(&u, 1);
            ++stats_.attempted[std::size_t(k)];
            if (swap_accepted(1.0 / ladder_[std::size_t(k)], 1.0 / ladder_[std::size_t(k + 1)], joint_energy(lo, r),
                              joint_energy(hi, r), u)) {
                lo.exchange_row(r, hi, r);
                ++stats_.accepted[std::size_t(k)];
            }
        }
}

}  // namespace topdown
