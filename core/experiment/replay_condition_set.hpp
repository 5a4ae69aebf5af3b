// A set of replay conditions: what the app's checkboxes and the CLI's --condition choose (instead of a
// bool[5] indexed by enum position).
#pragma once
#include <array>
#include <string>
#include <vector>

#include "experiment/replay.hpp"

namespace topdown {

// Number of replay conditions.
constexpr int kReplayConditionCount = 5;

class ReplayConditionSet {
public:
    // Every condition.
    static ReplayConditionSet all();
    // No condition.
    static ReplayConditionSet none() { return {}; }
    // "all" or a comma-separated list of condition names. Throws ArgumentError for an unknown name.
    static ReplayConditionSet parse(const std::string& text);

    // True when `c` is in the set.
    bool contains(ReplayCondition c) const { return on_[index(c)]; }
    // Adds or removes `c`.
    void set(ReplayCondition c, bool on) { on_[index(c)] = on; }
    // The flag of `c`, for a checkbox.
    bool* flag(ReplayCondition c) { return &on_[index(c)]; }
    // The conditions in the set, in the order of all_replay_conditions().
    std::vector<ReplayCondition> list() const;
    // True when the set is empty.
    bool empty() const { return list().empty(); }

private:
    static std::size_t index(ReplayCondition c);
    std::array<bool, kReplayConditionCount> on_{};
};

}  // namespace topdown
