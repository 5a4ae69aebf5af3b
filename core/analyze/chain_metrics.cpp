#include "analyze/chain_metrics.hpp"

#include "util/errors.hpp"

namespace topdown {

ChainMetrics chain_metrics(const std::vector<int>& states, int C) {
    ChainMetrics m;
    m.state_time.assign(static_cast<std::size_t>(C + 1), 0);
    std::vector<char> seen(static_cast<std::size_t>(C), 0);
    int last = -1;
    for (int s : states) {
        if (s < 0 || s > C) throw ArgumentError("state " + std::to_string(s) + " is outside 0.." + std::to_string(C));
        ++m.state_time[static_cast<std::size_t>(s)];
        if (s == C) continue;  // non-class steps are removed before counting runs
        if (!seen[static_cast<std::size_t>(s)]) {
            seen[static_cast<std::size_t>(s)] = 1;
            ++m.visited_states;
        }
        if (s != last) ++m.transitions;
        last = s;
    }
    m.changes = m.transitions > 0 ? m.transitions - 1 : 0;
    return m;
}

}  // namespace topdown
