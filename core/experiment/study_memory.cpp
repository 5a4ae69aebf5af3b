#include "experiment/study_memory.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "experiment/study.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
using u64 = std::uint64_t;
// Saturating arithmetic: absurd requests must give a huge estimate, not wrap around to a small one.
u64 add(u64 a, u64 b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }
u64 mul(u64 a, u64 b) { return a != 0 && b > UINT64_MAX / a ? UINT64_MAX : a * b; }
}  // namespace

StudyMemory estimate_study_memory(const std::vector<int>& arch, int classes, int chains, int steps, std::size_t conditions,
                                  bool write_outputs) {
    if (arch.size() < 2 || chains < 1 || steps < 1 || classes < 1)
        throw ArgumentError("estimate_study_memory: needs a model with at least one layer, chains, steps and classes");
    const u64 N = u64(chains), S = u64(steps), D = u64(arch.front()), L = u64(arch.size() - 1), C = u64(classes);
    u64 units = 0, hidden = 0;
    for (std::size_t l = 0; l < arch.size(); ++l) {
        units += u64(arch[l]);
        if (l > 0) hidden += u64(arch[l]);
    }
    const u64 top = u64(arch.back()), NS = mul(N, S), F = study_filmstrip_steps(steps).size();
    StudyMemory m;
    // While a condition runs: every visible state (floats) kept for the classifier, the class probabilities
    // (C + 1 floats) and classifications (12 bytes) of each, the chain batch (states and pre-activations of
    // every layer, energies) and the initial top states.
    m.per_condition = add(add(add(mul(mul(NS, D), 4), mul(mul(NS, C + 1), 4)), mul(NS, 12)),
                          add(add(mul(mul(N, units), 8), mul(mul(N, L), 4)), mul(mul(N, top), 4)));
    // Kept per condition: states (ints), per-step energy mean/SEM, active means, hidden means, entropy, and
    // the filmstrip (up to 3 chains x F frames x D).
    m.kept = add(add(mul(NS, 4), mul(mul(S, 3 * L + hidden + 1), 4)), mul(mul(std::min<u64>(3, N) * F, D), 4));
    // Outputs: the stacked hidden means for the PCA, per-chain summaries, energy CSV text (~64 bytes a line).
    if (write_outputs)
        m.outputs = mul(u64(conditions), add(add(mul(mul(S, hidden), 4), mul(N, 64)), mul(mul(S, L), 64)));
    m.total = add(add(add(kStudyFixedBytes, m.per_condition), mul(mul(u64(conditions), m.kept), 3)), m.outputs);
    return m;
}

std::uint64_t study_memory_limit() {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page <= 0) return 8ull << 30;
    return u64(pages) / 4 * 3 * u64(page);
}

std::string format_bytes(std::uint64_t b) {
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = double(b);
    int i = 0;
    while (v >= 1024 && i < 6) {
        v /= 1024;
        ++i;
    }
    char out[48];
    if (i == 0) std::snprintf(out, sizeof out, "%llu bytes", static_cast<unsigned long long>(b));
    else std::snprintf(out, sizeof out, v < 10 ? "%.1f %s" : "%.0f %s", v, units[i]);
    return out;
}

void check_study_memory(const std::vector<int>& arch, int classes, int chains, int steps, std::size_t conditions,
                        bool write_outputs, std::uint64_t limit) {
    const StudyMemory m = estimate_study_memory(arch, classes, chains, steps, conditions, write_outputs);
    if (m.total <= limit) return;
    // The largest step count that fits with these chains (the estimate grows with the steps).
    int lo = 0, hi = steps;
    while (lo < hi) {
        const int mid = lo + (hi - lo + 1) / 2;
        if (estimate_study_memory(arch, classes, chains, mid, conditions, write_outputs).total <= limit) lo = mid;
        else hi = mid - 1;
    }
    std::string advice;
    if (lo >= 1)
        advice = "reduce --steps to at most " + std::to_string(lo) + " with " + std::to_string(chains) +
                 " chains, or reduce --chains";
    else
        advice = "reduce --chains (even 1 step does not fit with " + std::to_string(chains) + " chains)";
    throw ArgumentError("this study would need about " + format_bytes(m.total) + " of memory (" + std::to_string(chains) +
                        " chains x " + std::to_string(steps) + " steps per condition: " + format_bytes(m.per_condition) +
                        " while a condition runs, since every visible state is kept for the classifier, plus " +
                        format_bytes(m.kept) + " of results per condition for " + std::to_string(conditions) +
                        " conditions), more than the " + format_bytes(limit) + " allowed here (3/4 of physical memory): " +
                        advice + ", or run fewer conditions per process with --study or --shard i/n");
}

}  // namespace topdown
