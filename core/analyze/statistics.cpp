#include "analyze/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "util/errors.hpp"

namespace topdown {

MeanSem mean_sem(const std::vector<double>& v) {
    MeanSem r;
    r.n = static_cast<int>(v.size());
    if (v.empty()) return r;
    r.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    if (v.size() < 2) return r;
    double ss = 0;
    for (double x : v) ss += (x - r.mean) * (x - r.mean);
    r.sem = std::sqrt(ss / double(v.size() - 1)) / std::sqrt(double(v.size()));
    return r;
}

namespace {
// Number of arrangements of m x's and n y's with U = u, for all u (no ties).
std::vector<double> u_distribution(int m, int n) {
    // f[i][j][u] built iteratively over (i, j).
    const int maxu = m * n;
    std::vector<std::vector<std::vector<double>>> f(
        static_cast<std::size_t>(m + 1),
        std::vector<std::vector<double>>(static_cast<std::size_t>(n + 1), std::vector<double>(static_cast<std::size_t>(maxu + 1), 0)));
    for (int i = 0; i <= m; ++i)
        for (int j = 0; j <= n; ++j) {
            if (i == 0 || j == 0) {
                f[std::size_t(i)][std::size_t(j)][0] = 1;
                continue;
            }
            for (int u = 0; u <= i * j; ++u) {
                double v = f[std::size_t(i)][std::size_t(j - 1)][std::size_t(u)];  // last element is a y: no x beats it
                if (u >= j) v += f[std::size_t(i - 1)][std::size_t(j)][std::size_t(u - j)];  // last is an x: beats all j y's
                f[std::size_t(i)][std::size_t(j)][std::size_t(u)] = v;
            }
        }
    return f[std::size_t(m)][std::size_t(n)];
}
}  // namespace

MannWhitneyResult mann_whitney_greater(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.empty() || y.empty()) throw ArgumentError("Mann-Whitney needs two non-empty samples");
    const std::size_t n1 = x.size(), n2 = y.size(), n = n1 + n2;
    std::vector<std::pair<double, int>> all;
    for (double v : x) all.push_back({v, 0});
    for (double v : y) all.push_back({v, 1});
    std::sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.first < b.first; });
    double r1 = 0, tie_term = 0;
    bool ties = false;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && all[j].first == all[i].first) ++j;
        const double t = double(j - i), rank = (double(i + 1) + double(j)) / 2.0;
        if (t > 1) ties = true;
        tie_term += t * t * t - t;
        for (std::size_t k = i; k < j; ++k)
            if (all[k].second == 0) r1 += rank;
        i = j;
    }
    MannWhitneyResult res;
    res.u = r1 - double(n1) * double(n1 + 1) / 2.0;
    if (!ties && n1 < 8 && n2 < 8) {
        const auto dist = u_distribution(static_cast<int>(n1), static_cast<int>(n2));
        const double total = std::accumulate(dist.begin(), dist.end(), 0.0);
        double tail = 0;
        for (std::size_t u = static_cast<std::size_t>(std::lround(res.u)); u < dist.size(); ++u) tail += dist[u];
        res.p = tail / total;
        res.exact = true;
        return res;
    }
    const double mu = double(n1) * double(n2) / 2.0;
    const double var = double(n1) * double(n2) / 12.0 * ((double(n) + 1) - tie_term / (double(n) * (double(n) - 1)));
    if (var <= 0) {
        res.p = 1.0;  // every value tied: no evidence either way
        return res;
    }
    res.z = (res.u - mu - 0.5) / std::sqrt(var);
    res.p = 0.5 * std::erfc(res.z / std::sqrt(2.0));
    return res;
}

}  // namespace topdown
