#include "generate/chain_batch.hpp"

#include <algorithm>
#include <cmath>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "math/fast_sigmoid.hpp"
#include "generate/tempering.hpp"
#include "math/fixed_order_gemm.hpp"
#include "util/errors.hpp"
#include "util/parallel_parts.hpp"

namespace topdown {

ChainBatch::ChainBatch(std::shared_ptr<const GenerationModel> model, const Matrix& initial_top, std::uint64_t seed,
                       std::vector<std::uint64_t> chain_indices, TemperatureSchedule temperature)
    : model_(std::move(model)), rows_(chain_indices.size()), temperature_(std::move(temperature)) {
    if (!model_) throw ArgumentError("ChainBatch: no model");
    temperature_.validate();
    if (static_cast<std::size_t>(initial_top.rows()) != rows_ || initial_top.cols() != model_->top_size())
        throw ArgumentError("ChainBatch: initial states must be " + std::to_string(rows_) + " x " +
                            std::to_string(model_->top_size()));
    if (!all_finite(initial_top.data(), static_cast<std::size_t>(initial_top.size())))
        throw ArgumentError("ChainBatch: initial states contain NaN or Inf");
    for (auto i : chain_indices) rngs_.emplace_back(seed, i);
    const auto& sizes = model_->sizes;
    for (int s : sizes) {
        states_.push_back(Matrix::Zero(static_cast<Eigen::Index>(rows_), s));
        pre_.push_back(Matrix::Zero(static_cast<Eigen::Index>(rows_), s));
    }
    states_.back() = initial_top;
    energies_ = Matrix::Zero(static_cast<Eigen::Index>(rows_), model_->depth());
    if (temperature_.tempering)
        tempering_ = std::make_unique<TemperingReplicas>(model_, initial_top, seed, chain_indices, temperature_.constant,
                                                         *temperature_.tempering);
}

ChainBatch::~ChainBatch() = default;
ChainBatch::ChainBatch(ChainBatch&&) noexcept = default;
ChainBatch& ChainBatch::operator=(ChainBatch&&) noexcept = default;

void ChainBatch::bottom_up(std::size_t r0, std::size_t r1, float scale) {
    const int L = model_->depth();
    const std::size_t n = r1 - r0;
    for (int l = 1; l <= L; ++l) {
        const auto& layer = model_->layers[static_cast<std::size_t>(l - 1)];
        const Matrix& below = states_[static_cast<std::size_t>(l - 1)];
        Matrix& z = pre_[static_cast<std::size_t>(l)];
        Matrix& s = states_[static_cast<std::size_t>(l)];
        const std::size_t nin = static_cast<std::size_t>(below.cols()), nout = static_cast<std::size_t>(s.cols());
        fixed_order_affine(below.data() + r0 * nin, n, nin, nin, layer.W_up.data(), nout, layer.b.data(),
                           z.data() + r0 * nout, nout);
        for (std::size_t r = r0; r < r1; ++r) {
            float* zr = z.data() + r * nout;
            fast_sigmoid(zr, nout, scale);
            rngs_[r].bernoulli(zr, s.data() + r * nout, nout);
        }
    }
}

void ChainBatch::top_down(std::size_t r0, std::size_t r1, float scale) {
    const int L = model_->depth();
    const std::size_t n = r1 - r0;
    for (int l = L; l >= 1; --l) {
        const auto& layer = model_->layers[static_cast<std::size_t>(l - 1)];
        const Matrix& upper = states_[static_cast<std::size_t>(l)];
        Matrix& z = pre_[static_cast<std::size_t>(l - 1)];
        Matrix& lower = states_[static_cast<std::size_t>(l - 1)];
        const std::size_t nu = static_cast<std::size_t>(upper.cols()), nl = static_cast<std::size_t>(lower.cols());
        fixed_order_affine(upper.data() + r0 * nu, n, nu, nu, layer.W_down.data(), nl, layer.a.data(),
                           z.data() + r0 * nl, nl);
        for (std::size_t r = r0; r < r1; ++r) {
            float* zr = z.data() + r * nl;
            float* low = lower.data() + r * nl;
            // The probabilities first go to `low` (visible layer keeps them; hidden layers are sampled).
            std::copy(zr, zr + nl, low);
            fast_sigmoid(low, nl, scale);
            if (l - 1 >= 1) rngs_[r].bernoulli(low, low, nl);
        }
    }
    if (!clamp_.empty())
        for (std::size_t r = r0; r < r1; ++r) clamp_.apply(states_[0].data() + r * std::size_t(states_[0].cols()));
    // Energies E_l = −x W hᵀ − a·x − b·h = −x·(h Wᵀ + a) − b·h, with the pre-activations just computed.
    for (int l = 1; l <= L; ++l) {
        const auto& layer = model_->layers[static_cast<std::size_t>(l - 1)];
        add_energies(states_[static_cast<std::size_t>(l - 1)], pre_[static_cast<std::size_t>(l - 1)],
                     states_[static_cast<std::size_t>(l)], layer.b.data(), r0, r1, l - 1);
    }
}

// Issue 21: the double sums are latency-bound when a row is summed alone (one dependent add per element);
// rows are independent chains, so kRows rows are summed side by side. Each row still adds its terms in
// increasing j, and a product of two floats is exact in double, so every energy keeps its bits.
void ChainBatch::add_energies(const Matrix& x, const Matrix& z, const Matrix& h, const float* b, std::size_t r0,
                              std::size_t r1, int col) {
    constexpr std::size_t kRows = 8;
    const std::size_t nx = static_cast<std::size_t>(x.cols()), nh = static_cast<std::size_t>(h.cols());
    for (std::size_t r = r0; r < r1; r += kRows) {
        const std::size_t m = std::min(kRows, r1 - r);
        double xz[kRows] = {}, bh[kRows] = {};
        const float* xr = x.data() + r * nx;
        const float* zr = z.data() + r * nx;
        const float* hr = h.data() + r * nh;
        if (m == kRows) {
            for (std::size_t j = 0; j < nx; ++j)
                for (std::size_t i = 0; i < kRows; ++i) xz[i] += double(xr[i * nx + j]) * zr[i * nx + j];
            for (std::size_t j = 0; j < nh; ++j)
                for (std::size_t i = 0; i < kRows; ++i) bh[i] += double(b[j]) * hr[i * nh + j];
        } else {
            // Fewer than kRows rows (one chain alone): a single dependent chain of adds, so terms that are
            // exactly ±0 are skipped (x = 0 or h = 0 with a finite factor): adding ±0 to a sum that starts at
            // +0 never changes it, so the bits are the same and sparse layers cost a fraction.
            for (std::size_t i = 0; i < m; ++i) {
                for (std::size_t j = 0; j < nx; ++j) {
                    const float xv = xr[i * nx + j], zv = zr[i * nx + j];
                    if (xv != 0.0f || !std::isfinite(zv)) xz[i] += double(xv) * zv;
                }
                for (std::size_t j = 0; j < nh; ++j) {
                    const float hv = hr[i * nh + j];
                    if (hv != 0.0f || !std::isfinite(b[j])) bh[i] += double(b[j]) * hv;
                }
            }
        }
        for (std::size_t i = 0; i < m; ++i) energies_(static_cast<Eigen::Index>(r + i), col) = static_cast<float>(-xz[i] - bh[i]);
    }
}

void ChainBatch::step(int threads) {
    const int s = steps_done_ + 1;
    const float scale = 1.0f / temperature_.at(s);
    // Rows are split into one contiguous part per thread (a multiple of the kernel's 6-row tile), so each
    // kernel call covers many rows and reuses every block of W across them. A row's result does not depend
    // on the split (fixed-order kernels, one random stream per row).
    int nt = 1;
#ifdef _OPENMP
    nt = threads > 0 ? threads : omp_get_max_threads();
#else
    (void)threads;
#endif
    const std::size_t min_rows = 12;
    const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>(std::size_t(nt), rows_ / min_rows));
    const std::size_t per = ((rows_ + parts - 1) / parts + 5) / 6 * 6;
    auto run = [&](std::size_t p) {
        const std::size_t r0 = std::min(rows_, p * per), r1 = std::min(rows_, r0 + per);
        if (r0 >= r1) return;
        if (s > 1) bottom_up(r0, r1, scale);
        top_down(r0, r1, scale);
    };
    // An exception inside a part (std::bad_alloc from a kernel's index buffers) is caught inside the parallel
    // region and rethrown here, after every part has finished, instead of reaching std::terminate.
    run_parts(parts, run);
    steps_done_ = s;
    if (tempering_) tempering_->after_step(*this, threads);
}

Eigen::VectorXf ChainBatch::active_fraction(int layer) const {
    if (layer < 1 || layer > depth()) throw ArgumentError("active_fraction: layer out of range");
    return states_[static_cast<std::size_t>(layer)].rowwise().mean();
}

void ChainBatch::restore(int row, const float* visible, std::uint64_t rng_position, int steps_done) {
    if (row < 0 || static_cast<std::size_t>(row) >= rows_) throw ArgumentError("restore: row out of range");
    Matrix& v = states_[0];
    std::copy(visible, visible + v.cols(), v.data() + std::size_t(row) * std::size_t(v.cols()));
    rngs_[static_cast<std::size_t>(row)].seek(rng_position);
    steps_done_ = steps_done;
}

void ChainBatch::exchange_row(int row, ChainBatch& other, int other_row) {
    if (row < 0 || std::size_t(row) >= rows_ || other_row < 0 || std::size_t(other_row) >= other.rows_ ||
        states_.size() != other.states_.size() || energies_.cols() != other.energies_.cols())
        throw ArgumentError("exchange_row: rows or shapes do not match");
    for (std::size_t l = 0; l < states_.size(); ++l) {
        if (states_[l].cols() != other.states_[l].cols()) throw ArgumentError("exchange_row: layer sizes differ");
        states_[l].row(row).swap(other.states_[l].row(other_row));
    }
    energies_.row(row).swap(other.energies_.row(other_row));
}

void ChainBatch::set_visible_clamp(VisibleClamp clamp) {
    for (int p : clamp.pixels)
        if (p < 0 || p >= model_->visible_size()) throw ArgumentError("set_visible_clamp: pixel index out of range");
    if (clamp.values.size() != clamp.pixels.size()) throw ArgumentError("set_visible_clamp: one value per pixel");
    clamp_ = std::move(clamp);
}

}  // namespace topdown
