// The simulation worker: a thread that owns the Simulation, applies UI commands in order, steps at the
// requested speed and publishes an immutable Snapshot after every step and every command batch.
// Model files load on a helper thread; the previous model stays in use until the new one is ready, and a
// bad file only produces an error message in the snapshot.
#pragma once
#include <chrono>
#include <deque>
#include <memory>
#include <thread>

#include "session/command_queue.hpp"
#include "session/session_command.hpp"
#include "session/simulation.hpp"
#include "session/snapshot_mailbox.hpp"

namespace topdown {

class SessionWorker {
public:
    // Starts the worker thread (paused, no model). `history_capacity`: focused-chain steps kept.
    // `yield_to_ui`: run the worker thread at a lower OS priority (nice +10 on Linux), so that a UI thread and
    // the renderer always get a core first and the worker takes what is left ("flat out" = all that is left).
    explicit SessionWorker(std::size_t history_capacity = 1000, std::size_t ensemble_capacity = 2000,
                           bool yield_to_ui = false);
    // Stops the worker and the loader and joins them.
    ~SessionWorker();
    SessionWorker(const SessionWorker&) = delete;
    SessionWorker& operator=(const SessionWorker&) = delete;

    // Queues a command (never blocks on the simulation).
    void send(SessionCommand command);
    // The newest snapshot (never null: an empty one before the worker has published).
    std::shared_ptr<const Snapshot> latest() const;
    // Waits until the newest snapshot satisfies `pred` or `timeout` passes; returns the newest snapshot.
    std::shared_ptr<const Snapshot> wait_for(const std::function<bool(const Snapshot&)>& pred,
                                             std::chrono::milliseconds timeout) const;

private:
    struct ModelLoaded {
        std::uint64_t request = 0;
        std::string path;
        std::shared_ptr<const ModelInfo> info;
        std::shared_ptr<const GenerationModel> model;
        std::string error;
        std::optional<SessionParams> params;
        int run_to = 0;
    };
    using Item = std::variant<SessionCommand, ModelLoaded>;

    void run();
    void apply(const SessionCommand& c);
    void apply_loaded(ModelLoaded&& m);
    void start_load(const cmd::LoadModel& request);
    void do_step();
    void set_error(const std::string& message);
    void publish();

    CommandQueue<Item> queue_;
    SnapshotMailbox mailbox_;
    std::shared_ptr<const Snapshot> empty_;
    // Worker-thread state (touched only by the worker thread).
    Simulation sim_;
    RunMode mode_ = RunMode::Paused;
    int run_to_ = 0;
    float speed_ = 30;
    std::uint64_t serial_ = 0, error_serial_ = 0, load_request_ = 0;
    std::string status_, error_, loading_path_;
    bool loading_ = false;
    std::deque<std::chrono::steady_clock::time_point> step_times_;  // steps of the last second
    std::thread loader_;
    std::shared_ptr<TaskState> load_task_;  // cancels the running load when a newer one is requested
    std::thread thread_;  // last: started after every member above is ready
};

}  // namespace topdown
