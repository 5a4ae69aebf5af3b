// Statistics across seeds for `sweep collect`: mean, sample standard deviation and the 95 % confidence
// interval of the mean from Student's t distribution (n - 1 degrees of freedom).
#pragma once
#include <vector>

namespace topdown {

struct SeedStats {
    int n = 0;
    double mean = 0;
    double sd = 0;                       // sample standard deviation (n - 1); 0 for n < 2
    double ci_low = 0, ci_high = 0;      // mean -/+ t(0.975, n-1) sd / sqrt(n); NaN for n < 2
};

// Mean, SD and 95 % CI of `values` (empty: n = 0, NaN everywhere).
SeedStats seed_stats(const std::vector<double>& values);

// Student's t cumulative distribution function with `dof` degrees of freedom.
double student_t_cdf(double t, double dof);

// The p-quantile of Student's t (0 < p < 1) with `dof` > 0 degrees of freedom. Throws ArgumentError otherwise.
double student_t_quantile(double p, double dof);

}  // namespace topdown
