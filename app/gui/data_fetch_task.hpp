// `topdown-cli data fetch` as a background task of the app: fetches and verifies MNIST and Fashion-MNIST into
// the data folder on its own thread (a Task: cancellable between stages, the error captured), with the newest
// progress line for the UI and a clear error on failure.
#pragma once
#include <atomic>
#include <string>

#include "util/task.hpp"

namespace topdown::gui {

class DataFetchTask {
public:
    enum class State { Idle, Running, Done, Failed };
    DataFetchTask() = default;
    // Cancels the fetch (it stops after its current download) and joins its thread.
    ~DataFetchTask() = default;
    DataFetchTask(const DataFetchTask&) = delete;
    DataFetchTask& operator=(const DataFetchTask&) = delete;

    // Starts fetching both datasets into `dir` ("" : the default data folder); no-op while running.
    void start(const std::string& dir = "");
    // The current state (a cancelled fetch counts as Failed).
    State state() const;
    // The newest progress line, or the error when Failed.
    std::string message() const;
    // Seconds since start().
    double elapsed_s() const;

private:
    Task<std::string> task_;  // progress: the newest line
    std::atomic<double> started_{0};
};

}  // namespace topdown::gui
