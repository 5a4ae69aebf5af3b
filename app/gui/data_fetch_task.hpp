// `topdown-cli data fetch` as a background task of the app: fetches and verifies MNIST and Fashion-MNIST into
// the data folder on its own thread, with the newest progress line for the UI and a clear error on failure.
#pragma once
#include <atomic>
#include <mutex>
#include <string>
#include <thread>

namespace topdown::gui {

class DataFetchTask {
public:
    enum class State { Idle, Running, Done, Failed };
    DataFetchTask() = default;
    // Joins the fetch thread (the fetch itself finishes its current download first).
    ~DataFetchTask();
    DataFetchTask(const DataFetchTask&) = delete;
    DataFetchTask& operator=(const DataFetchTask&) = delete;

    // Starts fetching both datasets into `dir` ("" : the default data folder); no-op while running.
    void start(const std::string& dir = "");
    // The current state.
    State state() const { return state_.load(); }
    // The newest progress line, or the error when Failed.
    std::string message() const;
    // Seconds since start().
    double elapsed_s() const;

private:
    void set_message(const std::string& m);

    std::atomic<State> state_{State::Idle};
    mutable std::mutex mutex_;
    std::string message_;
    std::thread thread_;
    double started_ = 0;
};

}  // namespace topdown::gui
