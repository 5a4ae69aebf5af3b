// Mean ± standard error, and the one-sided Mann-Whitney U test (docs/METHODS.md §9).
#pragma once
#include <vector>

namespace topdown {

struct MeanSem {
    double mean = 0, sem = 0;
    int n = 0;
};

// Mean and standard error of the mean (sample standard deviation / sqrt(n); sem 0 for n < 2).
MeanSem mean_sem(const std::vector<double>& values);

struct MannWhitneyResult {
    double u = 0;        // U statistic of the first sample
    double z = 0;        // normal approximation (0 when exact)
    double p = 1;        // one-sided p-value for "first sample tends to be greater"
    bool exact = false;  // exact distribution (small samples without ties)
};

// One-sided Mann-Whitney U test, alternative: x tends to be greater than y. Exact when both samples are
// smaller than 8 and there are no ties (as SciPy's 'auto'); otherwise the normal approximation with tie
// correction and continuity correction. Throws ArgumentError on an empty sample.
MannWhitneyResult mann_whitney_greater(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace topdown
