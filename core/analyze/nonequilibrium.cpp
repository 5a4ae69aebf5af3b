// Flux, detailed balance, cycle currents, entropy production, bootstrap (docs/METHODS.md §16.4).
#include "analyze/nonequilibrium.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "math/random.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
// Regularised upper incomplete gamma Q(a, x) (series below a + 1, Lentz's continued fraction above).
double gamma_q(double a, double x) {
    if (x <= 0) return 1.0;
    const double lg = std::lgamma(a);
    if (x < a + 1) {
        double sum = 1.0 / a, term = sum, ap = a;
        for (int n = 0; n < 1000; ++n) {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (std::abs(term) < std::abs(sum) * 1e-15) break;
        }
        return std::max(0.0, 1.0 - sum * std::exp(-x + a * std::log(x) - lg));
    }
    const double tiny = 1e-300;
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 1000; ++i) {
        const double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (std::abs(d) < tiny) d = tiny;
        c = b + an / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1 / d;
        const double del = d * c;
        h *= del;
        if (std::abs(del - 1) < 1e-15) break;
    }
    return std::exp(-x + a * std::log(x) - lg) * h;
}

// Everything but Bowker's test from the joint probabilities p_ij = pi_i P_ij.
FluxAnalysis from_joint(const Eigen::MatrixXd& p) {
    FluxAnalysis f;
    const Eigen::Index n = p.rows();
    f.flux = p - p.transpose();
    double net = 0;
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j) {
            f.traffic += p(i, j) + p(j, i);
            net += std::abs(f.flux(i, j));
            if (p(i, j) > 0 && p(j, i) > 0)
                f.entropy_production += f.flux(i, j) * std::log(p(i, j) / p(j, i));  // = 1/2 of the (i,j) + (j,i) terms
            else if (p(i, j) > 0 || p(j, i) > 0)
                ++f.one_way_pairs;
        }
    f.asymmetry = f.traffic > 0 ? net / f.traffic : 0.0;
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j)
            for (Eigen::Index k = j + 1; k < n; ++k) {
                CycleCurrent c{int(i), int(j), int(k), (f.flux(i, j) + f.flux(j, k) + f.flux(k, i)) / 3.0, 0.0, false};
                if (c.current == 0) continue;
                const double fw = p(i, j) * p(j, k) * p(k, i), bw = p(i, k) * p(k, j) * p(j, i);
                c.affinity_finite = fw > 0 && bw > 0;
                if (c.affinity_finite) c.affinity = std::log(fw / bw);
                f.cycles.push_back(c);
            }
    std::stable_sort(f.cycles.begin(), f.cycles.end(),
                     [](const CycleCurrent& a, const CycleCurrent& b) { return std::abs(a.current) > std::abs(b.current); });
    return f;
}

// The (1 - level)/2 .. (1 + level)/2 percentile interval of `v` (sorted in place).
void percentile_interval(std::vector<double>& v, double level, BootstrapInterval& out) {
    std::sort(v.begin(), v.end());
    auto at = [&](double q) {
        const double pos = q * double(v.size() - 1);
        const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
        const std::size_t hi = std::min(lo + 1, v.size() - 1);
        return v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
    };
    out.lo = at((1 - level) / 2);
    out.hi = at((1 + level) / 2);
    out.replicates = static_cast<int>(v.size());
}
}  // namespace

double chi_square_survival(double x, int df) { return df <= 0 ? 1.0 : gamma_q(0.5 * df, 0.5 * x); }

FluxAnalysis flux_analysis(const Eigen::VectorXd& pi, const Eigen::MatrixXd& P) {
    if (P.rows() != P.cols() || pi.size() != P.rows()) throw ArgumentError("flux analysis needs a square P and one pi per state");
    return from_joint(pi.asDiagonal() * P);
}

FluxAnalysis flux_analysis(const TransitionCounts& counts) {
    const Eigen::MatrixXd& n = counts.counts();
    const double total = n.sum();
    FluxAnalysis f = from_joint(total > 0 ? Eigen::MatrixXd(n / total) : Eigen::MatrixXd(Eigen::MatrixXd::Zero(n.rows(), n.cols())));
    for (Eigen::Index i = 0; i < n.rows(); ++i)
        for (Eigen::Index j = i + 1; j < n.cols(); ++j) {
            const double s = n(i, j) + n(j, i);
            if (s <= 0) continue;
            f.bowker_chi2 += (n(i, j) - n(j, i)) * (n(i, j) - n(j, i)) / s;
            ++f.bowker_df;
        }
    f.bowker_p = chi_square_survival(f.bowker_chi2, f.bowker_df);
    return f;
}

NonequilibriumIntervals bootstrap_nonequilibrium(const std::vector<TransitionCounts>& per_chain, int replicates, std::uint64_t seed,
                                                 double level) {
    if (per_chain.empty()) throw ArgumentError("the bootstrap needs at least one chain");
    if (!(level > 0 && level < 1)) throw ArgumentError("the confidence level must be between 0 and 1");
    TransitionCounts all(per_chain[0].num_classes());
    for (const auto& c : per_chain) all.merge(c);
    const FluxAnalysis f = flux_analysis(all);
    NonequilibriumIntervals out;
    out.entropy_production.estimate = f.entropy_production;
    out.asymmetry.estimate = f.asymmetry;
    if (replicates <= 0) return out;
    std::vector<double> sigma, asym;
    const auto n = static_cast<std::uint64_t>(per_chain.size());
    for (int b = 0; b < replicates; ++b) {
        CounterRng rng(seed, static_cast<std::uint64_t>(b));
        TransitionCounts r(per_chain[0].num_classes());
        for (std::uint64_t i = 0; i < n; ++i) r.merge(per_chain[static_cast<std::size_t>(rng.below(n))]);
        const FluxAnalysis fb = flux_analysis(r);
        sigma.push_back(fb.entropy_production);
        asym.push_back(fb.asymmetry);
    }
    percentile_interval(sigma, level, out.entropy_production);
    percentile_interval(asym, level, out.asymmetry);
    return out;
}

}  // namespace topdown
