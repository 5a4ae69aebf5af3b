// Statistics the distribution plots draw (core/figure/draw_distribution.cpp): quantiles and a kernel density.
#pragma once
#include <vector>

namespace topdown::figure {

// Gaussian kernel density of `values` at `at` (Silverman's bandwidth); all zeros for fewer than 2 values.
std::vector<double> kernel_density(const std::vector<double>& values, const std::vector<double>& at);
// Quantile q in [0, 1] of sorted values (linear interpolation).
double quantile(const std::vector<double>& sorted, double q);

}  // namespace topdown::figure
