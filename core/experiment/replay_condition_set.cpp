#include "experiment/replay_condition_set.hpp"

#include "util/errors.hpp"

namespace topdown {

std::size_t ReplayConditionSet::index(ReplayCondition c) {
    const auto i = static_cast<std::size_t>(c);
    if (i >= kReplayConditionCount) throw ArgumentError("unknown replay condition " + std::to_string(i));
    return i;
}

ReplayConditionSet ReplayConditionSet::all() {
    ReplayConditionSet s;
    for (auto c : all_replay_conditions()) s.set(c, true);
    return s;
}

ReplayConditionSet ReplayConditionSet::parse(const std::string& text) {
    if (text == "all") return all();
    ReplayConditionSet s;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        s.set(parse_replay_condition(text.substr(start, end - start)), true);
        start = end + 1;
    }
    return s;
}

std::vector<ReplayCondition> ReplayConditionSet::list() const {
    std::vector<ReplayCondition> out;
    for (auto c : all_replay_conditions())
        if (contains(c)) out.push_back(c);
    return out;
}

}  // namespace topdown
