// Student's t through the regularized incomplete beta function (continued fraction, modified Lentz).
#include "sweep/sweep_stats.hpp"

#include <cmath>
#include <limits>

#include "util/errors.hpp"

namespace topdown {

namespace {
// Continued fraction of the incomplete beta function (converges for x < (a + 1) / (a + b + 2)).
double beta_cf(double a, double b, double x) {
    const double tiny = 1e-300, eps = 1e-15;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    if (std::fabs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 1000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        d = 1 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        d = 1 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1 / d;
        const double del = d * c;
        h *= del;
        if (std::fabs(del - 1) < eps) break;
    }
    return h;
}

// Regularized incomplete beta I_x(a, b).
double incomplete_beta(double a, double b, double x) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const double lbt = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    if (x < (a + 1) / (a + b + 2)) return std::exp(lbt) * beta_cf(a, b, x) / a;
    return 1 - std::exp(lbt) * beta_cf(b, a, 1 - x) / b;
}
}  // namespace

double student_t_cdf(double t, double dof) {
    const double x = dof / (dof + t * t);
    const double tail = 0.5 * incomplete_beta(dof / 2, 0.5, x);
    return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double dof) {
    if (!(p > 0 && p < 1) || !(dof > 0)) throw ArgumentError("Student's t quantile needs 0 < p < 1 and dof > 0");
    if (p == 0.5) return 0;
    if (p < 0.5) return -student_t_quantile(1 - p, dof);
    double lo = 0, hi = 1;
    while (student_t_cdf(hi, dof) < p) hi *= 2;  // dof 1, p 0.9999999: still a few dozen doublings
    for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
        const double mid = 0.5 * (lo + hi);
        (student_t_cdf(mid, dof) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

SeedStats seed_stats(const std::vector<double>& v) {
    SeedStats s;
    s.n = int(v.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (v.empty()) {
        s.mean = s.sd = s.ci_low = s.ci_high = nan;
        return s;
    }
    double sum = 0;
    for (double x : v) sum += x;
    s.mean = sum / s.n;
    if (s.n < 2) {
        s.ci_low = s.ci_high = nan;
        return s;
    }
    double ss = 0;
    for (double x : v) ss += (x - s.mean) * (x - s.mean);
    s.sd = std::sqrt(ss / (s.n - 1));
    const double half = student_t_quantile(0.975, s.n - 1) * s.sd / std::sqrt(double(s.n));
    s.ci_low = s.mean - half;
    s.ci_high = s.mean + half;
    return s;
}

}  // namespace topdown
