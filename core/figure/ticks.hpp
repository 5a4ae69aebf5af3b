// Axis ticks of the figures: "nice" values (1, 2, 2.5, 5 x 10^k) and their labels.
#pragma once
#include <string>
#include <vector>

namespace topdown::figure {

// About `approx_count` nice tick values inside [lo, hi] (at least two when hi > lo).
std::vector<double> nice_ticks(double lo, double hi, int approx_count = 5, bool integers = false);

// Labels for tick values: the fewest decimals that tell neighbouring ticks apart; "−" for negatives.
std::vector<std::string> tick_labels(const std::vector<double>& ticks);

// A number with printf format `fmt` (e.g. "%.2f").
std::string format_number(const char* fmt, double v);

}  // namespace topdown::figure
