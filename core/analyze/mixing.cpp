// Integrated autocorrelation time (Sokal), effective sample size, first passage (docs/METHODS.md §16.5).
#include "analyze/mixing.hpp"

#include <algorithm>
#include <map>

namespace topdown {

AutocorrelationTime integrated_autocorrelation_time(const std::vector<double>& x, double c) {
    AutocorrelationTime a;
    const std::size_t n = x.size();
    if (n == 0) return a;
    double mean = 0;
    for (double v : x) mean += v;
    mean /= double(n);
    auto autocov = [&](std::size_t t) {
        double s = 0;
        for (std::size_t i = 0; i + t < n; ++i) s += (x[i] - mean) * (x[i + t] - mean);
        return s / double(n);
    };
    const double c0 = autocov(0);
    const bool all_equal = std::all_of(x.begin(), x.end(), [&](double v) { return v == x[0]; });
    if (all_equal || !(c0 > 0)) {
        a.tau = double(n);
        a.ess = 1;
        a.constant = true;
        a.window = 0;
        return a;
    }
    double tau = 1;
    std::size_t m = 1;
    for (; m < n; ++m) {
        tau += 2 * autocov(m) / c0;
        if (double(m) >= c * tau) break;
    }
    a.window = static_cast<int>(std::min(m, n - 1));
    a.tau = tau;
    a.ess = double(n) / tau;
    return a;
}

FirstPassage first_passage(const std::vector<int>& s) {
    for (std::size_t i = 1; i < s.size(); ++i)
        if (s[i] != s[0]) return {static_cast<int>(i), false};
    return {static_cast<int>(s.size()), true};
}

std::vector<double> modal_state_indicator(const std::vector<int>& s) {
    std::map<int, int> count;
    for (int v : s) ++count[v];
    int mode = 0, best = -1;
    for (const auto& [v, k] : count)
        if (k > best) {
            best = k;
            mode = v;
        }
    std::vector<double> out(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) out[i] = s[i] == mode ? 1.0 : 0.0;
    return out;
}

ChainMixing chain_mixing(const std::vector<double>& activity, const std::vector<int>& states) {
    return {integrated_autocorrelation_time(activity), integrated_autocorrelation_time(modal_state_indicator(states)),
            first_passage(states)};
}

}  // namespace topdown
