// Runs of one label and per-state dwell statistics (docs/METHODS.md §16.1).
#include "analyze/label_runs.hpp"

#include <algorithm>
#include <string>

#include "util/errors.hpp"

namespace topdown {

std::vector<LabelRun> label_runs(const std::vector<int>& states) {
    std::vector<LabelRun> runs;
    for (std::size_t s = 0; s < states.size(); ++s) {
        if (!runs.empty() && runs.back().label == states[s]) {
            ++runs.back().length;
            continue;
        }
        runs.push_back({states[s], static_cast<int>(s), 1});
    }
    return runs;
}

std::vector<ChainRun> ensemble_runs(const std::vector<std::vector<int>>& chains) {
    std::vector<ChainRun> out;
    for (std::size_t c = 0; c < chains.size(); ++c)
        for (const LabelRun& r : label_runs(chains[c])) out.push_back({static_cast<int>(c), r});
    return out;
}

std::vector<StateDwell> state_dwell(const std::vector<std::vector<int>>& chains, int C) {
    if (C < 0) throw ArgumentError("the number of classes must not be negative");
    std::vector<StateDwell> d(static_cast<std::size_t>(C) + 1);
    long long total = 0;
    std::vector<int> runs_here(d.size());
    for (const auto& chain : chains) {
        std::fill(runs_here.begin(), runs_here.end(), 0);
        for (const LabelRun& r : label_runs(chain)) {
            if (r.label < 0 || r.label > C)
                throw ArgumentError("state " + std::to_string(r.label) + " is outside 0.." + std::to_string(C));
            StateDwell& s = d[static_cast<std::size_t>(r.label)];
            s.steps += r.length;
            s.runs += 1;
            s.max_dwell = std::max(s.max_dwell, r.length);
            ++runs_here[static_cast<std::size_t>(r.label)];
        }
        for (std::size_t k = 0; k < d.size(); ++k)
            if (runs_here[k] > 0) d[k].returns += runs_here[k] - 1;
        total += static_cast<long long>(chain.size());
    }
    for (StateDwell& s : d) {
        s.mean_dwell = s.runs > 0 ? double(s.steps) / s.runs : 0.0;
        s.occupancy = total > 0 ? double(s.steps) / double(total) : 0.0;
    }
    return d;
}

}  // namespace topdown
