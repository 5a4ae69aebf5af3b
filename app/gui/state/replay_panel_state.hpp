// The replay panel's fields and background tasks (continual-learning experiment, docs/METHODS.md §12).
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include "data_fetch_task.hpp"
#include "experiment/replay_condition_set.hpp"
#include "experiment/replay_job.hpp"

namespace topdown::gui {

struct ReplayPanelState {
    int epochs = 20, batches = 156, limit = 0;
    std::uint64_t seed = 1;  // 64-bit like every seed of the core
    ReplayConditionSet conditions = ReplayConditionSet::all();
    std::chrono::steady_clock::time_point started;
    std::string message;  // result of the last save
    bool retry_after_fetch = false;  // start again once the datasets are fetched
    ReplayJob* job = nullptr;        // owned by run_app (joined before exit)
    DataFetchTask data_fetch;        // "Fetch the datasets" (background thread)
};

}  // namespace topdown::gui
